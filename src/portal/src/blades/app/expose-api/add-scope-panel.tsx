/**
 * "Add a scope": scope name, who can consent (Admins only / Admins and users), admin and user consent display
 * names and descriptions, and state. When the app has no application ID URI yet, it is set first, as in Azure.
 */
import { Field, Input, makeStyles, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiApplication } from '../../../api/directory-types';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import { withoutOrigin } from './permissions';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '14px' } });

const EMPTY = { value: '', type: 'User' as 'User' | 'Admin', adminName: '', adminDescription: '', userName: '', userDescription: '', enabled: true };

export function AddScopePanel({ app, open, onClose, onSaved }: { app: ApiApplication; open: boolean; onClose(): void; onSaved(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [form, setForm] = useState(EMPTY);
  const [uri, setUri] = useState(`api://${app.appId}`);
  const { busy, error, setError, run } = useAction();
  const needsUri = app.identifierUris.length === 0;
  const set = (patch: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    setForm(EMPTY);
    setError(undefined);
    onClose();
  };
  const badName = form.value !== '' && !/^[^\s]+$/.test(form.value);
  const valid = form.value !== '' && !badName && form.adminName.trim() !== '' && form.adminDescription.trim() !== '' && (!needsUri || uri.trim() !== '');
  const add = () => run(async () => {
    const scope = {
      id: crypto.randomUUID(), value: form.value, type: form.type, isEnabled: form.enabled,
      adminConsentDisplayName: form.adminName.trim(), adminConsentDescription: form.adminDescription.trim(),
      userConsentDisplayName: form.userName.trim() || null, userConsentDescription: form.userDescription.trim() || null,
    };
    await graph.patch(`/applications/${app.id}`, {
      ...(needsUri ? { identifierUris: [uri.trim()] } : {}),
      api: { oauth2PermissionScopes: [...app.api.oauth2PermissionScopes.map(withoutOrigin), scope] },
    });
    await onSaved();
    close();
  });
  const prefix = needsUri ? uri.trim() : app.identifierUris[0];
  return (
    <SidePanel
      open={open} title="Add a scope" onClose={close}
      footer={<PanelButtons label="Add scope" busyLabel="Adding…" busy={busy} disabled={!valid} onSubmit={add} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action="The scope could not be added" />
        {needsUri ? (
          <Field label="Application ID URI" required hint="Set it before adding a scope; scopes are named under it.">
            <Input value={uri} onChange={(_, d) => setUri(d.value)} />
          </Field>
        ) : null}
        <Field label="Scope name" required hint={form.value ? `${prefix}/${form.value}` : 'e.g. read'} validationMessage={badName ? 'A scope name cannot contain spaces.' : undefined}>
          <Input value={form.value} onChange={(_, d) => set({ value: d.value.trim() })} />
        </Field>
        <Field label="Who can consent?">
          <RadioGroup layout="horizontal" value={form.type} onChange={(_, d) => set({ type: d.value as 'User' | 'Admin' })}>
            <Radio value="Admin" label="Admins only" />
            <Radio value="User" label="Admins and users" />
          </RadioGroup>
        </Field>
        <Field label="Admin consent display name" required>
          <Input value={form.adminName} onChange={(_, d) => set({ adminName: d.value })} placeholder="e.g. Read files" />
        </Field>
        <Field label="Admin consent description" required>
          <Textarea value={form.adminDescription} onChange={(_, d) => set({ adminDescription: d.value })} resize="vertical" />
        </Field>
        <Field label="User consent display name">
          <Input value={form.userName} onChange={(_, d) => set({ userName: d.value })} />
        </Field>
        <Field label="User consent description">
          <Textarea value={form.userDescription} onChange={(_, d) => set({ userDescription: d.value })} resize="vertical" />
        </Field>
        <Field label="State">
          <RadioGroup layout="horizontal" value={form.enabled ? 'on' : 'off'} onChange={(_, d) => set({ enabled: d.value === 'on' })}>
            <Radio value="on" label="Enabled" />
            <Radio value="off" label="Disabled" />
          </RadioGroup>
        </Field>
      </div>
    </SidePanel>
  );
}
