/** Microsoft Entra ID › Overview: the tenant's name, ID and domain, and how many app registrations it has. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { Application } from '../../api/types';
import { ErrorBar } from '../../components/error-bar';
import { Essentials } from '../../components/essentials';
import { RouteLink } from '../../components/route-link';
import { usePortal } from '../../shell/context';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '24px 0 8px' },
});

export function EntraOverviewBlade() {
  const styles = useStyles();
  const { organization, graph, config } = usePortal();
  const [apps, setApps] = useState<number | undefined>();
  const [error, setError] = useState<unknown>();
  useEffect(() => {
    graph.list<Application>('/applications?$select=id').then((list) => setApps(list.length), setError);
  }, [graph]);
  const domain = organization.verifiedDomains.find((d) => d.isDefault)?.name ?? organization.verifiedDomains[0]?.name ?? '';
  return (
    <>
      <ErrorBar error={error} action="Could not count the app registrations" />
      <h2 className={styles.h2}>Basic information</h2>
      <Essentials
        items={[
          { label: 'Name', value: organization.displayName },
          { label: 'Tenant ID', value: organization.id, copy: true },
          { label: 'Primary domain', value: domain },
          { label: 'Authority', value: config.authority, copy: true },
          { label: 'App registrations', value: apps === undefined ? '…' : String(apps) },
        ]}
      />
      <h2 className={styles.h2}>Manage</h2>
      <Text>
        Register applications that sign users in or call APIs in <RouteLink route="/entra/app-registrations">App registrations</RouteLink>.
      </Text>
    </>
  );
}
