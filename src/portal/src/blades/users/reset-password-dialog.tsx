/**
 * "Reset password": a new temporary password, set by an administrator's PATCH of passwordProfile, shown once with
 * a copy button. The user must change it at the next sign-in.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody, Text,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { User } from '../../api/directory-types';
import { CopyButton } from '../../components/copy-button';
import { ErrorBar } from '../../components/error-bar';
import { useAction } from '../../components/use-action';
import { usePortal } from '../../shell/context';
import { temporaryPassword } from './password';

const useStyles = makeStyles({
  password: { display: 'flex', alignItems: 'center', gap: '4px', fontFamily: 'Consolas, "Courier New", monospace', fontSize: '16px', margin: '8px 0' },
});

export function ResetPasswordDialog({ user, open, onClose }: { user: User; open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [password, setPassword] = useState<string | undefined>();
  const { busy, error, setError, run } = useAction();
  const close = () => {
    setPassword(undefined);
    setError(undefined);
    onClose();
  };
  const reset = () => run(async () => {
    const next = temporaryPassword();
    await graph.patch(`/users/${user.id}`, { passwordProfile: { password: next, forceChangePasswordNextSignIn: true } });
    setPassword(next);
  });
  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && close()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Reset password</DialogTitle>
          <DialogContent>
            <ErrorBar error={error} action="The password could not be reset" />
            {password ? (
              <>
                <Text>Temporary password</Text>
                <div className={styles.password}>
                  <span data-testid="temporary-password">{password}</span>
                  <CopyButton value={password} label="temporary password" />
                </div>
                <MessageBar intent="warning"><MessageBarBody>Copy it now: it will not be shown again. {user.displayName} must change it at the next sign-in.</MessageBarBody></MessageBar>
              </>
            ) : (
              <Text>
                {user.displayName} ({user.userPrincipalName}) gets a new temporary password and must change it at the next sign-in.
                The current password stops working at once.
              </Text>
            )}
          </DialogContent>
          <DialogActions>
            {password
              ? <Button appearance="primary" onClick={close}>Done</Button>
              : <><Button appearance="primary" disabled={busy} onClick={reset}>{busy ? 'Resetting…' : 'Reset password'}</Button><Button onClick={close}>Cancel</Button></>}
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
