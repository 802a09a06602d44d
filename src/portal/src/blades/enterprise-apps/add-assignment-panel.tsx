/**
 * "Add Assignment" on an enterprise application: users and groups, and the app role to give them (Default Access
 * when the app defines no role for users). Each becomes an appRoleAssignedTo entry.
 */
import { Field, makeStyles, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { DirectoryObject } from '../../api/directory-types';
import type { ServicePrincipal } from '../../api/types';
import { ErrorBar } from '../../components/error-bar';
import { PanelButtons } from '../../components/panel-buttons';
import { PrincipalPicker } from '../../components/principal-picker';
import { SidePanel } from '../../components/side-panel';
import { useAction } from '../../components/use-action';
import { usePortal } from '../../shell/context';

export const DEFAULT_ACCESS = '00000000-0000-0000-0000-000000000000';

const useStyles = makeStyles({ form: { display: 'flex', flexDirection: 'column', gap: '16px' }, heading: { display: 'block', marginBottom: '6px' } });

export interface AddAssignmentPanelProps {
  sp: ServicePrincipal;
  open: boolean;
  exclude: string[];
  onClose(): void;
  onAssigned(): Promise<void>;
}

export function AddAssignmentPanel({ sp, open, exclude, onClose, onAssigned }: AddAssignmentPanelProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const roles = sp.appRoles.filter((r) => r.isEnabled && r.allowedMemberTypes.includes('User'));
  const [roleId, setRoleId] = useState('');
  const [members, setMembers] = useState<DirectoryObject[]>([]);
  const { busy, error, setError, run } = useAction();
  const chosenRole = roleId || roles[0]?.id || DEFAULT_ACCESS;
  const close = () => {
    setMembers([]);
    setRoleId('');
    setError(undefined);
    onClose();
  };
  const assign = () => run(async () => {
    for (const m of members) {
      await graph.post(`/servicePrincipals/${sp.id}/appRoleAssignedTo`, { principalId: m.id, resourceId: sp.id, appRoleId: chosenRole });
    }
    await onAssigned();
    close();
  }, () => onAssigned());
  return (
    <SidePanel
      open={open} title="Add Assignment" onClose={close}
      footer={<PanelButtons label="Assign" busyLabel="Assigning…" busy={busy} disabled={members.length === 0} onSubmit={assign} onCancel={close} />}
    >
      <div className={styles.form}>
        <ErrorBar error={error} action="The assignment could not be added" />
        <Field label="Select a role" hint={roles.length === 0 ? 'This application defines no app roles for users, so they get Default Access.' : undefined}>
          <Select value={chosenRole} onChange={(_, d) => setRoleId(d.value)} disabled={roles.length === 0}>
            {roles.length === 0 ? <option value={DEFAULT_ACCESS}>Default Access</option> : roles.map((r) => <option key={r.id} value={r.id}>{r.displayName}</option>)}
          </Select>
        </Field>
        <div role="group" aria-labelledby="assignment-users">
          <Text id="assignment-users" weight="semibold" className={styles.heading}>Users and groups</Text>
          {open ? <PrincipalPicker kinds={['users', 'groups']} selected={members} onChange={setMembers} exclude={exclude} label="Search users and groups" /> : null}
        </div>
      </div>
    </SidePanel>
  );
}
