/** An app registration's Owners: the users (and service principals) who may change it, with Add owners and Remove. */
import {
  Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, DeleteRegular, PersonAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { objectKind, type DirectoryObject } from '../../../api/directory-types';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState, Loading } from '../../../components/loading';
import { PickPrincipalsPanel } from '../../../components/pick-principals-panel';
import { useAction } from '../../../components/use-action';
import { useLoad } from '../../../components/use-load';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';

const useStyles = makeStyles({ scroll: { overflowX: 'auto', marginTop: '12px' } });

const GRAPH_OBJECTS = 'https://graph.microsoft.com/v1.0/directoryObjects';

export function OwnersSection({ app }: AppSectionProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [adding, setAdding] = useState(false);
  const { error, run } = useAction();
  const path = `/applications/${app.id}/owners`;
  const owners = useLoad(async () => (await graph.list<DirectoryObject>(path)).sort((a, b) => a.displayName.localeCompare(b.displayName)), [graph, path]);
  const remove = (owner: DirectoryObject) => run(async () => {
    await graph.delete(`${path}/${owner.id}/$ref`);
    await owners.reload();
  });
  return (
    <>
      <CommandBar label="Owners commands">
        <ToolbarButton appearance="subtle" icon={<PersonAddRegular />} onClick={() => setAdding(true)}>Add owners</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => void owners.reload()}>Refresh</ToolbarButton>
      </CommandBar>
      <Text>Owners can view and edit the application registration. Users who register an app become its owner.</Text>
      <ErrorBar error={error} action="The owner could not be removed" />
      <ErrorBar error={owners.error} action="The owners could not be listed" />
      {owners.data === undefined ? (owners.error ? null : <Loading label="Loading owners…" />) : owners.data.length === 0 ? (
        <EmptyState title="No owners">Only administrators can change this app. Select <strong>Add owners</strong> to let someone else manage it.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Owners" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Email / App ID</TableHeaderCell>
                <TableHeaderCell>Type</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {owners.data.map((o) => (
                <TableRow key={o.id}>
                  <TableCell>{o.displayName}</TableCell>
                  <TableCell>{o.userPrincipalName ?? o.appId ?? ''}</TableCell>
                  <TableCell>{objectKind(o)}</TableCell>
                  <TableCell><Button size="small" icon={<DeleteRegular />} aria-label={`Remove owner ${o.displayName}`} onClick={() => void remove(o)}>Remove</Button></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PickPrincipalsPanel
        open={adding} title="Add owners" kinds={['users', 'servicePrincipals']} confirm="Select" action="The owners could not be added"
        exclude={(owners.data ?? []).map((o) => o.id)} onClose={() => setAdding(false)}
        onPick={async (picked) => {
          for (const o of picked) await graph.post(`${path}/$ref`, { '@odata.id': `${GRAPH_OBJECTS}/${o.id}` });
          await owners.reload();
        }}
      />
    </>
  );
}
