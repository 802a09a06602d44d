/** One FHIR service: a left menu with Overview and Access control (IAM), and Delete. */
import { ToolbarButton } from '@fluentui/react-components';
import { DeleteRegular, HeartPulseRegular, InfoRegular, PeopleTeamRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { FhirService } from '../../api/arm-types';
import { armPaths } from '../../api/management';
import { useManagement } from '../../api/use-management';
import { BladeHeader } from '../../components/blade-header';
import { CommandBar } from '../../components/command-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { MenuBlade } from '../../components/menu-blade';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { FhirAccessControl } from './fhir-access-control';
import { FhirServiceOverview } from './fhir-service-overview';

const SECTIONS = [
  { key: 'overview', label: 'Overview', icon: InfoRegular },
  { key: 'iam', label: 'Access control (IAM)', icon: PeopleTeamRegular },
];

export function FhirServiceBlade({ workspace, service, section }: { workspace: string; service: string; section: string }) {
  const { organization } = usePortal();
  const management = useManagement();
  const paths = armPaths(organization.id);
  const [deleting, setDeleting] = useState(false);
  const { data: svc, error } = useLoad(() => management.get<FhirService>(paths.service(workspace, service)), [management, workspace, service, organization.id]);
  if (!svc) {
    return error
      ? <><ErrorBar error={error} action="The FHIR service could not be opened" /><p><RouteLink route={`/healthcare/${workspace}`}>Back to the workspace</RouteLink></p></>
      : <Loading label="Loading the FHIR service…" />;
  }
  const current = SECTIONS.find((s) => s.key === section);
  return (
    <MenuBlade
      label="FHIR service"
      entries={SECTIONS.map((s) => ({ ...s, route: `/healthcare/${workspace}/${service}/${s.key}` }))}
      active={section}
      header={<BladeHeader icon={<HeartPulseRegular />} title={`${service} | ${current?.label ?? 'Overview'}`} subtitle={`FHIR service in ${workspace}`} />}
    >
      {section === 'overview' ? (
        <>
          <CommandBar label="FHIR service commands">
            <ToolbarButton appearance="subtle" icon={<DeleteRegular />} onClick={() => setDeleting(true)}>Delete</ToolbarButton>
          </CommandBar>
          <FhirServiceOverview service={svc} workspace={workspace} />
        </>
      ) : section === 'iam' ? <FhirAccessControl workspace={workspace} service={service} />
        : <EmptyState title="This FHIR service has no such page">Pick an entry from the menu.</EmptyState>}
      <ConfirmDialog
        open={deleting} title="Delete FHIR service" confirm="Delete" action="The FHIR service could not be deleted" onClose={() => setDeleting(false)}
        onConfirm={async () => {
          await management.delete(paths.service(workspace, service));
          navigate(`/healthcare/${workspace}`);
        }}
      >
        Delete the FHIR service {service}? All of its FHIR resources and role assignments are deleted with it. This cannot be undone.
      </ConfirmDialog>
    </MenuBlade>
  );
}
