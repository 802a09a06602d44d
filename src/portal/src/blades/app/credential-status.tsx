/** Whether a secret or certificate is current, expiring within 30 days, or expired: shown in lists and badges. */
import { Badge } from '@fluentui/react-components';
import type { Application } from '../../api/types';

export type CredentialStatus = 'current' | 'expiring' | 'expired';

const SOON_MS = 30 * 24 * 3600 * 1000;

export function credentialStatus(endDateTime: string, now = Date.now()): CredentialStatus {
  const end = Date.parse(endDateTime);
  if (end <= now) return 'expired';
  return end - now <= SOON_MS ? 'expiring' : 'current';
}

export function StatusBadge({ endDateTime }: { endDateTime: string }) {
  const status = credentialStatus(endDateTime);
  if (status === 'expired') return <Badge appearance="filled" color="danger">Expired</Badge>;
  if (status === 'expiring') return <Badge appearance="filled" color="warning">Expires soon</Badge>;
  return <Badge appearance="tint" color="success">Current</Badge>;
}

/** "Current", "1 expired", "—" for the app list's Certificates & secrets column. */
export function credentialSummary(app: Pick<Application, 'passwordCredentials' | 'keyCredentials'>) {
  const all = [...(app.passwordCredentials ?? []), ...(app.keyCredentials ?? [])];
  if (all.length === 0) return '—';
  const expired = all.filter((c) => credentialStatus(c.endDateTime) === 'expired').length;
  const expiring = all.filter((c) => credentialStatus(c.endDateTime) === 'expiring').length;
  if (expired) return <Badge appearance="filled" color="danger">{expired} expired</Badge>;
  if (expiring) return <Badge appearance="filled" color="warning">{expiring} expiring soon</Badge>;
  return <Badge appearance="tint" color="success">Current</Badge>;
}

/** A date the way the portal lists them: 5/26/2027. */
export function shortDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US');
}
