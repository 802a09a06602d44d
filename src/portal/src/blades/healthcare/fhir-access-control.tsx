/** A FHIR service's Access control (IAM): its role assignments (Role, Name, Type), Add role assignment, Remove. */
import {
  Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { RoleAssignment, RoleDefinition } from '../../api/arm-types';
import { armPaths } from '../../api/management';
import { useManagement } from '../../api/use-management';
import { CommandBar } from '../../components/command-bar';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { AddRoleAssignmentPanel } from './add-role-assignment-panel';
import { principalNames } from './principal-names';

const useStyles = makeStyles({ scroll: { overflowX: 'auto' }, table: { minWidth: '600px' } });

const TYPE_LABEL: Record<string, string> = { User: 'User', Group: 'Group', ServicePrincipal: 'App' };

export function FhirAccessControl({ workspace, service }: { workspace: string; service: string }) {
  const styles = useStyles();
  const { organization, graph } = usePortal();
  const management = useManagement();
  const paths = armPaths(organization.id);
  const [adding, setAdding] = useState(false);
  const { error: actionError, run } = useAction();
  const roles = useLoad(() => management.list<RoleDefinition>(paths.roleDefinitions), [management, paths.roleDefinitions]);
  const assignments = useLoad(async () => {
    const list = await management.list<RoleAssignment>(paths.assignments(workspace, service));
    const names = await principalNames(graph, list.map((a) => ({ id: a.properties.principalId, type: a.properties.principalType })));
    return list.map((a) => ({ ...a, displayName: names.get(a.properties.principalId) ?? a.properties.principalId }));
  }, [management, graph, workspace, service, organization.id]);
  const roleName = (a: RoleAssignment) => {
    const id = a.properties.roleDefinitionId.split('/').pop();
    return roles.data?.find((r) => r.name === id)?.properties.roleName ?? id ?? '';
  };
  const remove = (a: RoleAssignment) => run(async () => {
    await management.delete(paths.assignment(workspace, service, a.name));
    await assignments.reload();
  });
  const rows = [...(assignments.data ?? [])].sort((a, b) => roleName(a).localeCompare(roleName(b)) || a.displayName.localeCompare(b.displayName));
  return (
    <>
      <CommandBar label="Access control commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setAdding(true)}>Add role assignment</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void assignments.reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={roles.error} action="The FHIR roles could not be listed" />
      <ErrorBar error={assignments.error} action="The role assignments could not be listed" />
      <ErrorBar error={actionError} action="The role assignment could not be removed" />
      {assignments.data === undefined ? (assignments.error ? null : <Loading label="Loading role assignments…" />) : rows.length === 0 ? (
        <EmptyState title="No role assignments on this FHIR service">
          Nobody can read or write its data yet. Select <strong>Add role assignment</strong> and give a user, group or app a FHIR role.
        </EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Role assignments" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Role</TableHeaderCell>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{roleName(a)}</TableCell>
                  <TableCell>{a.displayName}</TableCell>
                  <TableCell>{TYPE_LABEL[a.properties.principalType] ?? a.properties.principalType}</TableCell>
                  <TableCell>
                    <Button size="small" icon={<DeleteRegular />} aria-label={`Remove ${roleName(a)} from ${a.displayName}`} onClick={() => void remove(a)}>Remove</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <AddRoleAssignmentPanel
        open={adding} roles={roles.data ?? []} workspace={workspace} service={service}
        onClose={() => setAdding(false)} onAssigned={() => void assignments.reload()}
      />
    </>
  );
}
