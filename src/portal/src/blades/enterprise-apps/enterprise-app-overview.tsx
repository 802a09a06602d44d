/** An enterprise application's Overview: its name, Application ID and Object ID, and where its registration lives. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { Application, ServicePrincipal } from '../../api/types';
import { odataString } from '../../api/graph';
import { Essentials } from '../../components/essentials';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { isMicrosoftApp } from './enterprise-apps-blade';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '24px 0 8px' },
});

export function EnterpriseAppOverview({ sp }: { sp: ServicePrincipal }) {
  const styles = useStyles();
  const { graph } = usePortal();
  // The app registration, when it is in this tenant (Microsoft's own apps are registered elsewhere).
  const registration = useLoad(
    async () => isMicrosoftApp(sp) ? [] : graph.list<Application>(`/applications?$filter=appId eq ${odataString(sp.appId)}`), [graph, sp.appId]);
  const app = registration.data?.[0];
  return (
    <>
      <h2 className={styles.h2}>Properties</h2>
      <Essentials
        items={[
          { label: 'Name', value: sp.displayName },
          { label: 'Application ID', value: sp.appId, copy: true, testId: 'sp-application-id' },
          { label: 'Object ID', value: sp.id, copy: true, testId: 'sp-object-id' },
          { label: 'Application type', value: isMicrosoftApp(sp) ? 'Microsoft application' : 'Enterprise application' },
          { label: 'Service principal names', value: sp.servicePrincipalNames.join(', ') },
        ]}
      />
      <h2 className={styles.h2}>Getting started</h2>
      <Text>
        Assign users and groups to app roles in <RouteLink route={`/enterprise-apps/${sp.id}/users-and-groups`}>Users and groups</RouteLink>, and
        review what it may call in <RouteLink route={`/enterprise-apps/${sp.id}/permissions`}>Permissions</RouteLink>.
        {app ? <> Its redirect URIs, secrets and API permissions are in its <RouteLink route={`/apps/${app.id}/overview`}>app registration</RouteLink>.</> : null}
      </Text>
    </>
  );
}
