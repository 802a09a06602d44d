/** The "Essentials" grid of a blade: label / value pairs, values optionally with a copy button. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { CopyButton } from './copy-button';

export interface Essential { label: string; value: string; copy?: boolean; display?: ReactNode; testId?: string }

const useStyles = makeStyles({
  grid: {
    display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(480px, 100%), 1fr))', columnGap: '32px', rowGap: '2px', margin: 0,
  },
  row: { display: 'grid', gridTemplateColumns: '180px minmax(0, 1fr)', alignItems: 'center', minHeight: '32px', '@media (max-width: 500px)': { gridTemplateColumns: 'minmax(0, 1fr)' } },
  label: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase300 },
  value: { margin: 0, display: 'flex', alignItems: 'center', gap: '4px', minWidth: 0, fontSize: tokens.fontSizeBase300 },
  text: { overflowWrap: 'anywhere' },
});

export function Essentials({ items }: { items: Essential[] }) {
  const styles = useStyles();
  return (
    <dl className={styles.grid}>
      {items.map((item) => (
        <div key={item.label} className={styles.row}>
          <dt className={styles.label}>{item.label}</dt>
          <dd className={styles.value}>
            <span className={styles.text} data-testid={item.testId}>{item.display ?? item.value}</span>
            {item.copy && item.value ? <CopyButton value={item.value} label={item.label} /> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}
