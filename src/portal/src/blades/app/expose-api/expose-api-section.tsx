/** An app registration's Expose an API: Application ID URI, the scopes it defines, and authorized client applications. */
import {
  Button, Link, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular, EditRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { asApiApplication } from '../../../api/directory-types';
import { CommandBar } from '../../../components/command-bar';
import { CopyButton } from '../../../components/copy-button';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState } from '../../../components/loading';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';
import { AddClientPanel } from './add-client-panel';
import { AddScopePanel } from './add-scope-panel';
import { AppIdUriPanel } from './app-id-uri-panel';
import { removePermission, setEnabled } from './permissions';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '20px 0 8px' },
  uri: { display: 'flex', alignItems: 'center', gap: '8px', flexWrap: 'wrap', minHeight: '32px' },
  mono: { fontFamily: 'Consolas, "Courier New", monospace', fontSize: '13px', overflowWrap: 'anywhere' },
  scroll: { overflowX: 'auto', marginTop: '8px' },
  scopes: { minWidth: '760px' },
  actions: { display: 'flex', gap: '4px', flexWrap: 'wrap' },
});

export function ExposeApiSection({ app: raw, reload }: AppSectionProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const app = asApiApplication(raw);
  const [panel, setPanel] = useState<'uri' | 'scope' | 'client' | undefined>();
  const { error, run } = useAction();
  const uri = app.identifierUris[0];
  const scopes = app.api.oauth2PermissionScopes;
  const act = (work: () => Promise<void>) => run(async () => {
    await work();
    await reload();
  });
  return (
    <>
      <CommandBar label="Expose an API commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setPanel('scope')}>Add a scope</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setPanel('client')}>Add a client application</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The change could not be saved" />
      <h2 className={styles.h2}>Application ID URI</h2>
      <div className={styles.uri}>
        {uri ? <><span className={styles.mono} data-testid="application-id-uri">{uri}</span><CopyButton value={uri} label="Application ID URI" /></> : <Text>Not set.</Text>}
        <Button size="small" icon={uri ? <EditRegular /> : <AddRegular />} onClick={() => setPanel('uri')} aria-label={uri ? 'Edit application ID URI' : 'Set application ID URI'}>
          {uri ? 'Edit' : 'Set'}
        </Button>
      </div>

      <h2 className={styles.h2}>Scopes defined by this API</h2>
      <Text>Define custom scopes to restrict access to data and functionality protected by the API.</Text>
      {scopes.length === 0 ? (
        <EmptyState title="No scopes have been defined">Select <strong>Add a scope</strong> to let client applications ask for delegated access to this API.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Scopes" size="small" className={styles.scopes}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '30%' }}>Scopes</TableHeaderCell>
                <TableHeaderCell>Who can consent</TableHeaderCell>
                <TableHeaderCell>Admin consent display name</TableHeaderCell>
                <TableHeaderCell>User consent display name</TableHeaderCell>
                <TableHeaderCell style={{ width: '72px' }}>State</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" style={{ width: '100px' }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {scopes.map((s) => (
                <TableRow key={s.id} data-testid={`scope-${s.value}`}>
                  <TableCell className={styles.mono}>{uri ? `${uri}/${s.value}` : s.value}</TableCell>
                  <TableCell>{s.type === 'Admin' ? 'Admins only' : 'Admins and users'}</TableCell>
                  <TableCell>{s.adminConsentDisplayName}</TableCell>
                  <TableCell>{s.userConsentDisplayName ?? ''}</TableCell>
                  <TableCell>{s.isEnabled ? 'Enabled' : 'Disabled'}</TableCell>
                  <TableCell>
                    <div className={styles.actions}>
                      <Link as="button" onClick={() => void act(() => setEnabled(graph, app.id, 'scopes', scopes, s.id, !s.isEnabled))}>{s.isEnabled ? 'Disable' : 'Enable'}</Link>
                      <Button size="small" appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete scope ${s.value}`}
                        onClick={() => void act(() => removePermission(graph, app.id, 'scopes', scopes, s.id))} />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}

      <h2 className={styles.h2}>Authorized client applications</h2>
      <Text>Authorizing a client application means this API trusts it, and its users are not asked to consent when it calls this API.</Text>
      {app.api.preAuthorizedApplications.length === 0 ? (
        <EmptyState title="No client applications have been authorized">Select <strong>Add a client application</strong> to pre-authorize one for some scopes.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Authorized client applications" size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '45%' }}>Client Id</TableHeaderCell>
                <TableHeaderCell>Scopes</TableHeaderCell>
                <TableHeaderCell aria-label="Actions" style={{ width: '60px' }} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {app.api.preAuthorizedApplications.map((p) => (
                <TableRow key={p.appId}>
                  <TableCell className={styles.mono}>{p.appId}</TableCell>
                  <TableCell>{p.delegatedPermissionIds.map((id) => scopes.find((s) => s.id === id)?.value ?? id).join(', ')}</TableCell>
                  <TableCell>
                    <Button size="small" appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove client application ${p.appId}`}
                      onClick={() => void act(() => graph.patch(`/applications/${app.id}`, {
                        api: { preAuthorizedApplications: app.api.preAuthorizedApplications.filter((x) => x.appId !== p.appId) },
                      }))} />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <AppIdUriPanel app={app} open={panel === 'uri'} onClose={() => setPanel(undefined)} onSaved={reload} />
      <AddScopePanel app={app} open={panel === 'scope'} onClose={() => setPanel(undefined)} onSaved={reload} />
      <AddClientPanel app={app} open={panel === 'client'} onClose={() => setPanel(undefined)} onSaved={reload} />
    </>
  );
}
