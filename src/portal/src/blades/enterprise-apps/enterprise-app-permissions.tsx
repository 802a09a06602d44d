/**
 * An enterprise application's Permissions: the delegated permissions granted to it (OAuth2 permission grants,
 * by admin or user consent) and the application permissions (app role assignments) it holds, per API.
 */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import type { AppRoleAssignment, OAuth2PermissionGrant, ServicePrincipal } from '../../api/types';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '16px 0 8px' },
  scroll: { overflowX: 'auto' },
});

interface Row { key: string; api: string; claim: string; permission: string; type: 'Delegated' | 'Application'; grantedThrough: string }

export function EnterpriseAppPermissions({ sp }: { sp: ServicePrincipal }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const { data, error } = useLoad(async () => {
    const [grants, roles] = await Promise.all([
      graph.list<OAuth2PermissionGrant>(`/servicePrincipals/${sp.id}/oauth2PermissionGrants`),
      graph.list<AppRoleAssignment>(`/servicePrincipals/${sp.id}/appRoleAssignments`),
    ]);
    const resourceIds = [...new Set([...grants.map((g) => g.resourceId), ...roles.map((r) => r.resourceId)])];
    const resources = new Map<string, ServicePrincipal>();
    await Promise.all(resourceIds.map(async (id) => {
      try {
        resources.set(id, await graph.get<ServicePrincipal>(`/servicePrincipals/${id}`));
      } catch {
        // A resource deleted meanwhile: its rows show the object ID.
      }
    }));
    const rows: Row[] = [];
    for (const g of grants) {
      const api = resources.get(g.resourceId);
      for (const value of g.scope.split(' ').filter(Boolean)) {
        rows.push({
          key: `${g.id}-${value}`, api: api?.displayName ?? g.resourceId, claim: value, type: 'Delegated',
          permission: api?.oauth2PermissionScopes.find((s) => s.value === value)?.adminConsentDisplayName ?? value,
          grantedThrough: g.consentType === 'AllPrincipals' ? 'Admin consent' : 'User consent',
        });
      }
    }
    for (const r of roles) {
      const api = resources.get(r.resourceId);
      const role = api?.appRoles.find((x) => x.id === r.appRoleId);
      rows.push({ key: r.id, api: api?.displayName ?? r.resourceId, claim: role?.value ?? r.appRoleId, permission: role?.displayName ?? r.appRoleId, type: 'Application', grantedThrough: 'Admin consent' });
    }
    return rows.sort((a, b) => a.api.localeCompare(b.api) || a.type.localeCompare(b.type) || a.claim.localeCompare(b.claim));
  }, [graph, sp.id]);
  return (
    <>
      <h2 className={styles.h2}>Granted permissions</h2>
      <ErrorBar error={error} action="The permissions could not be listed" />
      {data === undefined ? (error ? null : <Loading label="Loading permissions…" />) : data.length === 0 ? (
        <EmptyState title="No permissions have been granted to this application">
          Request permissions in its app registration&apos;s <strong>API permissions</strong> and grant admin consent there.
          {' '}<RouteLink route="/entra/app-registrations">Open App registrations</RouteLink>
        </EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Granted permissions" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>API Name</TableHeaderCell>
                <TableHeaderCell>Claim value</TableHeaderCell>
                <TableHeaderCell>Permission</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>Granted through</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((r) => (
                <TableRow key={r.key}>
                  <TableCell>{r.api}</TableCell>
                  <TableCell>{r.claim}</TableCell>
                  <TableCell>{r.permission}</TableCell>
                  <TableCell>{r.type}</TableCell>
                  <TableCell>{r.grantedThrough}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
