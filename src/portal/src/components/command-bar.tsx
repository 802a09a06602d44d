/** The row of commands at the top of a blade (New registration, Refresh, Save, …). */
import { makeStyles, mergeClasses, tokens, Toolbar } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  bar: {
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, marginBottom: '16px', flexWrap: 'wrap', paddingLeft: 0,
  },
  sticky: { position: 'sticky', top: 0, zIndex: 2, backgroundColor: tokens.colorNeutralBackground1 },
});

/** `sticky` keeps it in view while the blade scrolls (Save/Discard on long forms). */
export function CommandBar({ children, label, sticky }: { children: ReactNode; label: string; sticky?: boolean }) {
  const styles = useStyles();
  return <Toolbar aria-label={label} className={mergeClasses(styles.bar, sticky && styles.sticky)} size="medium">{children}</Toolbar>;
}
