/** Microsoft Entra ID › App registrations: every application in the tenant, searchable, with New registration. */
import {
  Input, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular, SearchRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { Application } from '../../api/types';
import { CommandBar } from '../../components/command-bar';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { credentialSummary } from '../app/credential-status';

const useStyles = makeStyles({
  search: { maxWidth: '520px', width: '100%', marginBottom: '12px' },
  table: { minWidth: '640px' },
  scroll: { overflowX: 'auto' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px' },
});

export function AppRegistrationsBlade() {
  const styles = useStyles();
  const { graph } = usePortal();
  const [apps, setApps] = useState<Application[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [search, setSearch] = useState('');
  const load = useCallback(() => {
    setError(undefined);
    setApps(undefined);
    graph.list<Application>('/applications').then(
      (list) => setApps(list.sort((a, b) => a.displayName.localeCompare(b.displayName))),
      (err) => {
        setError(err);
        setApps([]);
      },
    );
  }, [graph]);
  useEffect(load, [load]);

  const needle = search.trim().toLowerCase();
  const shown = (apps ?? []).filter((a) => !needle || a.displayName.toLowerCase().includes(needle) || a.appId.includes(needle));
  return (
    <>
      <CommandBar label="App registrations commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => navigate('/entra/app-registrations/new')}>New registration</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={load}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The app registrations could not be listed" />
      <Input
        className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)}
        placeholder="Start typing a display name or application (client) ID to filter these results"
        aria-label="Search app registrations"
      />
      {apps === undefined ? <Loading label="Loading app registrations…" /> : shown.length === 0 ? (
        apps.length === 0
          ? <EmptyState title="This directory has no app registrations yet">Select <strong>New registration</strong> to register an application.</EmptyState>
          : <EmptyState title="No app registrations match your search">Try a different display name or application (client) ID.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="App registrations" className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Display name</TableHeaderCell>
                <TableHeaderCell>Application (client) ID</TableHeaderCell>
                <TableHeaderCell>Created on</TableHeaderCell>
                <TableHeaderCell>Certificates &amp; secrets</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((app) => (
                <TableRow key={app.id}>
                  <TableCell><RouteLink route={`/apps/${app.id}/overview`}>{app.displayName}</RouteLink></TableCell>
                  <TableCell className={styles.mono}>{app.appId}</TableCell>
                  <TableCell>{new Date(app.createdDateTime).toLocaleDateString()}</TableCell>
                  <TableCell>{credentialSummary(app)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
