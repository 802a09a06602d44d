/**
 * Register an application: Name, Supported account types, Redirect URI (optional) with its platform. Register
 * creates the application and then its service principal, as the Azure portal does, so it can get tokens at once.
 */
import {
  Button, Divider, Field, Input, makeStyles, Radio, RadioGroup, Select, Text, tokens,
} from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import type { Application } from '../../api/types';
import { BladeHeader } from '../../components/blade-header';
import { ErrorBar } from '../../components/error-bar';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';
import { ACCOUNT_TYPES, type Platform } from './account-types';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '20px', maxWidth: '820px' },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  uri: { display: 'grid', gridTemplateColumns: '260px minmax(0, 1fr)', gap: '8px', '@media (max-width: 600px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  footer: { display: 'flex', gap: '8px', alignItems: 'center', flexWrap: 'wrap', paddingTop: '8px', borderTop: `1px solid ${tokens.colorNeutralStroke2}` },
  hint: { color: tokens.colorNeutralForeground2 },
});

export function NewRegistrationBlade() {
  const styles = useStyles();
  const { graph, organization } = usePortal();
  const [name, setName] = useState('');
  const [audience, setAudience] = useState('AzureADMyOrg');
  const [platform, setPlatform] = useState<Platform | ''>('');
  const [uri, setUri] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [action, setAction] = useState('The application could not be registered');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const body: Record<string, unknown> = { displayName: name.trim(), signInAudience: audience };
    if (uri.trim()) {
      body[platform || 'web'] = { redirectUris: [uri.trim()] };
    }
    let app: Application | undefined;
    try {
      setAction('The application could not be registered');
      app = await graph.post<Application>('/applications', body);
      setAction(`"${app.displayName}" was registered, but its service principal could not be created`);
      await graph.post('/servicePrincipals', { appId: app.appId });
      navigate(`/apps/${app.id}/overview`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <BladeHeader title="Register an application" />
      <form className={styles.form} onSubmit={submit} aria-label="Register an application">
        <ErrorBar error={error} action={action} />
        <Field label="Name" required hint="The user-facing display name for this application (this can be changed later).">
          <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={120} />
        </Field>
        <Divider />
        <h2 className={styles.h2} id="account-types">Supported account types</h2>
        <Field label="Who can use this application or access this API?">
          <RadioGroup value={audience} onChange={(_, d) => setAudience(d.value)} aria-labelledby="account-types">
            {ACCOUNT_TYPES(organization.displayName).map((t) => <Radio key={t.audience} value={t.audience} label={t.label} />)}
          </RadioGroup>
        </Field>
        <Divider />
        <h2 className={styles.h2}>Redirect URI (optional)</h2>
        <Text className={styles.hint}>
          We'll return the authentication response to this URI after successfully authenticating the user. Providing this now is
          optional and it can be changed later, but a value is required for most authentication scenarios.
        </Text>
        <div className={styles.uri}>
          <Field label="Select a platform">
            <Select value={platform} onChange={(_, d) => setPlatform(d.value as Platform | '')}>
              <option value="">Select a platform</option>
              <option value="web">Web</option>
              <option value="spa">Single-page application (SPA)</option>
              <option value="publicClient">Public client/native (mobile &amp; desktop)</option>
            </Select>
          </Field>
          <Field label="Redirect URI">
            <Input value={uri} onChange={(_, d) => setUri(d.value)} placeholder="e.g. https://example.com/auth" type="url" />
          </Field>
        </div>
        <div className={styles.footer}>
          <Text size={200} className={styles.hint}>By proceeding, you register the application in {organization.displayName}.</Text>
          <span style={{ flex: 1 }} />
          <Button appearance="primary" type="submit" disabled={busy || !name.trim() || (!!uri.trim() && !platform)}>
            {busy ? 'Registering…' : 'Register'}
          </Button>
        </div>
      </form>
    </>
  );
}
