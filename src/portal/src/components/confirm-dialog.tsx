/** "Are you sure?" before something that cannot be undone (delete a user, a workspace, …). */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles,
} from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { ErrorBar } from './error-bar';
import { useAction } from './use-action';

const useStyles = makeStyles({ content: { display: 'flex', flexDirection: 'column', gap: '12px' } });

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children: ReactNode;
  /** The button that does it, e.g. "Delete". */
  confirm: string;
  /** What failed, for the error bar. */
  action: string;
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function ConfirmDialog({ open, title, children, confirm, action, onConfirm, onClose }: ConfirmDialogProps) {
  const styles = useStyles();
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setError(undefined);
    onClose();
  };
  const confirmed = () => run(async () => {
    await onConfirm();
    onClose();
  });
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <ErrorBar error={error} action={action} />
            <div>{children}</div>
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy} onClick={confirmed}>{busy ? 'Working…' : confirm}</Button>
            <Button disabled={busy} onClick={close}>Cancel</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
