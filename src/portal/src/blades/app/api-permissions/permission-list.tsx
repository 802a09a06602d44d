/**
 * The tick list of an API's permissions. As the Azure portal does, permissions named `group.rest` (e.g. the many
 * SMART scopes `patient.Observation.read`) fold into one expandable group per prefix; the rest stay at the top.
 * A search opens every group.
 */
import { Button, Checkbox, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { useState } from 'react';

export interface PermissionItem { id: string; value: string; text: string; admin: boolean }

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column' },
  item: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto', alignItems: 'center', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, padding: '4px 0' },
  nested: { paddingLeft: '24px' },
  group: { justifyContent: 'flex-start', width: '100%', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, borderRadius: 0, padding: '8px 4px' },
  hint: { color: tokens.colorNeutralForeground2 },
});

export interface PermissionListProps {
  items: PermissionItem[];
  searching: boolean;
  selected: string[];
  onSelected(ids: string[]): void;
}

export function PermissionList({ items, searching, selected, onSelected }: PermissionListProps) {
  const styles = useStyles();
  const [open, setOpen] = useState<string[]>([]);
  const top = items.filter((p) => !p.value.includes('.'));
  const groups = new Map<string, PermissionItem[]>();
  for (const p of items.filter((i) => i.value.includes('.'))) {
    const prefix = p.value.split('.')[0]!;
    groups.set(prefix, [...(groups.get(prefix) ?? []), p]);
  }
  const row = (p: PermissionItem, nested = false) => (
    <div key={p.id} className={nested ? `${styles.item} ${styles.nested}` : styles.item}>
      <Checkbox
        checked={selected.includes(p.id)}
        onChange={(_, d) => onSelected(d.checked ? [...selected, p.id] : selected.filter((id) => id !== p.id))}
        label={<span><Text weight="semibold">{p.value}</Text><br /><Text size={200} className={styles.hint}>{p.text}</Text></span>}
      />
      <Text size={200}>{p.admin ? 'Yes' : 'No'}</Text>
    </div>
  );
  return (
    <div className={styles.list} role="group" aria-label="Permissions">
      <div className={styles.item}><Text size={200} weight="semibold">Permission</Text><Text size={200} weight="semibold">Admin consent required</Text></div>
      {top.map((p) => row(p))}
      {[...groups].map(([prefix, members]) => {
        const expanded = searching || open.includes(prefix) || groups.size === 1;
        const ticked = members.filter((m) => selected.includes(m.id)).length;
        return (
          <div key={prefix}>
            <Button
              appearance="subtle" className={styles.group} aria-expanded={expanded}
              icon={expanded ? <ChevronDownRegular /> : <ChevronRightRegular />}
              onClick={() => setOpen((o) => (o.includes(prefix) ? o.filter((g) => g !== prefix) : [...o, prefix]))}
            >
              {`${prefix} (${members.length})${ticked ? ` · ${ticked} selected` : ''}`}
            </Button>
            {expanded ? members.map((p) => row(p, true)) : null}
          </div>
        );
      })}
    </div>
  );
}
