/** The Endpoints panel: the tenant's OAuth 2.0 and OpenID Connect URLs, each with a copy button. */
import { Field, Input, makeStyles } from '@fluentui/react-components';
import { publicUrlOf } from '../../../api/config';
import { CopyButton } from '../../../components/copy-button';
import { SidePanel } from '../../../components/side-panel';
import { usePortal } from '../../../shell/context';

const useStyles = makeStyles({ list: { display: 'flex', flexDirection: 'column', gap: '14px' }, row: { display: 'flex', gap: '4px', alignItems: 'center' } });

export function EndpointsPanel({ open, onClose }: { open: boolean; onClose(): void }) {
  const styles = useStyles();
  const { config } = usePortal();
  const base = publicUrlOf(config);
  const t = config.tenantId;
  const endpoints: [string, string][] = [
    ['OAuth 2.0 authorization endpoint (v2)', `${base}/${t}/oauth2/v2.0/authorize`],
    ['OAuth 2.0 token endpoint (v2)', `${base}/${t}/oauth2/v2.0/token`],
    ['OAuth 2.0 authorization endpoint (v1)', `${base}/${t}/oauth2/authorize`],
    ['OAuth 2.0 token endpoint (v1)', `${base}/${t}/oauth2/token`],
    ['OpenID Connect metadata document', `${base}/${t}/v2.0/.well-known/openid-configuration`],
    ['Microsoft Graph API endpoint', config.graphBaseUrl],
  ];
  return (
    <SidePanel open={open} title="Endpoints" onClose={onClose}>
      <div className={styles.list}>
        {endpoints.map(([label, url]) => (
          <Field key={label} label={label}>
            <div className={styles.row}>
              <Input readOnly value={url} style={{ flex: 1 }} />
              <CopyButton value={url} label={label} />
            </div>
          </Field>
        ))}
      </div>
    </SidePanel>
  );
}
