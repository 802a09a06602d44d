/** "Add a client application": a client ID pre-authorized for some of this API's scopes (no consent prompt). */
import { Checkbox, Field, Input, makeStyles, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiApplication } from '../../../api/directory-types';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '14px' }, scopes: { display: 'flex', flexDirection: 'column' } });

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function AddClientPanel({ app, open, onClose, onSaved }: { app: ApiApplication; open: boolean; onClose(): void; onSaved(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [clientId, setClientId] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setClientId('');
    setScopes([]);
    setError(undefined);
    onClose();
  };
  const badId = clientId !== '' && !GUID.test(clientId);
  const add = () => run(async () => {
    const others = app.api.preAuthorizedApplications.filter((p) => p.appId.toLowerCase() !== clientId.toLowerCase());
    const existing = app.api.preAuthorizedApplications.find((p) => p.appId.toLowerCase() === clientId.toLowerCase());
    const ids = [...new Set([...(existing?.delegatedPermissionIds ?? []), ...scopes])];
    await graph.patch(`/applications/${app.id}`, { api: { preAuthorizedApplications: [...others, { appId: clientId.toLowerCase(), delegatedPermissionIds: ids }] } });
    await onSaved();
    close();
  });
  const prefix = app.identifierUris[0] ?? `api://${app.appId}`;
  return (
    <SidePanel
      open={open} title="Add a client application" onClose={close}
      footer={<PanelButtons label="Add application" busyLabel="Adding…" busy={busy} disabled={!GUID.test(clientId) || scopes.length === 0} onSubmit={add} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action="The client application could not be added" />
        <Text>Users of an authorized client application are not asked to consent to the scopes you tick.</Text>
        <Field label="Client ID" required validationMessage={badId ? 'Enter the application (client) ID, a GUID.' : undefined}>
          <Input value={clientId} onChange={(_, d) => setClientId(d.value.trim())} placeholder="00000000-0000-0000-0000-000000000000" />
        </Field>
        <Field label="Authorized scopes">
          <div className={styles.scopes}>
            {app.api.oauth2PermissionScopes.length === 0 ? <Text>This API has no scopes yet. Add a scope first.</Text> : app.api.oauth2PermissionScopes.map((s) => (
              <Checkbox
                key={s.id} label={`${prefix}/${s.value}`} checked={scopes.includes(s.id)}
                onChange={(_, d) => setScopes((list) => d.checked ? [...list, s.id] : list.filter((x) => x !== s.id))}
              />
            ))}
          </div>
        </Field>
      </div>
    </SidePanel>
  );
}
