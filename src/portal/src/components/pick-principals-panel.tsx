/** A side panel to pick users, groups or service principals and confirm with one button (Add members, Add owners, …). */
import { Button, DrawerBody, DrawerFooter, DrawerHeader, DrawerHeaderTitle, OverlayDrawer } from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DirectoryObject } from '../api/directory-types';
import { ErrorBar } from './error-bar';
import { PrincipalPicker, type PrincipalKind } from './principal-picker';

export interface PickPrincipalsPanelProps {
  open: boolean;
  title: string;
  kinds: PrincipalKind[];
  exclude?: string[];
  /** The confirm button, e.g. "Select". */
  confirm: string;
  /** What failed, for the error bar. */
  action: string;
  onPick(picked: DirectoryObject[]): Promise<void>;
  onClose(): void;
}

export function PickPrincipalsPanel({ open, title, kinds, exclude, confirm, action, onPick, onClose }: PickPrincipalsPanelProps) {
  const [selected, setSelected] = useState<DirectoryObject[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const close = () => {
    setSelected([]);
    setError(undefined);
    onClose();
  };
  const pick = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await onPick(selected);
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
        <ErrorBar error={error} action={action} />
        {open ? <PrincipalPicker kinds={kinds} selected={selected} onChange={setSelected} exclude={exclude} /> : null}
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" disabled={busy || selected.length === 0} onClick={pick}>{busy ? 'Working…' : confirm}</Button>
        <Button onClick={close}>Cancel</Button>
      </DrawerFooter>
    </OverlayDrawer>
  );
}
