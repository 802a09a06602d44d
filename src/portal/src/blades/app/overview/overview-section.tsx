/** App › Overview: the Essentials (client, tenant and object IDs with copy buttons), Endpoints, Delete. */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody,
  tokens, ToolbarButton,
} from '@fluentui/react-components';
import { DeleteRegular, GlobeRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { Essentials } from '../../../components/essentials';
import { RouteLink } from '../../../components/route-link';
import { usePortal } from '../../../shell/context';
import { navigate } from '../../../shell/router';
import { accountTypeShort } from '../../app-registrations/account-types';
import type { AppSectionProps } from '../app-section-props';
import { EndpointsPanel } from './endpoints-panel';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '8px 0' },
  bar: { marginBottom: '16px' },
});

export function OverviewSection({ app }: AppSectionProps) {
  const styles = useStyles();
  const { config, graph } = usePortal();
  const [endpoints, setEndpoints] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<unknown>();
  const secrets = app.passwordCredentials?.length ?? 0;
  const certificates = app.keyCredentials?.length ?? 0;
  const base = `/apps/${app.id}`;
  const remove = async () => {
    try {
      await graph.delete(`/applications/${app.id}`);
      navigate('/entra/app-registrations');
    } catch (err) {
      setConfirmDelete(false);
      setError(err);
    }
  };
  return (
    <>
      <CommandBar label="Overview commands">
        <ToolbarButton appearance="subtle" icon={<GlobeRegular />} onClick={() => setEndpoints(true)}>Endpoints</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<DeleteRegular />} onClick={() => setConfirmDelete(true)}>Delete</ToolbarButton>
      </CommandBar>
      <ErrorBar error={error} action="The app registration could not be deleted" />
      {secrets + certificates === 0 && !app.isFallbackPublicClient ? (
        <MessageBar intent="info" className={styles.bar}>
          <MessageBarBody>
            This application has no certificate or secret yet. Add one in <RouteLink route={`${base}/credentials`}>Certificates &amp; secrets</RouteLink> to
            use it as a confidential client.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <h2 className={styles.h2}>Essentials</h2>
      <Essentials
        items={[
          { label: 'Display name', value: app.displayName },
          { label: 'Client credentials', value: `${certificates} certificate, ${secrets} secret`, display: <RouteLink route={`${base}/credentials`}>{`${certificates} certificate, ${secrets} secret`}</RouteLink> },
          { label: 'Application (client) ID', value: app.appId, copy: true, testId: 'application-client-id' },
          {
            label: 'Redirect URIs',
            value: 'redirect',
            display: <RouteLink route={`${base}/authentication`}>{`${app.web?.redirectUris.length ?? 0} web, ${app.spa?.redirectUris.length ?? 0} spa, ${app.publicClient?.redirectUris.length ?? 0} public client`}</RouteLink>,
          },
          { label: 'Object ID', value: app.id, copy: true, testId: 'object-id' },
          { label: 'Application ID URI', value: app.identifierUris?.[0] ?? 'Not set' },
          { label: 'Directory (tenant) ID', value: config.tenantId, copy: true, testId: 'directory-tenant-id' },
          { label: 'Supported account types', value: accountTypeShort(app.signInAudience) },
        ]}
      />
      <EndpointsPanel open={endpoints} onClose={() => setEndpoints(false)} />
      <Dialog open={confirmDelete} onOpenChange={(_, d) => setConfirmDelete(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Delete app registration</DialogTitle>
            <DialogContent>
              Delete "{app.displayName}"? Applications that use its client ID stop signing in at once.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={remove}>Delete</Button>
              <Button onClick={() => setConfirmDelete(false)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
