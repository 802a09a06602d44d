/**
 * "Request API permissions": pick an API (Microsoft APIs / APIs my organization uses), then Delegated or
 * Application permissions, tick them, and Add permissions, which adds them to the app's requiredResourceAccess.
 */
import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowLeftRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { Application, ServicePrincipal } from '../../../api/types';
import { ErrorBar } from '../../../components/error-bar';
import { Loading } from '../../../components/loading';
import { PanelButtons } from '../../../components/panel-buttons';
import { SidePanel } from '../../../components/side-panel';
import { useAction } from '../../../components/use-action';
import { usePortal } from '../../../shell/context';
import { ApiPicker } from './api-picker';
import { PermissionPicker, type PermissionType } from './permission-picker';
import { withPermissions } from './required-access';

const useStyles = makeStyles({ hint: { color: tokens.colorNeutralForeground2 }, body: { display: 'flex', flexDirection: 'column', gap: '8px' } });

export function RequestPermissionsPanel({ open, app, onClose, onAdded }: { open: boolean; app: Application; onClose(): void; onAdded(): Promise<void> }) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [apis, setApis] = useState<ServicePrincipal[] | undefined>();
  const [api, setApi] = useState<ServicePrincipal | undefined>();
  const [type, setType] = useState<PermissionType | undefined>();
  const [selected, setSelected] = useState<string[]>([]);
  const { busy, error, setError, run } = useAction();
  useEffect(() => {
    if (!open) return;
    setApis(undefined);
    graph.list<ServicePrincipal>('/servicePrincipals').then(setApis, (err) => {
      setError(err);
      setApis([]);
    });
  }, [open, graph]);
  const back = () => {
    setApi(undefined);
    setType(undefined);
    setSelected([]);
    setError(undefined);
  };
  const close = () => {
    back();
    onClose();
  };
  const add = async () => {
    if (!api || !type) return;
    await run(async () => {
      await graph.patch(`/applications/${app.id}`, { requiredResourceAccess: withPermissions(app.requiredResourceAccess ?? [], api.appId, type, selected) });
      await onAdded();
      close();
    });
  };
  return (
    <SidePanel
      open={open} title="Request API permissions" onClose={close} size="large"
      footer={api ? <PanelButtons label="Add permissions" busyLabel="Adding…" busy={busy} disabled={selected.length === 0} onSubmit={add} onCancel={close} cancel="Discard" /> : null}
    >
      <div className={styles.body}>
        <ErrorBar error={error} action="The permissions could not be added" />
        {apis === undefined ? <Loading label="Loading APIs…" /> : api ? (
          <>
            <div><Button appearance="transparent" icon={<ArrowLeftRegular />} onClick={back}>All APIs</Button></div>
            <Text size={500} weight="semibold" as="h3">{api.displayName}</Text>
            <Text size={200} className={styles.hint}>{api.servicePrincipalNames?.find((n) => n.includes('://')) ?? api.appId}</Text>
            <PermissionPicker api={api} type={type} onType={(t) => { setType(t); setSelected([]); }} selected={selected} onSelected={setSelected} />
          </>
        ) : <ApiPicker apis={apis.filter((sp) => sp.appId !== app.appId)} onPick={setApi} />}
      </div>
    </SidePanel>
  );
}
