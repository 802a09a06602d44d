/** One group: its essentials and Members (Add members, Remove), and Delete. */
import {
  Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DeleteRegular, PeopleRegular, PersonAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { objectKind, type DirectoryObject, type Group } from '../../api/directory-types';
import { BladeHeader } from '../../components/blade-header';
import { CommandBar } from '../../components/command-bar';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBar } from '../../components/error-bar';
import { Essentials } from '../../components/essentials';
import { EmptyState, Loading } from '../../components/loading';
import { PickPrincipalsPanel } from '../../components/pick-principals-panel';
import { RouteLink } from '../../components/route-link';
import { useAction } from '../../components/use-action';
import { useLoad } from '../../components/use-load';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { groupType } from './groups-blade';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '24px 0 8px' },
  scroll: { overflowX: 'auto' },
});

const GRAPH_OBJECTS = 'https://graph.microsoft.com/v1.0/directoryObjects';

export function GroupBlade({ id }: { id: string }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [panel, setPanel] = useState<'add' | 'delete' | undefined>();
  const { error: actionError, run } = useAction();
  const path = `/groups/${encodeURIComponent(id)}`;
  const { data: group, error, reload } = useLoad(() => graph.get<Group>(path), [graph, path]);
  const members = useLoad(async () => (await graph.list<DirectoryObject>(`${path}/members`))
    .sort((a, b) => a.displayName.localeCompare(b.displayName)), [graph, path]);
  if (!group) {
    return error
      ? <><ErrorBar error={error} action="The group could not be opened" /><p><RouteLink route="/entra/groups">Back to Groups</RouteLink></p></>
      : <Loading label="Loading the group…" />;
  }
  const remove = (member: DirectoryObject) => run(async () => {
    await graph.delete(`${path}/members/${member.id}/$ref`);
    await members.reload();
  });
  return (
    <>
      <BladeHeader icon={<PeopleRegular />} title={`${group.displayName} | Members`} subtitle="Group" />
      <CommandBar label="Group commands">
        <ToolbarButton appearance="subtle" icon={<PersonAddRegular />} onClick={() => setPanel('add')}>Add members</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<DeleteRegular />} onClick={() => setPanel('delete')}>Delete</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => { void reload(); void members.reload(); }}>Refresh</ToolbarButton>
      </CommandBar>
      <ErrorBar error={actionError} action="The member could not be removed" />
      <Essentials
        items={[
          { label: 'Name', value: group.displayName },
          { label: 'Object ID', value: group.id, copy: true, testId: 'group-object-id' },
          { label: 'Group type', value: groupType(group) },
          { label: 'Description', value: group.description ?? '' },
        ]}
      />
      <h2 className={styles.h2}>Members</h2>
      <ErrorBar error={members.error} action="The members could not be listed" />
      {members.data === undefined ? (members.error ? null : <Loading label="Loading members…" />) : members.data.length === 0 ? (
        <EmptyState title="This group has no members">Select <strong>Add members</strong> to add users, groups or service principals.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Members" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell>User principal name / App ID</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {members.data.map((m) => (
                <TableRow key={m.id}>
                  <TableCell>{objectKind(m) === 'User' ? <RouteLink route={`/users/${m.id}`}>{m.displayName}</RouteLink> : m.displayName}</TableCell>
                  <TableCell>{objectKind(m)}</TableCell>
                  <TableCell>{m.userPrincipalName ?? m.appId ?? ''}</TableCell>
                  <TableCell><Button size="small" icon={<DeleteRegular />} aria-label={`Remove ${m.displayName}`} onClick={() => void remove(m)}>Remove</Button></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PickPrincipalsPanel
        open={panel === 'add'} title="Add members" kinds={['users', 'groups', 'servicePrincipals']} confirm="Select"
        exclude={[group.id, ...(members.data ?? []).map((m) => m.id)]} action="The members could not be added"
        onClose={() => setPanel(undefined)}
        onPick={async (picked) => {
          for (const m of picked) await graph.post(`${path}/members/$ref`, { '@odata.id': `${GRAPH_OBJECTS}/${m.id}` });
          await members.reload();
        }}
      />
      <ConfirmDialog
        open={panel === 'delete'} title="Delete group" confirm="Delete" action="The group could not be deleted" onClose={() => setPanel(undefined)}
        onConfirm={async () => {
          await graph.delete(path);
          navigate('/entra/groups');
        }}
      >
        Delete the group {group.displayName}? Its members lose the access the group gave them.
      </ConfirmDialog>
    </>
  );
}
