/** "Add a client secret": Description and Expires ("Recommended: 6 months" by default, or custom start and end). */
import { Field, Input, makeStyles, Select } from '@fluentui/react-components';
import { useState } from 'react';
import type { PasswordCredential } from '../../../api/types';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import { dateInput, EXPIRY_CHOICES, expiryDates } from './expiry';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '16px' } });

export interface NewSecretPanelProps {
  open: boolean;
  objectId: string;
  onClose(): void;
  onAdded(secret: PasswordCredential): void;
}

export function NewSecretPanel({ open, objectId, onClose, onAdded }: NewSecretPanelProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [description, setDescription] = useState('');
  const [choice, setChoice] = useState('180');
  const [start, setStart] = useState(() => dateInput(new Date()));
  const [end, setEnd] = useState(() => dateInput(new Date(Date.now() + 90 * 86_400_000)));
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setDescription('');
    setChoice('180');
    setError(undefined);
    onClose();
  };
  const customInvalid = choice === 'custom' && (!end || (start !== '' && end < start));
  const add = () => run(async () => {
    const credential = await graph.post<PasswordCredential>(`/applications/${objectId}/addPassword`, {
      passwordCredential: { displayName: description.trim() || null, ...expiryDates(choice, start, end) },
    });
    onAdded(credential);
    close();
  });
  return (
    <SidePanel
      open={open} title="Add a client secret" onClose={close}
      footer={<PanelButtons label="Add" busyLabel="Adding…" busy={busy} disabled={customInvalid} onSubmit={add} onCancel={close} />}
    >
        <div className={styles.form}>
          <ErrorBar error={error} action="The client secret could not be added" />
          <Field label="Description">
            <Input value={description} onChange={(_, d) => setDescription(d.value)} placeholder="Enter a description for this client secret" maxLength={256} />
          </Field>
          <Field label="Expires">
            <Select value={choice} onChange={(_, d) => setChoice(d.value)}>
              {EXPIRY_CHOICES.map((c) => <option key={c.key} value={c.key}>{c.label}</option>)}
            </Select>
          </Field>
          {choice === 'custom' ? (
            <>
              <Field label="Start"><Input type="date" value={start} onChange={(_, d) => setStart(d.value)} /></Field>
              <Field label="End" validationMessage={customInvalid ? 'The end date must be on or after the start date.' : undefined}>
                <Input type="date" value={end} onChange={(_, d) => setEnd(d.value)} />
              </Field>
            </>
          ) : null}
        </div>
    </SidePanel>
  );
}
