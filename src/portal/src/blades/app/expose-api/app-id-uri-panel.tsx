/** "Edit application ID URI": the first identifier URI, `api://{appId}` by default. */
import {
  Button, DrawerBody, DrawerFooter, DrawerHeader, DrawerHeaderTitle, Field, Input, makeStyles, OverlayDrawer, Text,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { Application } from '../../../api/types';
import { ErrorBar } from '../../../components/error-bar';
import { usePortal } from '../../../shell/context';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '16px' } });

export function AppIdUriPanel({ app, open, onClose, onSaved }: { app: Application; open: boolean; onClose(): void; onSaved(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [uri, setUri] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    if (open) setUri(app.identifierUris[0] ?? `api://${app.appId}`);
  }, [open, app]);
  const close = () => {
    setError(undefined);
    onClose();
  };
  const save = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await graph.patch(`/applications/${app.id}`, { identifierUris: [uri.trim(), ...app.identifierUris.slice(1)] });
      await onSaved();
      close();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <OverlayDrawer position="end" size="medium" open={open} onOpenChange={(_, d) => !d.open && close()}>
      <DrawerHeader>
        <DrawerHeaderTitle heading={{ as: 'h2' }} action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={close} />}>
          Edit application ID URI
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <div className={styles.form}>
          <ErrorBar error={error} action="The application ID URI could not be saved" />
          <Text>The application ID URI names this API in scopes and tokens (the <code>aud</code> claim). It must be unique in the directory.</Text>
          <Field label="Application ID URI" required>
            <Input value={uri} onChange={(_, d) => setUri(d.value)} />
          </Field>
        </div>
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" disabled={busy || !uri.trim()} onClick={save}>{busy ? 'Saving…' : 'Save'}</Button>
        <Button onClick={close}>Cancel</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
