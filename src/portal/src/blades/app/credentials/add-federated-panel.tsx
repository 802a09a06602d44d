/** "Add a credential": a federated identity credential from another issuer (Issuer, Subject identifier, Name, Audience). */
import { Field, Input, makeStyles, Text, Textarea, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '16px' }, hint: { color: tokens.colorNeutralForeground2 } });

export function AddFederatedPanel({ open, objectId, onClose, onAdded }: { open: boolean; objectId: string; onClose(): void; onAdded(): void }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [form, setForm] = useState({ issuer: '', subject: '', name: '', description: '', audience: 'api://AzureADTokenExchange' });
  const { busy, error, setError, run } = useAction();
  const set = (key: keyof typeof form) => (_: unknown, d: { value: string }) => setForm((f) => ({ ...f, [key]: d.value }));
  const close = () => {
    setForm({ issuer: '', subject: '', name: '', description: '', audience: 'api://AzureADTokenExchange' });
    setError(undefined);
    onClose();
  };
  const add = () => run(async () => {
    await graph.post(`/applications/${objectId}/federatedIdentityCredentials`, {
      name: form.name.trim(), issuer: form.issuer.trim(), subject: form.subject.trim(),
      description: form.description.trim() || null, audiences: [form.audience.trim()],
    });
    onAdded();
    close();
  });
  const ready = form.issuer.trim() && form.subject.trim() && form.name.trim() && form.audience.trim();
  return (
    <SidePanel
      open={open} title="Add a credential" onClose={close}
      footer={<PanelButtons label="Add" busyLabel="Adding…" busy={busy} disabled={!ready} onSubmit={add} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action="The federated credential could not be added" />
        <Text className={styles.hint}>Other issuer: let workloads with tokens from this OpenID Connect issuer exchange them for access tokens of this app, without a secret.</Text>
        <Field label="Issuer" required hint="The OpenID Connect issuer URL, e.g. https://token.actions.githubusercontent.com"><Input value={form.issuer} onChange={set('issuer')} /></Field>
        <Field label="Subject identifier" required hint="The sub claim of the external token."><Input value={form.subject} onChange={set('subject')} /></Field>
        <Field label="Name" required hint="A unique name for this credential; it cannot be changed later."><Input value={form.name} onChange={set('name')} maxLength={120} /></Field>
        <Field label="Description"><Textarea value={form.description} onChange={set('description')} maxLength={600} /></Field>
        <Field label="Audience" required><Input value={form.audience} onChange={set('audience')} /></Field>
      </div>
    </SidePanel>
  );
}
