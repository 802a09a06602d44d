/** The title of a blade, as the Azure portal draws it: a large name, a small line of context under it. */
import { makeStyles, Text, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  header: { display: 'flex', alignItems: 'center', gap: '12px', padding: '4px 0 12px' },
  icon: { fontSize: '32px', color: tokens.colorBrandForeground1, display: 'flex' },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
});

export function BladeHeader({ title, subtitle, icon }: { title: string; subtitle?: string; icon?: ReactNode }) {
  const styles = useStyles();
  return (
    <div className={styles.header}>
      {icon ? <span className={styles.icon} aria-hidden>{icon}</span> : null}
      <div className={styles.titles}>
        <h1 className={styles.title}>{title}</h1>
        {subtitle ? <Text size={200} style={{ color: tokens.colorNeutralForeground3 }}>{subtitle}</Text> : null}
      </div>
    </div>
  );
}
