/**
 * A side panel asking for one Healthcare APIs resource name (a workspace, a FHIR service) under Azure's naming
 * rule, then creating it: used by "Create" on Workspaces and "Add FHIR service" on a workspace.
 */
import {
  Button, DrawerBody, DrawerFooter, DrawerHeader, DrawerHeaderTitle, Field, Input, makeStyles, OverlayDrawer, Text,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useState, type ReactNode } from 'react';
import { ErrorBar } from '../../components/error-bar';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const close = () => {
    setName('');
    setError(undefined);
    onClose();
  };
  const invalid = name !== '' && !HEALTHCARE_NAME.test(name);
  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onCreate(name);
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
          {title}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
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
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" disabled={busy || !HEALTHCARE_NAME.test(name)} onClick={create}>{busy ? 'Creating…' : 'Create'}</Button>
        <Button onClick={close}>Cancel</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
