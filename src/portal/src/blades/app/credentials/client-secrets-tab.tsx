/**
 * Client secrets: New client secret, and the list with expiry warnings. The value of a secret just added is shown
 * once, with a copy button and the warning that it cannot be shown again; its Secret ID is a separate column.
 */
import {
  Button, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Table, TableBody, TableCell, TableHeader, TableHeaderCell,
  TableRow, Text, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { PasswordCredential } from '../../../api/types';
import { CommandBar } from '../../../components/command-bar';
import { CopyButton } from '../../../components/copy-button';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState } from '../../../components/loading';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';
import { useCredentialTableStyles } from './credential-table-styles';
import { credentialStatus, shortDate, StatusBadge } from '../credential-status';
import { NewSecretPanel } from './new-secret-panel';

const useStyles = makeStyles({
  table: { minWidth: '720px' },
  bar: { marginBottom: '12px' },
});

export interface ClientSecretsTabProps extends AppSectionProps {
  created?: PasswordCredential;
  onCreated(secret: PasswordCredential | undefined): void;
}

export function ClientSecretsTab({ app, reload, created, onCreated }: ClientSecretsTabProps) {
  const styles = { ...useCredentialTableStyles(), ...useStyles() };
  const { graph } = usePortal();
  const [panel, setPanel] = useState(false);
  const { error, run } = useAction();
  const secrets = [...(app.passwordCredentials ?? [])].sort((a, b) => b.startDateTime.localeCompare(a.startDateTime));
  const expiring = secrets.filter((s) => credentialStatus(s.endDateTime) !== 'current');
  const remove = (keyId: string) => run(async () => {
    await graph.post(`/applications/${app.id}/removePassword`, { keyId });
    if (created?.keyId === keyId) onCreated(undefined);
    await reload();
  });
  return (
    <>
      <CommandBar label="Client secret commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setPanel(true)}>New client secret</ToolbarButton>
      </CommandBar>
      <Text className={styles.hint}>A secret string that the application uses to prove its identity when requesting a token. Also can be referred to as application password.</Text>
      <ErrorBar error={error} action="The client secret could not be deleted" />
      {created?.secretText ? (
        <MessageBar intent="warning" layout="multiline" className={styles.bar}>
          <MessageBarBody>
            <MessageBarTitle>Copy the new client secret value now.</MessageBarTitle>
            You won't be able to retrieve it after you leave this page. Save the secret Value, not the Secret ID.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {expiring.length > 0 ? (
        <MessageBar intent="warning" className={styles.bar}>
          <MessageBarBody>
            {expiring.length === 1 ? 'One client secret has expired or expires within 30 days.' : `${expiring.length} client secrets have expired or expire within 30 days.`}
            {' '}Add a new secret and update the applications that use it.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {secrets.length === 0 ? (
        <EmptyState title="No client secrets have been created for this application">Select <strong>New client secret</strong> to add one.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Client secrets" className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '18%' }}>Description</TableHeaderCell>
                <TableHeaderCell style={{ width: '16%' }}>Expires</TableHeaderCell>
                <TableHeaderCell style={{ width: '33%' }}>Value</TableHeaderCell>
                <TableHeaderCell style={{ width: '33%' }}>Secret ID</TableHeaderCell>
                <TableHeaderCell style={{ width: '48px' }} aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {secrets.map((s) => {
                const value = created?.keyId === s.keyId ? created.secretText ?? undefined : undefined;
                return (
                  <TableRow key={s.keyId}>
                    <TableCell>{s.displayName || '—'}</TableCell>
                    <TableCell><span className={styles.dates}>{shortDate(s.endDateTime)}{credentialStatus(s.endDateTime) !== 'current' ? <StatusBadge endDateTime={s.endDateTime} /> : null}</span></TableCell>
                    <TableCell>
                      {value
                        ? <span className={styles.cell}><span className={styles.mono} data-testid="secret-value">{value}</span><CopyButton value={value} label="client secret value" /></span>
                        : <span className={styles.mono}>{s.hint ? `${s.hint}${'*'.repeat(12)}` : '—'}</span>}
                    </TableCell>
                    <TableCell><span className={styles.cell}><span className={styles.mono}>{s.keyId}</span><CopyButton value={s.keyId} label="secret ID" /></span></TableCell>
                    <TableCell>
                      <Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete client secret ${s.displayName || s.keyId}`} onClick={() => remove(s.keyId)} />
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      <NewSecretPanel
        open={panel} objectId={app.id} onClose={() => setPanel(false)}
        onAdded={async (secret) => {
          onCreated(secret);
          await reload();
        }}
      />
    </>
  );
}
