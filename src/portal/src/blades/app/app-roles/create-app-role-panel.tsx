/**
 * "Create app role": display name, allowed member types (Users/Groups, Applications, Both), value, description,
 * and whether it is enabled.
 */
import { Checkbox, Field, Input, makeStyles, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiApplication } from '../../../api/directory-types';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import { withoutOrigin } from '../expose-api/permissions';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '14px' } });

export const MEMBER_TYPES: Record<string, string[]> = { users: ['User'], applications: ['Application'], both: ['User', 'Application'] };

export function memberTypesLabel(types: string[]): string {
  if (types.includes('User') && types.includes('Application')) return 'Users/Groups, Applications';
  return types.includes('Application') ? 'Applications' : 'Users/Groups';
}

const EMPTY = { displayName: '', members: 'users', value: '', description: '', enabled: true };

export function CreateAppRolePanel({ app, open, onClose, onSaved }: { app: ApiApplication; open: boolean; onClose(): void; onSaved(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [form, setForm] = useState(EMPTY);
  const { busy, error, setError, run } = useAction();
  const set = (patch: Partial<typeof EMPTY>) => setForm((f) => ({ ...f, ...patch }));
  const close = () => {
    setForm(EMPTY);
    setError(undefined);
    onClose();
  };
  const badValue = form.value !== '' && /\s/.test(form.value);
  const duplicate = app.appRoles.some((r) => r.value === form.value);
  const valid = form.displayName.trim() !== '' && form.value !== '' && !badValue && !duplicate && form.description.trim() !== '';
  const apply = () => run(async () => {
    const role = {
      id: crypto.randomUUID(), displayName: form.displayName.trim(), allowedMemberTypes: MEMBER_TYPES[form.members]!,
      value: form.value, description: form.description.trim(), isEnabled: form.enabled,
    };
    await graph.patch(`/applications/${app.id}`, { appRoles: [...app.appRoles.map(withoutOrigin), role] });
    await onSaved();
    close();
  });
  return (
    <SidePanel
      open={open} title="Create app role" onClose={close}
      footer={<PanelButtons label="Apply" busyLabel="Applying…" busy={busy} disabled={!valid} onSubmit={apply} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action="The app role could not be created" />
        <Field label="Display name" required>
          <Input value={form.displayName} onChange={(_, d) => set({ displayName: d.value })} placeholder="e.g. Survey Writer" />
        </Field>
        <Field label="Allowed member types">
          <RadioGroup value={form.members} onChange={(_, d) => set({ members: d.value })}>
            <Radio value="users" label="Users/Groups" />
            <Radio value="applications" label="Applications" />
            <Radio value="both" label="Both (Users/Groups + Applications)" />
          </RadioGroup>
        </Field>
        <Field
          label="Value" required hint="The text in the roles claim of tokens, e.g. Survey.Write."
          validationMessage={badValue ? 'The value cannot contain spaces.' : duplicate ? 'Another app role already has this value.' : undefined}
        >
          <Input value={form.value} onChange={(_, d) => set({ value: d.value.trim() })} />
        </Field>
        <Field label="Description" required>
          <Textarea value={form.description} onChange={(_, d) => set({ description: d.value })} resize="vertical" />
        </Field>
        <Checkbox checked={form.enabled} onChange={(_, d) => set({ enabled: d.checked === true })} label="Do you want to enable this app role?" />
      </div>
    </SidePanel>
  );
}
