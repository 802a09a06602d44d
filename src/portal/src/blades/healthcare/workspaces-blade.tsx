/** Healthcare APIs: the tenant's workspaces (Azure Health Data Services), with Create. */
import {
  makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular, HeartPulseRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Workspace } from '../../api/arm-types';
import { armPaths } from '../../api/management';
import { useManagement } from '../../api/use-management';
import { BladeHeader } from '../../components/blade-header';
import { CommandBar } from '../../components/command-bar';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { NamePanel } from './name-panel';

const useStyles = makeStyles({ scroll: { overflowX: 'auto' }, table: { minWidth: '560px' } });

export function WorkspacesBlade() {
  const styles = useStyles();
  const { organization } = usePortal();
  const management = useManagement();
  const paths = armPaths(organization.id);
  const [creating, setCreating] = useState(false);
  const { data: workspaces, error, reload } = useLoad(
    async () => (await management.list<Workspace>(paths.workspaces)).sort((a, b) => a.name.localeCompare(b.name)), [management, paths.workspaces]);
  return (
    <>
      <BladeHeader icon={<HeartPulseRegular />} title="Healthcare APIs | Workspaces" subtitle="Azure Health Data Services" />
      <CommandBar label="Workspaces commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setCreating(true)}>Create</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The workspaces could not be listed" />
      {workspaces === undefined ? (error ? null : <Loading label="Loading workspaces…" />) : workspaces.length === 0 ? (
        <EmptyState title="No Healthcare APIs workspaces yet">Select <strong>Create</strong> to add a workspace, then add a FHIR service to it.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Workspaces" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Resource group</TableHeaderCell>
                <TableHeaderCell>Location</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {workspaces.map((ws) => (
                <TableRow key={ws.id}>
                  <TableCell><RouteLink route={`/healthcare/${ws.name}`}>{ws.name}</RouteLink></TableCell>
                  <TableCell>entrada</TableCell>
                  <TableCell>{ws.location}</TableCell>
                  <TableCell>{ws.properties.provisioningState}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <NamePanel
        open={creating} title="Create Health Data Services workspace" label="Workspace name" action="The workspace could not be created"
        intro="A workspace holds FHIR services. Its name is part of every service URL in it."
        onClose={() => setCreating(false)}
        onCreate={async (name) => {
          await management.put(paths.workspace(name), { location: 'local' });
          navigate(`/healthcare/${name}`);
        }}
      />
    </>
  );
}
