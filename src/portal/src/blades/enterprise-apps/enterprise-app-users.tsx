/** An enterprise application's Users and groups: who is assigned to it and with which app role (appRoleAssignedTo). */
import {
  Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DeleteRegular, PersonAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ServicePrincipal } from '../../api/types';
import { CommandBar } from '../../components/command-bar';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { AddAssignmentPanel, DEFAULT_ACCESS } from './add-assignment-panel';

interface Assignment { id: string; appRoleId: string; principalDisplayName: string | null; principalId: string; principalType: string }

const useStyles = makeStyles({ scroll: { overflowX: 'auto' } });

export function EnterpriseAppUsers({ sp }: { sp: ServicePrincipal }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [adding, setAdding] = useState(false);
  const { error: actionError, run } = useAction();
  const path = `/servicePrincipals/${sp.id}/appRoleAssignedTo`;
  const { data, error, reload } = useLoad(() => graph.list<Assignment>(path), [graph, path]);
  const roleName = (id: string) => id === DEFAULT_ACCESS ? 'Default Access' : sp.appRoles.find((r) => r.id === id)?.displayName ?? id;
  // Applications holding app roles are application permissions (see Permissions), not users and groups.
  const rows = (data ?? []).filter((a) => a.principalType !== 'ServicePrincipal');
  const remove = (a: Assignment) => run(async () => {
    await graph.delete(`${path}/${a.id}`);
    await reload();
  });
  return (
    <>
      <CommandBar label="Users and groups commands">
        <ToolbarButton appearance="subtle" icon={<PersonAddRegular />} onClick={() => setAdding(true)}>Add user/group</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The assignments could not be listed" />
      <ErrorBar error={actionError} action="The assignment could not be removed" />
      {data === undefined ? (error ? null : <Loading label="Loading users and groups…" />) : rows.length === 0 ? (
        <EmptyState title="No users or groups are assigned to this application">
          Select <strong>Add user/group</strong> to give people one of its app roles; they then get the role in their tokens.
        </EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Users and groups" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Display name</TableHeaderCell>
                <TableHeaderCell>Object type</TableHeaderCell>
                <TableHeaderCell>Role assigned</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" style={{ width: '110px' }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.principalDisplayName ?? a.principalId}</TableCell>
                  <TableCell>{a.principalType}</TableCell>
                  <TableCell>{roleName(a.appRoleId)}</TableCell>
                  <TableCell>
                    <Button size="small" icon={<DeleteRegular />} aria-label={`Remove ${a.principalDisplayName ?? a.principalId}`} onClick={() => void remove(a)}>Remove</Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <AddAssignmentPanel sp={sp} open={adding} exclude={[]} onClose={() => setAdding(false)} onAssigned={reload} />
    </>
  );
}
