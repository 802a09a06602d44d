/**
 * App › API permissions: the permissions the app requests (requiredResourceAccess), grouped by API, with type,
 * whether admin consent is required and whether it is granted; Add a permission; Grant admin consent for {tenant}.
 */
import {
  Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, makeStyles, MessageBar, MessageBarBody,
  Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, tokens, ToolbarButton,
} from '@fluentui/react-components';
import { AddRegular, ArrowClockwiseRegular, CheckmarkCircleFilled, CheckmarkRegular, DeleteRegular, WarningFilled } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import { CommandBar } from '../../../components/command-bar';
import { ErrorBar } from '../../../components/error-bar';
import { EmptyState, Loading } from '../../../components/loading';
import { usePortal } from '../../../shell/context';
import type { AppSectionProps } from '../app-section-props';
import { grantAdminConsent } from './admin-consent';
import { permissionRows, type PermissionRow } from './permission-rows';
import { RequestPermissionsPanel } from './request-permissions-panel';
import { withoutPermission } from './required-access';

const useStyles = makeStyles({
  hint: { color: tokens.colorNeutralForeground2, display: 'block', margin: '0 0 12px', maxWidth: '860px' },
  h2: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: '8px 0 4px' },
  scroll: { overflowX: 'auto' },
  table: { minWidth: '760px' },
  group: { backgroundColor: tokens.colorNeutralBackground2, fontWeight: tokens.fontWeightSemibold },
  status: { display: 'inline-flex', alignItems: 'center', gap: '4px' },
  ok: { color: tokens.colorPaletteGreenForeground1, fontSize: '16px', flexShrink: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, fontSize: '16px', flexShrink: 0 },
  name: { overflowWrap: 'anywhere' },
  bar: { marginBottom: '12px' },
});

export function ApiPermissionsSection({ app, reload }: AppSectionProps) {
  const styles = useStyles();
  const { graph, organization } = usePortal();
  const [rows, setRows] = useState<PermissionRow[] | undefined>();
  const [error, setError] = useState<unknown>();
  const [action, setAction] = useState('The permissions could not be read');
  const [panel, setPanel] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [notice, setNotice] = useState<string>();
  const load = useCallback(() => {
    permissionRows(graph, app).then(setRows, (err) => {
      setAction('The permissions could not be read');
      setError(err);
      setRows([]);
    });
  }, [graph, app]);
  useEffect(load, [load]);

  const grant = async () => {
    setConfirm(false);
    setError(undefined);
    try {
      await grantAdminConsent(graph, app);
      setNotice(`Admin consent was granted for ${organization.displayName}.`);
      load();
    } catch (err) {
      setAction('Admin consent could not be granted');
      setError(err);
    }
  };
  const remove = async (row: PermissionRow) => {
    setError(undefined);
    const requiredResourceAccess = withoutPermission(app.requiredResourceAccess ?? [], row.resourceAppId, row.type, row.id);
    try {
      await graph.patch(`/applications/${app.id}`, { requiredResourceAccess });
      await reload();
    } catch (err) {
      setAction('The permission could not be removed');
      setError(err);
    }
  };
  const apis = [...new Set((rows ?? []).map((r) => r.apiName))];
  const tenant = organization.displayName;
  return (
    <>
      <CommandBar label="API permissions commands">
        <ToolbarButton appearance="subtle" icon={<ArrowClockwiseRegular />} onClick={() => { setRows(undefined); void reload(); }}>Refresh</ToolbarButton>
      </CommandBar>
      <Text className={styles.hint}>
        Applications are authorized to call APIs when they are granted permissions by users/admins as part of the consent process. The list of
        configured permissions should include all the permissions the application needs.
      </Text>
      <ErrorBar error={error} action={action} />
      {notice ? <MessageBar intent="success" className={styles.bar} role="status"><MessageBarBody>{notice}</MessageBarBody></MessageBar> : null}
      <h2 className={styles.h2}>Configured permissions</h2>
      <CommandBar label="Configured permissions commands">
        <ToolbarButton appearance="subtle" icon={<AddRegular />} onClick={() => setPanel(true)}>Add a permission</ToolbarButton>
        <ToolbarButton appearance="subtle" icon={<CheckmarkRegular />} disabled={!rows || rows.length === 0} onClick={() => setConfirm(true)}>{`Grant admin consent for ${tenant}`}</ToolbarButton>
      </CommandBar>
      {rows === undefined ? <Loading label="Loading permissions…" /> : rows.length === 0 ? (
        <EmptyState title="No permissions added">Select <strong>Add a permission</strong> to request access to an API such as Azure Healthcare APIs.</EmptyState>
      ) : (
        <div className={styles.scroll}>
          <Table aria-label="Configured permissions" className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell style={{ width: '26%' }}>API / Permissions name</TableHeaderCell>
                <TableHeaderCell style={{ width: '12%' }}>Type</TableHeaderCell>
                <TableHeaderCell style={{ width: '23%' }}>Description</TableHeaderCell>
                <TableHeaderCell style={{ width: '12%' }}>Admin consent required</TableHeaderCell>
                <TableHeaderCell style={{ width: '27%' }}>Status</TableHeaderCell>
                <TableHeaderCell style={{ width: '48px' }} aria-label="Actions" />
              </TableRow>
            </TableHeader>
            <TableBody>
              {apis.flatMap((name) => [
                <TableRow key={`api-${name}`}><TableCell colSpan={6} className={styles.group}>{`${name} (${rows.filter((r) => r.apiName === name).length})`}</TableCell></TableRow>,
                ...rows.filter((r) => r.apiName === name).map((r) => (
                  <TableRow key={`${r.resourceAppId}-${r.type}-${r.id}`} data-testid={`permission-${r.value}`}>
                    <TableCell className={styles.name}>{r.value}</TableCell>
                    <TableCell>{r.type === 'Scope' ? 'Delegated' : 'Application'}</TableCell>
                    <TableCell>{r.description}</TableCell>
                    <TableCell>{r.adminConsentRequired ? 'Yes' : 'No'}</TableCell>
                    <TableCell>
                      {r.granted
                        ? <span className={styles.status}><CheckmarkCircleFilled className={styles.ok} aria-hidden />{`Granted for ${tenant}`}</span>
                        : <span className={styles.status}><WarningFilled className={styles.warn} aria-hidden />{`Not granted for ${tenant}`}</span>}
                    </TableCell>
                    <TableCell><Button appearance="subtle" icon={<DeleteRegular />} aria-label={`Remove permission ${r.value}`} onClick={() => remove(r)} /></TableCell>
                  </TableRow>
                )),
              ])}
            </TableBody>
          </Table>
        </div>
      )}
      <RequestPermissionsPanel open={panel} app={app} onClose={() => setPanel(false)} onAdded={reload} />
      <Dialog open={confirm} onOpenChange={(_, d) => setConfirm(d.open)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Grant admin consent confirmation.</DialogTitle>
            <DialogContent>
              Do you want to grant consent for the requested permissions for all accounts in {tenant}? This will update any existing admin
              consent records this application already has to match what is listed below.
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" onClick={grant}>Yes</Button>
              <Button onClick={() => setConfirm(false)}>No</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
