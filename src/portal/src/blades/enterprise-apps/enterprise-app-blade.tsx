/** One enterprise application (service principal): Overview, Users and groups, Permissions. */
import { AppsRegular, InfoRegular, KeyMultipleRegular, PeopleRegular } from '@fluentui/react-icons';
import type { ServicePrincipal } from '../../api/types';
import { BladeHeader } from '../../components/blade-header';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { MenuBlade } from '../../components/menu-blade';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { EnterpriseAppOverview } from './enterprise-app-overview';
import { EnterpriseAppPermissions } from './enterprise-app-permissions';
import { EnterpriseAppUsers } from './enterprise-app-users';

const SECTIONS = [
  { key: 'overview', label: 'Overview', icon: InfoRegular },
  { key: 'users-and-groups', label: 'Users and groups', icon: PeopleRegular },
  { key: 'permissions', label: 'Permissions', icon: KeyMultipleRegular },
];

export function EnterpriseAppBlade({ id, section }: { id: string; section: string }) {
  const { graph } = usePortal();
  const { data: sp, error } = useLoad(() => graph.get<ServicePrincipal>(`/servicePrincipals/${encodeURIComponent(id)}`), [graph, id]);
  if (!sp) {
    return error
      ? <><ErrorBar error={error} action="The enterprise application could not be opened" /><p><RouteLink route="/entra/enterprise-apps">Back to Enterprise applications</RouteLink></p></>
      : <Loading label="Loading the enterprise application…" />;
  }
  const current = SECTIONS.find((s) => s.key === section);
  return (
    <MenuBlade
      label="Enterprise application"
      entries={SECTIONS.map((s) => ({ ...s, route: `/enterprise-apps/${sp.id}/${s.key}` }))}
      active={section}
      header={<BladeHeader icon={<AppsRegular />} title={`${sp.displayName} | ${current?.label ?? 'Overview'}`} subtitle="Enterprise Application" />}
    >
      {section === 'overview' ? <EnterpriseAppOverview sp={sp} />
        : section === 'users-and-groups' ? <EnterpriseAppUsers sp={sp} />
          : section === 'permissions' ? <EnterpriseAppPermissions sp={sp} />
            : <EmptyState title="This application has no such page">Pick an entry from the menu.</EmptyState>}
    </MenuBlade>
  );
}
