/**
 * App › Certificates & secrets: tabs for Certificates, Client secrets and Federated credentials. A secret just
 * added is kept here (not in the tab) so its value survives switching tabs, but not leaving the page.
 */
import { makeStyles, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { PasswordCredential } from '../../../api/types';
import type { AppSectionProps } from '../app-section-props';
import { CertificatesTab } from './certificates-tab';
import { ClientSecretsTab } from './client-secrets-tab';
import { FederatedCredentialsTab } from './federated-credentials-tab';

const useStyles = makeStyles({
  intro: { color: tokens.colorNeutralForeground2, display: 'block', maxWidth: '860px', marginBottom: '12px' },
  tabs: { marginBottom: '12px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto' },
});

type TabKey = 'certificates' | 'secrets' | 'federated';

export function CredentialsSection({ app, reload }: AppSectionProps) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabKey>('secrets');
  const [created, setCreated] = useState<PasswordCredential | undefined>();
  const [federatedCount, setFederatedCount] = useState<number | undefined>();
  return (
    <>
      <Text className={styles.intro}>
        Credentials enable confidential applications to identify themselves to the authentication service when receiving tokens at a
        web addressable location (using an HTTPS scheme). For a higher level of assurance, we recommend using a certificate (instead of a
        client secret) as a credential.
      </Text>
      <TabList className={styles.tabs} selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabKey)}>
        <Tab value="certificates">{`Certificates (${app.keyCredentials?.length ?? 0})`}</Tab>
        <Tab value="secrets">{`Client secrets (${app.passwordCredentials?.length ?? 0})`}</Tab>
        <Tab value="federated">{`Federated credentials${federatedCount === undefined ? '' : ` (${federatedCount})`}`}</Tab>
      </TabList>
      <div role="tabpanel" aria-label={tab}>
        {tab === 'certificates' ? <CertificatesTab app={app} reload={reload} /> : null}
        {tab === 'secrets' ? <ClientSecretsTab app={app} reload={reload} created={created} onCreated={setCreated} /> : null}
        {tab === 'federated' ? <FederatedCredentialsTab app={app} onCount={setFederatedCount} /> : null}
      </div>
    </>
  );
}
