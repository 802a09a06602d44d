/** One user: Overview (name, IDs, state, group memberships) with Reset password and Delete. */
import { makeStyles, Text, tokens, ToolbarButton } from '@fluentui/react-components';
import { ArrowClockwiseRegular, DeleteRegular, KeyResetRegular, PersonRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { USER_SELECT, type DirectoryObject, type User } from '../../api/directory-types';
import { BladeHeader } from '../../components/blade-header';
import { CommandBar } from '../../components/command-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBar } from '../../components/error-bar';
import { Essentials } from '../../components/essentials';
import { Loading } from '../../components/loading';
import { RouteLink } from '../../components/route-link';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { ResetPasswordDialog } from './reset-password-dialog';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '24px 0 8px' },
  groups: { margin: 0, paddingLeft: '20px', display: 'flex', flexDirection: 'column', gap: '4px' },
});

export function UserBlade({ id }: { id: string }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [dialog, setDialog] = useState<'reset' | 'delete' | undefined>();
  const { data: user, error, reload } = useLoad(() => graph.get<User>(`/users/${encodeURIComponent(id)}?${USER_SELECT}`), [graph, id]);
  const groups = useLoad(() => graph.list<DirectoryObject>(`/users/${encodeURIComponent(id)}/memberOf`), [graph, id]);
  if (!user) {
    return error
      ? <><ErrorBar error={error} action="The user could not be opened" /><p><RouteLink route="/entra/users">Back to Users</RouteLink></p></>
      : <Loading label="Loading the user…" />;
  }
  return (
    <>
      <BladeHeader icon={<PersonRegular />} title={`${user.displayName} | Overview`} subtitle="User" />
      <CommandBar label="User commands">
        <ToolbarButton appearance="subtle" icon={<KeyResetRegular />} onClick={() => setDialog('reset')}>Reset password</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<DeleteRegular />} onClick={() => setDialog('delete')}>Delete</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The user could not be read again" />
      <Essentials
        items={[
          { label: 'Display name', value: user.displayName },
          { label: 'User principal name', value: user.userPrincipalName, copy: true },
          { label: 'Object ID', value: user.id, copy: true, testId: 'user-object-id' },
          { label: 'User type', value: user.userType ?? 'Member' },
          { label: 'Account enabled', value: user.accountEnabled ? 'Yes' : 'No' },
          { label: 'Created date time', value: user.createdDateTime ? new Date(user.createdDateTime).toLocaleString() : '' },
        ]}
      />
      <h2 className={styles.h2}>Group memberships</h2>
      <ErrorBar error={groups.error} action="The user's groups could not be listed" />
      {groups.data === undefined ? (groups.error ? null : <Loading label="Loading groups…" />) : groups.data.length === 0 ? (
        <Text>Not a member of any group. Add the user from a group's <strong>Members</strong> page.</Text>
      ) : (
        <ul className={styles.groups} aria-label="Group memberships">
          {groups.data.map((g) => <li key={g.id}><RouteLink route={`/groups/${g.id}`}>{g.displayName}</RouteLink></li>)}
        </ul>
      )}
      <ResetPasswordDialog user={user} open={dialog === 'reset'} onClose={() => setDialog(undefined)} />
      <ConfirmDialog
        open={dialog === 'delete'} title="Delete user" confirm="Delete" action="The user could not be deleted" onClose={() => setDialog(undefined)}
        onConfirm={async () => {
          await graph.delete(`/users/${user.id}`);
          navigate('/entra/users');
        }}
      >
        Delete {user.displayName} ({user.userPrincipalName})? They can no longer sign in, and their group memberships and role assignments are removed.
      </ConfirmDialog>
    </>
  );
}
