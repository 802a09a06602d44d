/**
 * "Upload certificate": a .cer, .crt or .pem file (the public certificate only) and a description. The upload is a
 * PATCH of keyCredentials that names the app's current certificates by keyId and adds the new one.
 */
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { DocumentArrowUpRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { Application } from '../../../api/types';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px' },
  hint: { color: tokens.colorNeutralForeground2 },
  picker: { display: 'flex', alignItems: 'center', gap: '12px', flexWrap: 'wrap' },
  hidden: { display: 'none' },
});

/** PEM text as it is (the server reads PEM), anything else as base64 of its bytes (DER). */
async function keyOf(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('-----BEGIN')) return text;
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function UploadCertificatePanel({ open, app, onClose, onUploaded }: { open: boolean; app: Application; onClose(): void; onUploaded(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [file, setFile] = useState<File | undefined>();
  const input = useRef<HTMLInputElement>(null);
  const [description, setDescription] = useState('');
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setFile(undefined);
    setDescription('');
    setError(undefined);
    onClose();
  };
  const add = async () => {
    if (!file) return;
    await run(async () => {
      const key = await keyOf(file);
      await graph.patch(`/applications/${app.id}`, {
        keyCredentials: [
          ...(app.keyCredentials ?? []).map((k) => ({ keyId: k.keyId })),
          { type: 'AsymmetricX509Cert', usage: 'Verify', key, displayName: description.trim() || undefined },
        ],
      });
      await onUploaded();
      close();
    });
  };
  return (
    <SidePanel
      open={open} title="Upload certificate" onClose={close}
      footer={<PanelButtons label="Add" busyLabel="Adding…" busy={busy} disabled={!file} onSubmit={add} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action="The certificate could not be uploaded" />
        <Text className={styles.hint}>Upload a certificate (public key) with one of the following file types: .cer, .pem, .crt</Text>
        <Field label="Select a file">
          <div className={styles.picker}>
            <Button icon={<DocumentArrowUpRegular />} onClick={() => input.current?.click()}>Select a file</Button>
            <Text className={file ? undefined : styles.hint} data-testid="certificate-file">{file ? file.name : 'No file selected'}</Text>
            <input ref={input} className={styles.hidden} type="file" accept=".cer,.pem,.crt" onChange={(e) => setFile(e.target.files?.[0])} />
          </div>
        </Field>
        <Field label="Description">
          <Input value={description} onChange={(_, d) => setDescription(d.value)} placeholder="Enter a description for this certificate" maxLength={256} />
        </Field>
      </div>
    </SidePanel>
  );
}
