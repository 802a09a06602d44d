/**
 * A side panel asking for one Healthcare APIs resource name (a workspace, a FHIR service) under Azure's naming
 * rule, then creating it: used by "Create" on Workspaces and "Add FHIR service" on a workspace.
 */
import { Field, Input, makeStyles, Text } from '@fluentui/react-components';
import { useState, type ReactNode } from 'react';
import { ErrorBar } from '../../components/error-bar';
import { PanelButtons } from '../../components/panel-buttons';
import { SidePanel } from '../../components/side-panel';
import { useAction } from '../../components/use-action';

/** 3–24 lowercase letters, digits and hyphens, starting and ending with a letter or digit. */
export const HEALTHCARE_NAME = /^[a-z0-9][a-z0-9-]{1,22}[a-z0-9]$/;

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '16px' } });

export interface NamePanelProps {
  open: boolean;
  title: string;
  label: string;
  intro: ReactNode;
  action: string;
  onCreate(name: string): Promise<void>;
  onClose(): void;
}

export function NamePanel({ open, title, label, intro, action, onCreate, onClose }: NamePanelProps) {
  const styles = useStyles();
  const [name, setName] = useState('');
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setName('');
    setError(undefined);
    onClose();
  };
  const invalid = name !== '' && !HEALTHCARE_NAME.test(name);
  const create = () => run(async () => {
    await onCreate(name);
    close();
  });
  return (
    <SidePanel
      open={open} title={title} onClose={close}
      footer={<PanelButtons label="Create" busyLabel="Creating…" busy={busy} disabled={!HEALTHCARE_NAME.test(name)} onSubmit={create} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action={action} />
        <Text>{intro}</Text>
        <Field
          label={label} required
          validationMessage={invalid ? 'Use 3–24 lowercase letters, digits and hyphens, starting and ending with a letter or digit.' : undefined}
        >
          <Input value={name} onChange={(_, d) => setName(d.value.trim())} onKeyDown={(e) => { if (e.key === 'Enter' && HEALTHCARE_NAME.test(name)) void create(); }} />
        </Field>
      </div>
    </SidePanel>
  );
}
