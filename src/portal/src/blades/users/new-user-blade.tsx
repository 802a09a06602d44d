/**
 * Users › New user › "Create new user": user principal name (name @ a verified domain), display name, password
 * (auto-generated, shown with a copy button, or typed), and Account enabled. Create opens the new user.
 */
import {
  Button, Checkbox, Field, Input, makeStyles, Select, Text, tokens,
} from '@fluentui/react-components';
import { PersonAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { User } from '../../api/directory-types';
import { BladeHeader } from '../../components/blade-header';
import { CopyButton } from '../../components/copy-button';
import { ErrorBar } from '../../components/error-bar';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { temporaryPassword } from './password';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '640px' },
  upn: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap' },
  name: { flex: '1 1 200px' },
  password: { display: 'flex', alignItems: 'center', gap: '4px', fontFamily: 'Consolas, "Courier New", monospace' },
  actions: { display: 'flex', gap: '8px', marginTop: '8px' },
  hint: { color: tokens.colorNeutralForeground3 },
});

export function NewUserBlade() {
  const styles = useStyles();
  const { graph, organization } = usePortal();
  const domains = organization.verifiedDomains.map((d) => d.name);
  const [nickname, setNickname] = useState('');
  const [domain, setDomain] = useState(organization.verifiedDomains.find((d) => d.isDefault)?.name ?? domains[0] ?? '');
  const [displayName, setDisplayName] = useState('');
  const [autoGenerate, setAutoGenerate] = useState(true);
  const [generated] = useState(temporaryPassword);
  const [typed, setTyped] = useState('');
  const [enabled, setEnabled] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const password = autoGenerate ? generated : typed;
  const valid = /^[A-Za-z0-9._'-]+$/.test(nickname) && displayName.trim() !== '' && password.length >= 8;

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const user = await graph.post<User>('/users', {
        accountEnabled: enabled, displayName: displayName.trim(), mailNickname: nickname.replace(/[^A-Za-z0-9]/g, '') || nickname,
        userPrincipalName: `${nickname}@${domain}`,
        passwordProfile: { password, forceChangePasswordNextSignIn: true },
      });
      navigate(`/users/${user.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <BladeHeader icon={<PersonAddRegular />} title="Create new user" subtitle="Create a new internal user in your organization" />
      <div className={styles.form}>
        <ErrorBar error={error} action="The user could not be created" />
        <Field label="User principal name" required hint="The name people sign in with.">
          <div className={styles.upn}>
            <Input className={styles.name} value={nickname} onChange={(_, d) => setNickname(d.value.trim())} aria-label="User principal name" placeholder="e.g. chris" />
            <Text aria-hidden>@</Text>
            <Select value={domain} onChange={(_, d) => setDomain(d.value)} aria-label="Domain">
              {domains.map((d) => <option key={d} value={d}>{d}</option>)}
            </Select>
          </div>
        </Field>
        <Field label="Display name" required>
          <Input value={displayName} onChange={(_, d) => setDisplayName(d.value)} placeholder="e.g. Chris Green" />
        </Field>
        <Checkbox checked={autoGenerate} onChange={(_, d) => setAutoGenerate(d.checked === true)} label="Auto-generate password" />
        {autoGenerate ? (
          <Field label="Password" hint="Share it with the user; they must change it the first time they sign in.">
            <div className={styles.password}>
              <span data-testid="new-user-password">{generated}</span>
              <CopyButton value={generated} label="password" />
            </div>
          </Field>
        ) : (
          <Field label="Password" required validationMessage={typed && typed.length < 8 ? 'Use at least 8 characters.' : undefined}
            hint="The user must change it the first time they sign in.">
            <Input type="password" value={typed} onChange={(_, d) => setTyped(d.value)} />
          </Field>
        )}
        <Checkbox checked={enabled} onChange={(_, d) => setEnabled(d.checked === true)} label="Account enabled" />
        <div className={styles.actions}>
          <Button appearance="primary" disabled={!valid || busy} onClick={create}>{busy ? 'Creating…' : 'Create'}</Button>
          <Button onClick={() => navigate('/entra/users')}>Cancel</Button>
        </div>
        {!valid && !busy ? <Text size={200} className={styles.hint}>Fill in the user principal name and display name to create the user.</Text> : null}
      </div>
    </>
  );
}
