/** The footer of a side panel: the primary button ("Adding…" while busy) and the one that closes it (Cancel). */
import { Button } from '@fluentui/react-components';

export interface PanelButtonsProps {
  /** The primary button, e.g. "Add". */
  label: string;
  /** Its text while the work runs, e.g. "Adding…". */
  busyLabel: string;
  busy: boolean;
  /** Disabled although not busy, e.g. while the form is incomplete. */
  disabled?: boolean;
  onSubmit(): void;
  onCancel(): void;
  /** The closing button, "Cancel" unless told. */
  cancel?: string;
}

export function PanelButtons({ label, busyLabel, busy, disabled = false, onSubmit, onCancel, cancel = 'Cancel' }: PanelButtonsProps) {
  return (
    <>
      <Button appearance="primary" disabled={busy || disabled} onClick={onSubmit}>{busy ? busyLabel : label}</Button>
      <Button onClick={onCancel}>{cancel}</Button>
    </>
  );
}
