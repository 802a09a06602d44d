/** Groups › New group: Group type (Security), Group name, Group description, and Members picked from the directory. */
import { Button, Field, Input, makeStyles, Select, Text, Textarea, tokens } from '@fluentui/react-components';
import { PeopleAddRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DirectoryObject, Group } from '../../api/directory-types';
import { BladeHeader } from '../../components/blade-header';
import { ErrorBar } from '../../components/error-bar';
import { PrincipalPicker } from '../../components/principal-picker';
import { usePortal } from '../../shell/context';
import { navigate } from '../../shell/router';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: '16px', maxWidth: '640px' },
  actions: { display: 'flex', gap: '8px', marginTop: '8px' },
  hint: { color: tokens.colorNeutralForeground3 },
  members: { display: 'block', marginBottom: '6px' },
});

const GRAPH_OBJECTS = 'https://graph.microsoft.com/v1.0/directoryObjects';

export function NewGroupBlade() {
  const styles = useStyles();
  const { graph } = usePortal();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [members, setMembers] = useState<DirectoryObject[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const nickname = name.replace(/[^A-Za-z0-9]/g, '').slice(0, 64) || 'group';

  const create = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const group = await graph.post<Group>('/groups', {
        displayName: name.trim(), description: description.trim() || null, mailEnabled: false, mailNickname: nickname, securityEnabled: true,
        ...(members.length ? { 'members@odata.bind': members.map((m) => `${GRAPH_OBJECTS}/${m.id}`) } : {}),
      });
      navigate(`/groups/${group.id}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };

  return (
    <>
      <BladeHeader icon={<PeopleAddRegular />} title="New Group" subtitle="Groups" />
      <div className={styles.form}>
        <ErrorBar error={error} action="The group could not be created" />
        <Field label="Group type" hint="Security groups give their members access to apps and FHIR services.">
          <Select value="Security" disabled><option value="Security">Security</option></Select>
        </Field>
        <Field label="Group name" required>
          <Input value={name} onChange={(_, d) => setName(d.value)} placeholder="Enter the name of the group" maxLength={256} />
        </Field>
        <Field label="Group description">
          <Textarea value={description} onChange={(_, d) => setDescription(d.value)} placeholder="Enter a description for the group" resize="vertical" />
        </Field>
        {/* Not a Field: a Field hands its one id and label to every control inside, and the picker holds many. */}
        <div role="group" aria-labelledby="new-group-members">
          <Text id="new-group-members" weight="semibold" className={styles.members}>Members</Text>
          <PrincipalPicker kinds={['users', 'groups', 'servicePrincipals']} selected={members} onChange={setMembers} label="Search members" />
        </div>
        <div className={styles.actions}>
          <Button appearance="primary" disabled={!name.trim() || busy} onClick={create}>{busy ? 'Creating…' : 'Create'}</Button>
          <Button onClick={() => navigate('/entra/groups')}>Cancel</Button>
        </div>
        {!name.trim() ? <Text size={200} className={styles.hint}>Give the group a name to create it.</Text> : null}
      </div>
    </>
  );
}
