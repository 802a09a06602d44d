/** Microsoft Entra ID › Users: every user of the tenant, searchable, with New user. */
import {
  Badge, Input, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, PersonAddRegular, SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { USER_SELECT, type User } from '../../api/directory-types';
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
  wrap: { overflowWrap: 'anywhere' },
});

export function UsersBlade() {
  const styles = useStyles();
  const { graph } = usePortal();
  const [search, setSearch] = useState('');
  const { data: users, error, reload } = useLoad(
    async () => (await graph.list<User>(`/users?${USER_SELECT}`)).sort((a, b) => a.displayName.localeCompare(b.displayName)), [graph]);
  const needle = search.trim().toLowerCase();
  const shown = (users ?? []).filter((u) => !needle || u.displayName.toLowerCase().includes(needle) || u.userPrincipalName.toLowerCase().includes(needle));
  return (
    <>
      <CommandBar label="Users commands">
        <ToolbarButton appearance="subtle" icon={<PersonAddRegular />} onClick={() => navigate('/entra/users/new')}>New user</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The users could not be listed" />
      <Input
        className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)}
        placeholder="Search by display name or user principal name" aria-label="Search users"
      />
      {users === undefined ? (error ? null : <Loading label="Loading users…" />) : shown.length === 0 ? (
        users.length === 0
          ? <EmptyState title="This directory has no users yet">Select <strong>New user</strong> to create one.</EmptyState>
          : <EmptyState title="No users match your search">Try a different name or user principal name.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Users" size="small" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Display name</TableHeaderCell>
                <TableHeaderCell>User principal name</TableHeaderCell>
                <TableHeaderCell>User type</TableHeaderCell>
                <TableHeaderCell>Account enabled</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((u) => (
                <TableRow key={u.id}>
                  <TableCell><RouteLink route={`/users/${u.id}`}>{u.displayName}</RouteLink></TableCell>
                  <TableCell className={styles.wrap}>{u.userPrincipalName}</TableCell>
                  <TableCell>{u.userType ?? 'Member'}</TableCell>
                  <TableCell>{u.accountEnabled ? 'Yes' : <Badge appearance="tint" color="warning">No</Badge>}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}
