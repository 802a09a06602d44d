/**
 * "Add role assignment", in the Azure portal's three steps: Role (a FHIR role from the role definitions API),
 * Members (users, groups or service principals), and Review + assign, which PUTs one assignment per member.
 */
import { Button, makeStyles, Radio, RadioGroup, Tab, TabList, Text, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { RoleDefinition } from '../../api/arm-types';
import type { DirectoryObject } from '../../api/directory-types';
import { objectKind } from '../../api/directory-types';
import { armPaths } from '../../api/management';
import { useManagement } from '../../api/use-management';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState } from '../../components/loading';
import { PrincipalPicker } from '../../components/principal-picker';
import { SidePanel } from '../../components/side-panel';
import { useAction } from '../../components/use-action';
import { usePortal } from '../../shell/context';

type Step = 'role' | 'members' | 'review';

const useStyles = makeStyles({
  body: { display: 'flex', flexDirection: 'column', gap: '16px', paddingTop: '8px' },
  description: { color: tokens.colorNeutralForeground3, display: 'block', paddingLeft: '32px', marginTop: '-4px' },
  review: { display: 'grid', gridTemplateColumns: '140px minmax(0, 1fr)', rowGap: '8px', margin: 0 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
});

export interface AddRoleAssignmentPanelProps {
  open: boolean;
  roles: RoleDefinition[];
  workspace: string;
  service: string;
  onClose(): void;
  onAssigned(): void;
}

const PRINCIPAL_TYPE: Record<string, string> = { User: 'User', Group: 'Group', 'Service principal': 'ServicePrincipal' };

export function AddRoleAssignmentPanel({ open, roles, workspace, service, onClose, onAssigned }: AddRoleAssignmentPanelProps) {
  const styles = useStyles();
  const { organization } = usePortal();
  const management = useManagement();
  const [step, setStep] = useState<Step>('role');
  const [roleId, setRoleId] = useState('');
  const [members, setMembers] = useState<DirectoryObject[]>([]);
  const { busy, error, setError, run } = useAction();
  const role = roles.find((r) => r.name === roleId);
  const close = () => {
    setStep('role');
    setRoleId('');
    setMembers([]);
    setError(undefined);
    onClose();
  };
  const assign = async () => {
    if (!role) return;
    await run(async () => {
      const paths = armPaths(organization.id);
      for (const member of members) {
        await management.put(paths.assignment(workspace, service, crypto.randomUUID()), {
          properties: { roleDefinitionId: role.id, principalId: member.id, principalType: PRINCIPAL_TYPE[objectKind(member)] },
        });
      }
      onAssigned();
      close();
    }, () => onAssigned());
  };
  const ready = { role: true, members: !!role, review: !!role && members.length > 0 };
  const next: Record<Step, Step> = { role: 'members', members: 'review', review: 'review' };
  return (
    <SidePanel
      open={open} title="Add role assignment" onClose={close} size="large"
      header={(
        <TabList selectedValue={step} onTabSelect={(_, d) => setStep(d.value as Step)}>
          <Tab value="role">Role</Tab>
          <Tab value="members" disabled={!ready.members}>Members</Tab>
          <Tab value="review" disabled={!ready.review}>Review + assign</Tab>
        </TabList>
      )}
      footer={(
        <>
          {step === 'review'
            ? <Button appearance="primary" disabled={busy || !ready.review} onClick={assign}>{busy ? 'Assigning…' : 'Review + assign'}</Button>
            : <Button appearance="primary" disabled={!ready[next[step]]} onClick={() => setStep(next[step])}>{step === 'members' ? 'Review + assign' : 'Next'}</Button>}
          {step !== 'role' ? <Button onClick={() => setStep(step === 'review' ? 'members' : 'role')}>Previous</Button> : null}
          <Button onClick={close}>Cancel</Button>
        </>
      )}
    >
      <div className={styles.body}>
        <ErrorBar error={error} action="The role could not be assigned" />
        {step === 'role' ? (
          roles.length === 0 ? <EmptyState title="No FHIR roles to assign">The role definitions could not be read; close this panel and try again.</EmptyState> : (
            <RadioGroup aria-label="FHIR role" value={roleId} onChange={(_, d) => setRoleId(d.value)}>
              {roles.map((r) => (
                <div key={r.name}>
                  <Radio value={r.name} label={r.properties.roleName} />
                  <Text size={200} className={styles.description}>{r.properties.description}</Text>
                </div>
              ))}
            </RadioGroup>
          )
        ) : step === 'members' ? (
          <>
            <Text>Assign access to a <strong>user, group, or service principal</strong>.</Text>
            <PrincipalPicker kinds={['users', 'groups', 'servicePrincipals']} selected={members} onChange={setMembers} label="Select members" />
          </>
        ) : (
          <dl className={styles.review} aria-label="Review">
            <dt className={styles.dt}>Role</dt><dd className={styles.dd}>{role?.properties.roleName}</dd>
            <dt className={styles.dt}>Scope</dt><dd className={styles.dd}>{`${workspace}/${service}`}</dd>
            <dt className={styles.dt}>Members</dt>
            <dd className={styles.dd}>{members.map((m) => `${m.displayName} (${objectKind(m)})`).join(', ')}</dd>
          </dl>
        )}
      </div>
    </SidePanel>
  );
}
