/** A side panel to pick users, groups or service principals and confirm with one button (Add members, Add owners, …). */
import { useState } from 'react';
import type { DirectoryObject } from '../api/directory-types';
import { ErrorBar } from './error-bar';
import { PanelButtons } from './panel-buttons';
import { PrincipalPicker, type PrincipalKind } from './principal-picker';
import { SidePanel } from './side-panel';
import { useAction } from './use-action';

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
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setSelected([]);
    setError(undefined);
    onClose();
  };
  const pick = () => run(async () => {
    await onPick(selected);
    close();
  });
  return (
    <SidePanel
      open={open} title={title} onClose={close}
      footer={<PanelButtons label={confirm} busyLabel="Working…" busy={busy} disabled={selected.length === 0} onSubmit={pick} onCancel={close} />}
    >
      <ErrorBar error={error} action={action} />
      {open ? <PrincipalPicker kinds={kinds} selected={selected} onChange={setSelected} exclude={exclude} /> : null}
    </SidePanel>
  );
}
