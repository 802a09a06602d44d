/** Federated credentials: trust tokens from another issuer instead of a secret; list, add and delete. */
import {
  Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { Application, FederatedIdentityCredential } from '../../../api/types';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState, Loading } from '../../../components/loading';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import { AddFederatedPanel } from './add-federated-panel';
import { useCredentialTableStyles } from './credential-table-styles';

const useStyles = makeStyles({
  table: { minWidth: '720px' },
  wrap: { overflowWrap: 'anywhere' },
});

export function FederatedCredentialsTab({ app, onCount }: { app: Application; onCount(count: number): void }) {
  const styles = { ...useCredentialTableStyles(), ...useStyles() };
  const { graph } = usePortal();
  const [items, setItems] = useState<FederatedIdentityCredential[] | undefined>();
  const [panel, setPanel] = useState(false);
  const { error, setError, run } = useAction();
  const load = useCallback(() => {
    graph.list<FederatedIdentityCredential>(`/applications/${app.id}/federatedIdentityCredentials`).then((list) => {
      setItems(list);
      onCount(list.length);
    }, (err) => {
      setError(err);
      setItems([]);
    });
  }, [graph, app.id, onCount]);
  useEffect(load, [load]);
  const remove = (id: string) => run(async () => {
    await graph.delete(`/applications/${app.id}/federatedIdentityCredentials/${id}`);
    load();
  });
  return (
    <>
      <CommandBar label="Federated credential commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setPanel(true)}>Add credential</ToolbarButton>
      </CommandBar>
      <Text className={styles.hint}>Allow other identities to impersonate this application by establishing a trust with an external OpenID Connect (OIDC) identity provider.</Text>
      <ErrorBar error={error} action="The federated credentials could not be changed" />
      {items === undefined ? <Loading /> : items.length === 0 ? (
        <EmptyState title="No federated credentials have been added">Select <strong>Add credential</strong> to trust tokens from another issuer.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Federated credentials" className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell>Issuer</TableHeaderCell>
                <TableHeaderCell>Subject identifier</TableHeaderCell>
                <TableHeaderCell>Audience</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {items.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className={styles.wrap}>{c.name}</TableCell>
                  <TableCell className={styles.wrap}>{c.issuer}</TableCell>
                  <TableCell className={styles.wrap}>{c.subject}</TableCell>
                  <TableCell className={styles.wrap}>{c.audiences.join(', ')}</TableCell>
                  <TableCell><Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete federated credential ${c.name}`} onClick={() => remove(c.id)} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <AddFederatedPanel open={panel} objectId={app.id} onClose={() => setPanel(false)} onAdded={load} />
    </>
  );
}
