/** Loading and empty states: a spinner with words, and a message that says what to do next. */
import { makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  loading: { padding: '48px 0', display: 'flex', justifyContent: 'center' },
  empty: {
    display: 'flex', flexDirection: 'column', alignItems: 'center', gap: '8px', padding: '40px 16px', textAlign: 'center',
    color: tokens.colorNeutralForeground2,
  },
});

export function Loading({ label = 'Loading…' }: { label?: string }) {
  const styles = useStyles();
  return <div className={styles.loading}><Spinner label={label} /></div>;
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.empty} role="status">
      <Text weight="semibold" size={400}>{title}</Text>
      {children ? <Text>{children}</Text> : null}
    </div>
  );
}
