/** Microsoft Entra ID › Groups: every group of the tenant, searchable, with New group. */
import {
  Input, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, PeopleAddRegular, SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { Group } from '../../api/directory-types';
import { CommandBar } from '../../components/command-bar';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';

const useStyles = makeStyles({
  search: { maxWidth: '520px', width: '100%', marginBottom: '12px' },
  scroll: { overflowX: 'auto' },
  table: { minWidth: '600px' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px' },
});

export function groupType(group: Group): string {
  return group.groupTypes.includes('Unified') ? 'Microsoft 365' : group.securityEnabled ? 'Security' : 'Distribution';
}

export function GroupsBlade() {
  const styles = useStyles();
  const { graph } = usePortal();
  const [search, setSearch] = useState('');
  const { data: groups, error, reload } = useLoad(
    async () => (await graph.list<Group>('/groups')).sort((a, b) => a.displayName.localeCompare(b.displayName)), [graph]);
  const needle = search.trim().toLowerCase();
  const shown = (groups ?? []).filter((g) => !needle || g.displayName.toLowerCase().includes(needle) || g.id.includes(needle));
  return (
    <>
      <CommandBar label="Groups commands">
        <ToolbarButton appearance="subtle" icon={<PeopleAddRegular />} onClick={() => navigate('/entra/groups/new')}>New group</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The groups could not be listed" />
      <Input
        className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)}
        placeholder="Search by name or object ID" aria-label="Search groups"
      />
      {groups === undefined ? (error ? null : <Loading label="Loading groups…" />) : shown.length === 0 ? (
        groups.length === 0
          ? <EmptyState title="This directory has no groups yet">Select <strong>New group</strong> to create a security group.</EmptyState>
          : <EmptyState title="No groups match your search">Try a different name or object ID.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Groups" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Object ID</TableHeaderCell>
                <TableHeaderCell>Group type</TableHeaderCell>
                <TableHeaderCell>Description</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((g) => (
                <TableRow key={g.id}>
                  <TableCell><RouteLink route={`/groups/${g.id}`}>{g.displayName}</RouteLink></TableCell>
                  <TableCell className={styles.mono}>{g.id}</TableCell>
                  <TableCell>{groupType(g)}</TableCell>
                  <TableCell>{g.description ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
