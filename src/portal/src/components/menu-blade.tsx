/**
 * A blade with its own left menu (Microsoft Entra ID, an app registration): the menu is a list of real links,
 * and on a narrow screen it folds above the content as a scrolling row.
 */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { MenuEntry } from '../shell/menu-entry';
import { href, navigate } from '../shell/router';

const useStyles = makeStyles({
  blade: { display: 'flex', gap: '24px', alignItems: 'flex-start', '@media (max-width: 720px)': { flexDirection: 'column', gap: '8px' } },
  menu: {
    flex: '0 0 210px', borderRight: `1px solid ${tokens.colorNeutralStroke2}`, paddingRight: '8px', position: 'sticky', top: '8px',
    '@media (max-width: 720px)': {
      position: 'static', flex: 'none', width: '100%', borderRight: 'none', borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
      paddingRight: 0, overflowX: 'auto',
    },
  },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', '@media (max-width: 720px)': { flexDirection: 'row' } },
  link: {
    display: 'flex', alignItems: 'center', gap: '8px', padding: '7px 10px', borderRadius: tokens.borderRadiusMedium,
    color: tokens.colorNeutralForeground1, textDecoration: 'none', whiteSpace: 'nowrap', fontSize: tokens.fontSizeBase300,
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Selected, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
  icon: { fontSize: '18px', display: 'flex', color: tokens.colorBrandForeground1 },
  content: { flex: '1 1 auto', minWidth: 0, width: '100%' },
});

export interface MenuBladeProps {
  label: string;
  entries: MenuEntry[];
  active: string;
  header: ReactNode;
  children: ReactNode;
}

export function MenuBlade({ label, entries, active, header, children }: MenuBladeProps) {
  const styles = useStyles();
  return (
    <>
      {header}
      <div className={styles.blade}>
        <nav aria-label={label} className={styles.menu}>
          <ul className={styles.list}>
            {entries.map((entry) => {
              const Icon = entry.icon;
              const current = entry.key === active;
              return (
                <li key={entry.key}>
                  <a
                    href={href(entry.route)} aria-current={current ? 'page' : undefined}
                    className={mergeClasses(styles.link, current && styles.active)}
                    onClick={(event) => {
                      if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                      event.preventDefault();
                      navigate(entry.route);
                    }}
                  >
                    <span className={styles.icon} aria-hidden><Icon /></span>{entry.label}
                  </a>
                </li>
              );
            })}
          </ul>
        </nav>
        <section className={styles.content} aria-label={entries.find((e) => e.key === active)?.label}>{children}</section>
      </div>
    </>
  );
}
