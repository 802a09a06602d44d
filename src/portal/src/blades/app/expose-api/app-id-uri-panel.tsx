/** "Edit application ID URI": the first identifier URI, `api://{appId}` by default. */
import { Field, Input, makeStyles, Text } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Application } from '../../../api/types';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '16px' } });

export function AppIdUriPanel({ app, open, onClose, onSaved }: { app: Application; open: boolean; onClose(): void; onSaved(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [uri, setUri] = useState('');
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    if (open) setUri(app.identifierUris[0] ?? `api://${app.appId}`);
  }, [open, app]);
  const close = () => {
    setError(undefined);
    onClose();
  };
  const save = () => run(async () => {
    await graph.patch(`/applications/${app.id}`, { identifierUris: [uri.trim(), ...app.identifierUris.slice(1)] });
    await onSaved();
    close();
  });
  return (
    <SidePanel
      open={open} title="Edit application ID URI" onClose={close}
      footer={<PanelButtons label="Save" busyLabel="Saving…" busy={busy} disabled={!uri.trim()} onSubmit={save} onCancel={close} />}
    >
        <div className={styles.form}>
          <ErrorBar error={error} action="The application ID URI could not be saved" />
          <Text>The application ID URI names this API in scopes and tokens (the <code>aud</code> claim). It must be unique in the directory.</Text>
          <Field label="Application ID URI" required>
            <Input value={uri} onChange={(_, d) => setUri(d.value)} />
          </Field>
        </div>
    </SidePanel>
  );
}
