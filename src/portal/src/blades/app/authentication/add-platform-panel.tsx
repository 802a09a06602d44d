/**
 * "Add a platform": pick Web, Single-page application or Mobile and desktop applications, fill in its redirect
 * URIs (Mobile and desktop offers the suggested ones and "Custom redirect URIs"), then Configure.
 */
import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular, GlobeRegular, PhoneLaptopRegular, WindowDevToolsRegular } from '@fluentui/react-icons';
import { useState, type ReactElement } from 'react';
import { ErrorBar } from '../../../components/error-bar';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { PLATFORM_NAMES, type Platform } from '../../app-registrations/account-types';
import { suggestedNativeUris } from './draft';

export interface PlatformConfiguration {
  platform: Platform;
  redirectUris: string[];
  logoutUrl?: string;
  accessTokens?: boolean;
  idTokens?: boolean;
}

const useStyles = makeStyles({
  tiles: { display: 'flex', flexDirection: 'column', gap: '12px' },
  tile: { justifyContent: 'flex-start', textAlign: 'left', padding: '14px', height: 'auto', gap: '12px' },
  tileText: { display: 'flex', flexDirection: 'column', gap: '2px' },
  form: { display: 'flex', flexDirection: 'column', gap: '16px' },
  hint: { color: tokens.colorNeutralForeground2 },
  h3: { margin: '4px 0 0', fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
});

const TILES: { platform: Platform; icon: ReactElement; text: string; group: string }[] = [
  { platform: 'web', group: 'Web applications', icon: <GlobeRegular fontSize={28} />, text: 'Build, host, and deploy a web server application. .NET, Java, Python' },
  { platform: 'spa', group: 'Web applications', icon: <WindowDevToolsRegular fontSize={28} />, text: 'Configure browser client applications and progressive web applications. JavaScript' },
  { platform: 'publicClient', group: 'Mobile and desktop applications', icon: <PhoneLaptopRegular fontSize={28} />, text: 'Windows, UWP, Console, IoT & Limited-entry Devices, Classic iOS + Android' },
];

export interface AddPlatformPanelProps {
  open: boolean;
  appId: string;
  onClose(): void;
  onConfigure(configuration: PlatformConfiguration): Promise<void>;
}

export function AddPlatformPanel({ open, appId, onClose, onConfigure }: AddPlatformPanelProps) {
  const styles = useStyles();
  const [platform, setPlatform] = useState<Platform | undefined>();
  const [uri, setUri] = useState('');
  const [logoutUrl, setLogoutUrl] = useState('');
  const [accessTokens, setAccessTokens] = useState(false);
  const [idTokens, setIdTokens] = useState(false);
  const [suggested, setSuggested] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();
  const reset = () => {
    setPlatform(undefined); setUri(''); setLogoutUrl(''); setAccessTokens(false); setIdTokens(false); setSuggested([]); setError(undefined);
  };
  const close = () => {
    reset();
    onClose();
  };
  const custom = uri.split(/[\s,;]+/).map((u) => u.trim()).filter(Boolean);
  const redirectUris = platform === 'publicClient' ? [...suggested, ...custom] : custom;
  const configure = async () => {
    if (!platform) return;
    await run(async () => {
      await onConfigure({ platform, redirectUris, logoutUrl: logoutUrl.trim() || undefined, accessTokens, idTokens });
      close();
    });
  };
  return (
    <SidePanel
      open={open} title={platform ? `Configure ${PLATFORM_NAMES[platform]}` : 'Configure platforms'} onClose={close}
      footer={platform ? <PanelButtons label="Configure" busyLabel="Configuring…" busy={busy} disabled={redirectUris.length === 0} onSubmit={configure} onCancel={close} /> : null}
    >
      {!platform ? (
        <div className={styles.tiles}>
          {TILES.map((t, i) => [
            t.group !== TILES[i - 1]?.group ? <h3 key={t.group} className={styles.h3}>{t.group}</h3> : null,
            <Button key={t.platform} className={styles.tile} icon={t.icon} onClick={() => setPlatform(t.platform)}>
              <span className={styles.tileText}>
                <Text weight="semibold">{PLATFORM_NAMES[t.platform]}</Text>
                <Text size={200} className={styles.hint}>{t.text}</Text>
              </span>
            </Button>,
          ])}
        </div>
      ) : (
        <div className={styles.form}>
          <div><Button appearance="transparent" icon={<ArrowLeftRegular />} onClick={reset}>All platforms</Button></div>
          <ErrorBar error={error} action="The platform could not be configured" />
          {platform === 'publicClient' ? (
            <>
              <Text className={styles.hint}>Select the suggested redirect URIs for your application, or add your own below.</Text>
              {suggestedNativeUris(appId).map((s) => (
                <Checkbox
                  key={s.uri} label={s.note ? `${s.uri} (${s.note})` : s.uri} checked={suggested.includes(s.uri)}
                  onChange={(_, d) => setSuggested((list) => (d.checked ? [...list, s.uri] : list.filter((u) => u !== s.uri)))}
                />
              ))}
              <Field label="Custom redirect URIs" hint="e.g. myapp://auth">
                <Input value={uri} onChange={(_, d) => setUri(d.value)} />
              </Field>
            </>
          ) : (
            <Field
              label="Redirect URIs" required
              hint={platform === 'spa'
                ? 'The URIs we will accept as destinations when returning authentication responses (tokens) after successfully authenticating users. e.g. https://example.com/auth'
                : 'The URIs we will accept as destinations when returning authentication responses (tokens) after successfully authenticating or signing out users. e.g. https://example.com/auth'}
            >
              <Input value={uri} onChange={(_, d) => setUri(d.value)} type="url" />
            </Field>
          )}
          {platform === 'web' ? (
            <>
              <Field label="Front-channel logout URL" hint="This is where we send a request to have the application clear the user's session data.">
                <Input value={logoutUrl} onChange={(_, d) => setLogoutUrl(d.value)} placeholder="e.g. https://example.com/logout" type="url" />
              </Field>
              <h3 className={styles.h3}>Implicit grant and hybrid flows</h3>
              <Checkbox label="Access tokens (used for implicit flows)" checked={accessTokens} onChange={(_, d) => setAccessTokens(!!d.checked)} />
              <Checkbox label="ID tokens (used for implicit and hybrid flows)" checked={idTokens} onChange={(_, d) => setIdTokens(!!d.checked)} />
            </>
          ) : null}
        </div>
      )}
    </SidePanel>
  );
}
