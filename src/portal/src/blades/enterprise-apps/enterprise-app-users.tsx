/** An enterprise application's Users and groups: who is assigned to it and with which app role (appRoleAssignedTo). */
import { makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { ServicePrincipal } from '../../api/types';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';

const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

interface Assignment { id: string; appRoleId: string; principalDisplayName: string | null; principalId: string; principalType: string }

const useStyles = makeStyles({ scroll: { overflowX: 'auto' } });

export function EnterpriseAppUsers({ sp }: { sp: ServicePrincipal }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const { data, error } = useLoad(() => graph.list<Assignment>(`/servicePrincipals/${sp.id}/appRoleAssignedTo`), [graph, sp.id]);
  const roleName = (id: string) => id === DEFAULT_ACCESS ? 'Default Access' : sp.appRoles.find((r) => r.id === id)?.displayName ?? id;
  return (
    <>
      <ErrorBar error={error} action="The assignments could not be listed" />
      {data === undefined ? (error ? null : <Loading label="Loading users and groups…" />) : data.length === 0 ? (
        <EmptyState title="No users or groups are assigned to this application">
          {sp.appRoles.length ? 'Assign them to one of its app roles through Graph (appRoleAssignedTo); they then get the role in their tokens.' : 'It defines no app roles. Add app roles in its app registration to assign people to them.'}
        </EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Users and groups" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Display name</TableHeaderCell>
                <TableHeaderCell>Object type</TableHeaderCell>
                <TableHeaderCell>Role assigned</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.map((a) => (
                <TableRow key={a.id}>
                  <TableCell>{a.principalDisplayName ?? a.principalId}</TableCell>
                  <TableCell>{a.principalType === 'ServicePrincipal' ? 'Service principal' : a.principalType}</TableCell>
                  <TableCell>{roleName(a.appRoleId)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
