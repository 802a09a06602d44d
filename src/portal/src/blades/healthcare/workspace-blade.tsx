/** One Healthcare APIs workspace: its FHIR services, Add FHIR service, and Delete (once it holds none). */
import {
  makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular, DeleteRegular, HeartPulseRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { serviceName, type FhirService } from '../../api/arm-types';
import { armPaths } from '../../api/management';
import { useManagement } from '../../api/use-management';
import { BladeHeader } from '../../components/blade-header';
import { CommandBar } from '../../components/command-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { NamePanel } from './name-panel';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { minWidth: '600px' },
  url: { overflowWrap: 'anywhere', fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px' },
});

export function WorkspaceBlade({ workspace }: { workspace: string }) {
  const styles = useStyles();
  const { organization } = usePortal();
  const management = useManagement();
  const paths = armPaths(organization.id);
  const [panel, setPanel] = useState<'add' | 'delete' | undefined>();
  const { data: services, error, reload } = useLoad(
    async () => (await management.list<FhirService>(paths.services(workspace))).sort((a, b) => a.name.localeCompare(b.name)),
    [management, workspace, organization.id]);
  return (
    <>
      <BladeHeader icon={<HeartPulseRegular />} title={`${workspace} | FHIR service`} subtitle="Health Data Services workspace" />
      <CommandBar label="Workspace commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setPanel('add')}>Add FHIR service</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<DeleteRegular />} onClick={() => setPanel('delete')}>Delete workspace</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The FHIR services could not be listed" />
      {services === undefined ? (error ? null : <Loading label="Loading FHIR services…" />) : services.length === 0 ? (
        <EmptyState title="This workspace has no FHIR services">Select <strong>Add FHIR service</strong> to deploy a FHIR R4 server.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="FHIR services" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Service URL</TableHeaderCell>
                <TableHeaderCell>Version</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {services.map((svc) => (
                <TableRow key={svc.id}>
                  <TableCell><RouteLink route={`/healthcare/${workspace}/${serviceName(svc)}/overview`}>{serviceName(svc)}</RouteLink></TableCell>
                  <TableCell className={styles.url}>{svc.properties.serviceUrl ?? svc.properties.authenticationConfiguration.audience}</TableCell>
                  <TableCell>{svc.kind === 'fhir-R4' ? 'FHIR R4' : svc.kind}</TableCell>
                  <TableCell>{svc.properties.provisioningState}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <NamePanel
        open={panel === 'add'} title="Create FHIR service" label="FHIR service name" action="The FHIR service could not be created"
        intro={`A FHIR R4 service in the workspace ${workspace}. Its URL is made from the workspace and service names.`}
        onClose={() => setPanel(undefined)}
        onCreate={async (name) => {
          await management.put(paths.service(workspace, name), { location: 'local', kind: 'fhir-R4' });
          navigate(`/healthcare/${workspace}/${name}/overview`);
        }}
      />
      <ConfirmDialog
        open={panel === 'delete'} title="Delete workspace" confirm="Delete" action="The workspace could not be deleted" onClose={() => setPanel(undefined)}
        onConfirm={async () => {
          await management.delete(paths.workspace(workspace));
          navigate('/healthcare');
        }}
      >
        Delete the workspace {workspace}? Delete its FHIR services first: a workspace that still holds one cannot be deleted.
      </ConfirmDialog>
    </>
  );
}
