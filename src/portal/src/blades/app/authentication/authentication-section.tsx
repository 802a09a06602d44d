/**
 * App › Authentication: platform cards with their redirect URIs (Add a platform), front-channel logout and
 * implicit grant for Web, and "Allow public client flows". Edits are kept until Save (or Discard); Configure in
 * the Add a platform panel saves that platform at once, as the Azure portal does.
 */
import {
  Checkbox, Divider, Field, Input, makeStyles, MessageBar, MessageBarBody, Radio, RadioGroup, Text, tokens, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, ArrowUndoRegular, SaveRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import { ACCOUNT_TYPES, accountTypeShort } from '../../app-registrations/account-types';
import type { AppSectionProps } from '../app-section-props';
import { AddPlatformPanel, type PlatformConfiguration } from './add-platform-panel';
import { changes, draftOf, type AuthDraft } from './draft';
import { PlatformCard } from './platform-card';
import { RedirectUriList } from './redirect-uri-list';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '860px' },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 0' },
  h3: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: '4px 0 0' },
  hint: { color: tokens.colorNeutralForeground2 },
  flows: { margin: '4px 0', paddingLeft: '20px', color: tokens.colorNeutralForeground2 },
});

export function AuthenticationSection({ app, reload }: AppSectionProps) {
  const styles = useStyles();
  const { graph, organization } = usePortal();
  const saved = useMemo(() => draftOf(app), [app]);
  const [draft, setDraft] = useState<AuthDraft>(saved);
  const [panel, setPanel] = useState(false);
  const { busy, error, run } = useAction();
  const [notice, setNotice] = useState<string>();
  // When the saved settings change (Configure, Save), keep only the edits made against the previous ones.
  const previous = useRef(saved);
  useEffect(() => {
    const before = previous.current;
    previous.current = saved;
    setDraft((d) => ({ ...saved, ...changes(before, d) }));
  }, [saved]);
  const pending = changes(saved, draft);
  const dirty = Object.keys(pending).length > 0;
  const edit = (patch: Partial<AuthDraft>) => {
    setNotice(undefined);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const save = () => run(async () => {
    const body = { ...pending };
    for (const key of ['web', 'spa', 'publicClient'] as const) {
      if (body[key]) body[key] = { ...body[key], redirectUris: body[key]!.redirectUris.map((u) => u.trim()).filter(Boolean) } as never;
    }
    await graph.patch(`/applications/${app.id}`, body);
    await reload();
    setNotice('Your changes to the authentication settings were saved.');
  });

  const configure = async (c: PlatformConfiguration) => {
    const merge = (list: string[]) => [...new Set([...list, ...c.redirectUris])];
    const body: Partial<AuthDraft> = c.platform === 'web'
      ? {
        web: {
          redirectUris: merge(saved.web.redirectUris),
          logoutUrl: c.logoutUrl ?? saved.web.logoutUrl,
          implicitGrantSettings: {
            enableAccessTokenIssuance: saved.web.implicitGrantSettings.enableAccessTokenIssuance || !!c.accessTokens,
            enableIdTokenIssuance: saved.web.implicitGrantSettings.enableIdTokenIssuance || !!c.idTokens,
          },
        },
      }
      : { [c.platform]: { redirectUris: merge(saved[c.platform].redirectUris) } };
    await graph.patch(`/applications/${app.id}`, body);
    await reload();
    setNotice('The platform was configured and saved.');
  };

  const hasWeb = draft.web.redirectUris.length > 0 || !!draft.web.logoutUrl;
  return (
    <div className={styles.page}>
      <CommandBar label="Authentication commands" sticky>
        <ToolbarButton appearance="subtle" icon={<SaveRegular />} disabled={!dirty || busy} onClick={save}>Save</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<ArrowUndoRegular />} disabled={!dirty || busy} onClick={() => setDraft(saved)}>Discard</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The authentication settings could not be saved" />
      {notice ? <MessageBar intent="success" role="status"><MessageBarBody>{notice}</MessageBarBody></MessageBar> : null}

      <h2 className={styles.h2}>Platform configurations</h2>
      <Text className={styles.hint}>
        Depending on the platform or device this application is targeting, additional configuration may be required such as redirect
        URIs, specific authentication settings, or fields specific to the platform.
      </Text>
      <div><ToolbarButton appearance="primary" icon={<AddRegular />} onClick={() => setPanel(true)}>Add a platform</ToolbarButton></div>
      {!hasWeb && draft.spa.redirectUris.length === 0 && draft.publicClient.redirectUris.length === 0 ? (
        <Text className={styles.hint}>No platform is configured yet. Select <strong>Add a platform</strong> to add redirect URIs.</Text>
      ) : null}
      {hasWeb ? (
        <PlatformCard title="Web" description="Redirect URIs for web server applications." onRemove={() => edit({ web: { ...draft.web, redirectUris: [], logoutUrl: null } })}>
          <RedirectUriList label="Web" uris={draft.web.redirectUris} onChange={(uris) => edit({ web: { ...draft.web, redirectUris: uris } })} />
        </PlatformCard>
      ) : null}
      {draft.spa.redirectUris.length > 0 ? (
        <PlatformCard title="Single-page application" description="Redirect URIs for browser apps that use auth code with PKCE." onRemove={() => edit({ spa: { redirectUris: [] } })}>
          <RedirectUriList label="Single-page application" uris={draft.spa.redirectUris} onChange={(uris) => edit({ spa: { redirectUris: uris } })} />
        </PlatformCard>
      ) : null}
      {draft.publicClient.redirectUris.length > 0 ? (
        <PlatformCard title="Mobile and desktop applications" description="Redirect URIs for public clients: desktop, mobile and command-line apps." onRemove={() => edit({ publicClient: { redirectUris: [] } })}>
          <RedirectUriList label="Mobile and desktop" uris={draft.publicClient.redirectUris} onChange={(uris) => edit({ publicClient: { redirectUris: uris } })} />
        </PlatformCard>
      ) : null}

      <Divider />
      <h2 className={styles.h2} id="front-channel-logout">Front-channel logout URL</h2>
      <Field hint="This is where we send a request to have the application clear the user's session data. This is required for single sign-out to work correctly.">
        <Input aria-labelledby="front-channel-logout" value={draft.web.logoutUrl ?? ''} placeholder="e.g. https://example.com/logout" onChange={(_, d) => edit({ web: { ...draft.web, logoutUrl: d.value || null } })} />
      </Field>

      <h2 className={styles.h2}>Implicit grant and hybrid flows</h2>
      <Text className={styles.hint}>Request a token directly from the authorization endpoint. Select the tokens you would like to be issued by the authorization endpoint:</Text>
      <Checkbox
        label="Access tokens (used for implicit flows)" checked={draft.web.implicitGrantSettings.enableAccessTokenIssuance}
        onChange={(_, d) => edit({ web: { ...draft.web, implicitGrantSettings: { ...draft.web.implicitGrantSettings, enableAccessTokenIssuance: !!d.checked } } })}
      />
      <Checkbox
        label="ID tokens (used for implicit and hybrid flows)" checked={draft.web.implicitGrantSettings.enableIdTokenIssuance}
        onChange={(_, d) => edit({ web: { ...draft.web, implicitGrantSettings: { ...draft.web.implicitGrantSettings, enableIdTokenIssuance: !!d.checked } } })}
      />

      <h2 className={styles.h2} id="account-types">Supported account types</h2>
      {['AzureADMyOrg', 'AzureADMultipleOrgs'].includes(saved.signInAudience) ? (
        <Field label="Who can use this application or access this API?">
          <RadioGroup aria-labelledby="account-types" value={draft.signInAudience} onChange={(_, d) => edit({ signInAudience: d.value })}>
            {ACCOUNT_TYPES(organization.displayName).slice(0, 2).map((t) => <Radio key={t.audience} value={t.audience} label={t.label} />)}
          </RadioGroup>
        </Field>
      ) : (
        <Text>Who can use this application or access this API? <strong>{accountTypeShort(app.signInAudience)}</strong></Text>
      )}

      <Divider />
      <h2 className={styles.h2}>Advanced settings</h2>
      <h3 className={styles.h3} id="public-client-flows">Allow public client flows</h3>
      <Text className={styles.hint}>Enable the following mobile and desktop flows:</Text>
      <ul className={styles.flows}>
        <li>App collects plaintext password (Resource Owner Password Credential Flow)</li>
        <li>No keyboard (Device Code Flow)</li>
        <li>SSO for domain-joined Windows (Windows Integrated Auth Flow)</li>
      </ul>
      <RadioGroup
        layout="horizontal" aria-labelledby="public-client-flows" value={draft.isFallbackPublicClient ? 'yes' : 'no'}
        onChange={(_, d) => edit({ isFallbackPublicClient: d.value === 'yes' })}
      >
        <Radio value="yes" label="Yes" />
        <Radio value="no" label="No" />
      </RadioGroup>
      <Text className={styles.hint}>
        {draft.isFallbackPublicClient
          ? 'Yes: this is a public client application. A certificate or secret is not required, which suits mobile apps and JavaScript apps where you do not want to store any secrets.'
          : 'No (the default): this is a confidential client application, and a certificate or secret is required.'}
      </Text>

      <AddPlatformPanel open={panel} appId={app.appId} onClose={() => setPanel(false)} onConfigure={configure} />
    </div>
  );
}
