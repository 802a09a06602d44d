/** Certificates: Upload certificate, and the list with Thumbprint, Start date, Expires and Certificate ID. */
import {
  Button, makeStyles, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, ToolbarButton,
} from '@fluentui/react-components';
import { ArrowUploadRegular, DeleteRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { CommandBar } from '../../../components/command-bar';
import { CopyButton } from '../../../components/copy-button';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState } from '../../../components/loading';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';
import { useCredentialTableStyles } from './credential-table-styles';
import { shortDate, StatusBadge } from '../credential-status';
import { UploadCertificatePanel } from './upload-certificate-panel';

const useStyles = makeStyles({
  table: { minWidth: '760px' },
});

/** customKeyIdentifier is base64 of the SHA-1 thumbprint; the portal shows it as upper-case hex. */
export function thumbprintHex(customKeyIdentifier: string | null): string {
  if (!customKeyIdentifier) return '';
  try {
    return Array.from(atob(customKeyIdentifier), (c) => c.charCodeAt(0).toString(16).padStart(2, '0')).join('').toUpperCase();
  } catch {
    return customKeyIdentifier;
  }
}

export function CertificatesTab({ app, reload }: AppSectionProps) {
  const styles = { ...useCredentialTableStyles(), ...useStyles() };
  const { graph } = usePortal();
  const [panel, setPanel] = useState(false);
  const { error, run } = useAction();
  const certificates = app.keyCredentials ?? [];
  const remove = (keyId: string) => run(async () => {
    await graph.patch(`/applications/${app.id}`, { keyCredentials: certificates.filter((k) => k.keyId !== keyId).map((k) => ({ keyId: k.keyId })) });
    await reload();
  });
  return (
    <>
      <CommandBar label="Certificate commands">
        <ToolbarButton appearance="subtle" icon={<ArrowUploadRegular />} onClick={() => setPanel(true)}>Upload certificate</ToolbarButton>
      </CommandBar>
      <Text className={styles.hint}>Certificates can be used as secrets to prove the application's identity when requesting a token. Also can be referred to as public keys.</Text>
      <ErrorBar error={error} action="The certificate could not be deleted" />
      {certificates.length === 0 ? (
        <EmptyState title="No certificates have been added for this application">Select <strong>Upload certificate</strong> to add the public key of a certificate.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Certificates" className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '30%' }}>Thumbprint</TableHeaderCell>
                <TableHeaderCell style={{ width: '14%' }}>Description</TableHeaderCell>
                <TableHeaderCell style={{ width: '12%' }}>Start date</TableHeaderCell>
                <TableHeaderCell style={{ width: '18%' }}>Expires</TableHeaderCell>
                <TableHeaderCell style={{ width: '26%' }}>Certificate ID</TableHeaderCell>
                <TableHeaderCell style={{ width: '48px' }} aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {certificates.map((k) => (
                <TableRow key={k.keyId}>
                  <TableCell><span className={styles.cell}><span className={styles.mono} data-testid="certificate-thumbprint">{thumbprintHex(k.customKeyIdentifier)}</span><CopyButton value={thumbprintHex(k.customKeyIdentifier)} label="thumbprint" /></span></TableCell>
                  <TableCell>{k.displayName || '—'}</TableCell>
                  <TableCell>{shortDate(k.startDateTime)}</TableCell>
                  <TableCell><span className={styles.dates}>{shortDate(k.endDateTime)}<StatusBadge endDateTime={k.endDateTime} /></span></TableCell>
                  <TableCell><span className={styles.cell}><span className={styles.mono}>{k.keyId}</span><CopyButton value={k.keyId} label="certificate ID" /></span></TableCell>
                  <TableCell><Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Delete certificate ${thumbprintHex(k.customKeyIdentifier)}`} onClick={() => remove(k.keyId)} /></TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <UploadCertificatePanel open={panel} app={app} onClose={() => setPanel(false)} onUploaded={reload} />
    </>
  );
}
