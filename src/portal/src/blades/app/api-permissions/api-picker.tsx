/** The first step of Request API permissions: the tabs "Microsoft APIs" and "APIs my organization uses". */
import {
  Button, Input, Link, makeStyles, Tab, TabList, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens,
} from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { MICROSOFT_TENANT_ID, type ServicePrincipal } from '../../../api/types';
import { EmptyState } from '../../../components/loading';

const useStyles = makeStyles({
  tabs: { marginBottom: '12px' },
  tiles: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))', gap: '12px' },
  tile: { flexDirection: 'column', alignItems: 'flex-start', height: 'auto', padding: '14px', textAlign: 'left', gap: '4px' },
  hint: { color: tokens.colorNeutralForeground2 },
  search: { width: '100%', marginBottom: '8px' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '12px' },
});

const exposes = (sp: ServicePrincipal) => (sp.oauth2PermissionScopes?.length ?? 0) + (sp.appRoles?.length ?? 0) > 0;

export function ApiPicker({ apis, onPick }: { apis: ServicePrincipal[]; onPick(api: ServicePrincipal): void }) {
  const styles = useStyles();
  const [tab, setTab] = useState<'microsoft' | 'organization'>('microsoft');
  const [search, setSearch] = useState('');
  const withPermissions = apis.filter(exposes).sort((a, b) => a.displayName.localeCompare(b.displayName));
  const microsoft = withPermissions.filter((sp) => sp.appOwnerOrganizationId === MICROSOFT_TENANT_ID);
  const needle = search.trim().toLowerCase();
  const found = withPermissions.filter((sp) => !needle || sp.displayName.toLowerCase().includes(needle) || sp.appId.toLowerCase().includes(needle));
  return (
    <>
      <Text className={styles.hint}>Select an API</Text>
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as 'microsoft' | 'organization')}>
        <Tab value="microsoft">Microsoft APIs</Tab>
        <Tab value="organization">APIs my organization uses</Tab>
      </TabList>
      {tab === 'microsoft' ? (
        <>
          <Text weight="semibold" as="h3">Commonly used Microsoft APIs</Text>
          <div className={styles.tiles} style={{ marginTop: 8 }}>
            {microsoft.map((sp) => (
              <Button key={sp.id} className={styles.tile} onClick={() => onPick(sp)}>
                <Text weight="semibold">{sp.displayName}</Text>
                <Text size={200} className={styles.hint}>{sp.appId}</Text>
              </Button>
            ))}
          </div>
        </>
      ) : (
        <>
          <Input
            className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)}
            placeholder="Start typing an API name or application ID" aria-label="Search APIs my organization uses"
          />
          {found.length === 0 ? (
            <EmptyState title="No APIs found">
              Only APIs with a service principal in this directory are listed. Azure Healthcare APIs appears once a FHIR service is deployed.
            </EmptyState>
          ) : (
            <Table aria-label="APIs my organization uses" size="small">
              <TableHeader><TableRow><TableHeaderCell>Name</TableHeaderCell><TableHeaderCell>Application (client) ID</TableHeaderCell></TableRow></TableHeader>
              <TableBody>
                {found.map((sp) => (
                  <TableRow key={sp.id}>
                    <TableCell><Link as="button" onClick={() => onPick(sp)}>{sp.displayName}</Link></TableCell>
                    <TableCell className={styles.mono}>{sp.appId}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </>
  );
}
