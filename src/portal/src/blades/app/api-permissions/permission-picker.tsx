/** The second step: Delegated or Application permissions of one API, ticked from a searchable list. */
import { Button, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { ServicePrincipal } from '../../../api/types';
import { EmptyState } from '../../../components/loading';
import { PermissionList } from './permission-list';

import type { PermissionType } from './required-access';

export type { PermissionType };

const useStyles = makeStyles({
  choices: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: '12px', margin: '8px 0 16px' },
  choice: { flexDirection: 'column', alignItems: 'flex-start', height: 'auto', padding: '14px', textAlign: 'left', gap: '4px' },
  hint: { color: tokens.colorNeutralForeground2 },
  search: { width: '100%', margin: '8px 0' },
});

export interface PermissionPickerProps {
  api: ServicePrincipal;
  type: PermissionType | undefined;
  onType(type: PermissionType): void;
  selected: string[];
  onSelected(ids: string[]): void;
}

export function PermissionPicker({ api, type, onType, selected, onSelected }: PermissionPickerProps) {
  const styles = useStyles();
  const [search, setSearch] = useState('');
  const scopes = (api.oauth2PermissionScopes ?? []).filter((s) => s.isEnabled)
    .map((s) => ({ id: s.id, value: s.value, text: s.adminConsentDisplayName, admin: s.type === 'Admin' }));
  const roles = (api.appRoles ?? []).filter((r) => r.isEnabled && r.value && r.allowedMemberTypes.includes('Application'))
    .map((r) => ({ id: r.id, value: r.value!, text: r.displayName, admin: true }));
  const items = (type === 'Role' ? roles : type === 'Scope' ? scopes : []).sort((a, b) => a.value.localeCompare(b.value));
  const needle = search.trim().toLowerCase();
  const shown = items.filter((p) => !needle || p.value.toLowerCase().includes(needle) || p.text.toLowerCase().includes(needle));
  return (
    <>
      <Text weight="semibold" as="h3">What type of permissions does your application require?</Text>
      <div className={styles.choices}>
        <Button className={styles.choice} appearance={type === 'Scope' ? 'primary' : 'secondary'} aria-pressed={type === 'Scope'} disabled={scopes.length === 0} onClick={() => onType('Scope')}>
          <Text weight="semibold">Delegated permissions</Text>
          <Text size={200}>Your application needs to access the API as the signed-in user.</Text>
        </Button>
        <Button className={styles.choice} appearance={type === 'Role' ? 'primary' : 'secondary'} aria-pressed={type === 'Role'} disabled={roles.length === 0} onClick={() => onType('Role')}>
          <Text weight="semibold">Application permissions</Text>
          <Text size={200}>Your application runs as a background service or daemon without a signed-in user.</Text>
        </Button>
      </div>
      {type ? (
        <>
          <Text weight="semibold" as="h3">Select permissions</Text>
          <Input
            className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)}
            placeholder="Start typing a permission to filter these results" aria-label="Search permissions"
          />
          {shown.length === 0 ? <EmptyState title="No permissions match your search" /> : (
            <PermissionList items={shown} searching={needle !== ''} selected={selected} onSelected={onSelected} />
          )}
        </>
      ) : null}
    </>
  );
}
