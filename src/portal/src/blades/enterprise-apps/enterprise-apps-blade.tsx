/**
 * Microsoft Entra ID › Enterprise applications: the tenant's service principals, searchable, filtered by
 * Application type (Enterprise applications, Microsoft applications, All applications).
 */
import {
  Field, Input, makeStyles, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { MICROSOFT_TENANT_ID, type ServicePrincipal } from '../../api/types';
import { CommandBar } from '../../components/command-bar';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';

const useStyles = makeStyles({
  filters: { display: 'flex', gap: '12px', flexWrap: 'wrap', alignItems: 'flex-end', marginBottom: '12px' },
  search: { flex: '1 1 320px', maxWidth: '520px' },
  scroll: { overflowX: 'auto' },
  table: { minWidth: '640px' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px' },
});

type AppType = 'enterprise' | 'microsoft' | 'all';

export function isMicrosoftApp(sp: ServicePrincipal): boolean {
  return sp.appOwnerOrganizationId === MICROSOFT_TENANT_ID;
}

export function EnterpriseAppsBlade() {
  const styles = useStyles();
  const { graph } = usePortal();
  const [search, setSearch] = useState('');
  const [type, setType] = useState<AppType>('all');
  const { data: sps, error, reload } = useLoad(
    async () => (await graph.list<ServicePrincipal>('/servicePrincipals')).sort((a, b) => a.displayName.localeCompare(b.displayName)), [graph]);
  const needle = search.trim().toLowerCase();
  const shown = (sps ?? []).filter((sp) => (type === 'all' || (type === 'microsoft') === isMicrosoftApp(sp))
    && (!needle || sp.displayName.toLowerCase().includes(needle) || sp.appId.includes(needle) || sp.id.includes(needle)));
  return (
    <>
      <CommandBar label="Enterprise applications commands">
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The enterprise applications could not be listed" />
      <div className={styles.filters}>
        <Input
          className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)}
          placeholder="Search by application name, object ID or application ID" aria-label="Search enterprise applications"
        />
        <Field label="Application type" orientation="horizontal">
          <Select value={type} onChange={(_, d) => setType(d.value as AppType)}>
            <option value="enterprise">Enterprise applications</option>
            <option value="microsoft">Microsoft applications</option>
            <option value="all">All applications</option>
          </Select>
        </Field>
      </div>
      {sps === undefined ? (error ? null : <Loading label="Loading enterprise applications…" />) : shown.length === 0 ? (
        <EmptyState title="No applications match">
          Change the search or the Application type. Registering an app in <RouteLink route="/entra/app-registrations">App registrations</RouteLink> adds it here.
        </EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Enterprise applications" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Object ID</TableHeaderCell>
                <TableHeaderCell>Application ID</TableHeaderCell>
                <TableHeaderCell>Application type</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((sp) => (
                <TableRow key={sp.id}>
                  <TableCell><RouteLink route={`/enterprise-apps/${sp.id}/overview`}>{sp.displayName}</RouteLink></TableCell>
                  <TableCell className={styles.mono}>{sp.id}</TableCell>
                  <TableCell className={styles.mono}>{sp.appId}</TableCell>
                  <TableCell>{isMicrosoftApp(sp) ? 'Microsoft application' : 'Enterprise application'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
