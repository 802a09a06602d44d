/**
 * Pick directory objects by name: users, groups and service principals (whichever `kinds` allows), filtered as you
 * type, each a checkbox. Used by Add members, Add owners and Add role assignment.
 */
import { Checkbox, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { SearchRegular } from '@fluentui/react-icons';
import { useState } from 'react';
import type { DirectoryObject } from '../api/directory-types';
import { objectKind } from '../api/directory-types';
import { usePortal } from '../shell/context';
import { ErrorBar } from './error-bar';
import { EmptyState, Loading } from './loading';
import { useLoad } from './use-load';

export type PrincipalKind = 'users' | 'groups' | 'servicePrincipals';

const TYPES: Record<PrincipalKind, string> = {
  users: '#microsoft.graph.user', groups: '#microsoft.graph.group', servicePrincipals: '#microsoft.graph.servicePrincipal',
};

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', maxHeight: '360px', overflowY: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: '4px' },
  item: { display: 'flex', flexDirection: 'column' },
  sub: { color: tokens.colorNeutralForeground3, paddingLeft: '32px', marginTop: '-6px', marginBottom: '4px', overflowWrap: 'anywhere' },
  search: { marginBottom: '8px', width: '100%' },
  selected: { display: 'block', marginTop: '8px' },
});

export interface PrincipalPickerProps {
  kinds: PrincipalKind[];
  selected: DirectoryObject[];
  onChange(selected: DirectoryObject[]): void;
  /** Objects not to offer (already members, owners, …). */
  exclude?: string[];
  label?: string;
}

export function PrincipalPicker({ kinds, selected, onChange, exclude = [], label = 'Search by name' }: PrincipalPickerProps) {
  const styles = useStyles();
  const { graph } = usePortal();
  const [search, setSearch] = useState('');
  const { data, error } = useLoad(async () => {
    const lists = await Promise.all(kinds.map(async (kind) => (await graph.list<DirectoryObject>(`/${kind}`))
      .map((o) => ({ ...o, '@odata.type': o['@odata.type'] ?? TYPES[kind] }))));
    return lists.flat().sort((a, b) => a.displayName.localeCompare(b.displayName));
  }, [graph, kinds.join()]);
  const needle = search.trim().toLowerCase();
  const shown = (data ?? []).filter((o) => !exclude.includes(o.id)
    && (!needle || o.displayName.toLowerCase().includes(needle) || (o.userPrincipalName ?? '').toLowerCase().includes(needle) || (o.appId ?? '').includes(needle)));
  const isChosen = (o: DirectoryObject) => selected.some((s) => s.id === o.id);
  const toggle = (o: DirectoryObject, on: boolean) => onChange(on ? [...selected, o] : selected.filter((s) => s.id !== o.id));
  return (
    <div>
      <ErrorBar error={error} action="The directory could not be searched" />
      <Input className={styles.search} contentBefore={<SearchRegular />} value={search} onChange={(_, d) => setSearch(d.value)} aria-label={label} placeholder={label} />
      {data === undefined ? <Loading label="Searching the directory…" /> : shown.length === 0 ? (
        <EmptyState title="No results">Try another name{kinds.includes('servicePrincipals') ? ' or application ID' : ''}.</EmptyState>
      ) : (
        <div className={styles.list} role="group" aria-label="Search results">
          {shown.slice(0, 100).map((o) => (
            <div key={o.id} className={styles.item}>
              <Checkbox checked={isChosen(o)} onChange={(_, d) => toggle(o, d.checked === true)} label={o.displayName} />
              <Text size={200} className={styles.sub}>{objectKind(o)} · {o.userPrincipalName ?? o.appId ?? o.id}</Text>
            </div>
          ))}
        </div>
      )}
      <Text size={200} className={styles.selected}>{selected.length === 0 ? 'No members selected.' : `Selected: ${selected.map((s) => s.displayName).join(', ')}`}</Text>
    </div>
  );
}
