/** The portal's global left navigation (entries from routes.tsx NAV); an overlay on narrow screens. */
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { NAV } from './routes';
import { href, navigate } from './router';

const useStyles = makeStyles({
  pane: {
    width: '220px', flex: '0 0 220px', backgroundColor: tokens.colorNeutralBackground2, borderRight: `1px solid ${tokens.colorNeutralStroke2}`,
    padding: '8px 0', overflowY: 'auto',
    '@media (max-width: 900px)': {
      position: 'absolute', top: '48px', bottom: 0, left: 0, zIndex: 10, boxShadow: tokens.shadow16,
    },
  },
  hidden: { display: 'none' },
  list: { listStyle: 'none', margin: 0, padding: 0 },
  link: {
    display: 'flex', alignItems: 'center', gap: '12px', padding: '9px 16px', color: tokens.colorNeutralForeground1, textDecoration: 'none',
    fontSize: tokens.fontSizeBase300, ':hover': { backgroundColor: tokens.colorNeutralBackground2Hover },
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  },
  active: { backgroundColor: tokens.colorNeutralBackground2Selected, fontWeight: tokens.fontWeightSemibold, boxShadow: `inset 3px 0 0 ${tokens.colorBrandStroke1}` },
  icon: { fontSize: '20px', display: 'flex', color: tokens.colorBrandForeground1 },
});

export function NavPane({ open, route, onNavigate }: { open: boolean; route: string; onNavigate(): void }) {
  const styles = useStyles();
  // The most specific entry whose path the current route starts with is the active one.
  const active = [...NAV].sort((a, b) => b.route.length - a.route.length)
    .find((e) => (e.route === '/' ? route === '/' : route === e.route || route.startsWith(`${e.route}/`)))?.key;
  const activeKey = route.startsWith('/apps/') ? 'app-registrations' : active;
  return (
    <nav aria-label="Portal menu" className={mergeClasses(styles.pane, !open && styles.hidden)}>
      <ul className={styles.list}>
        {NAV.map((entry) => {
          const Icon = entry.icon;
          const current = entry.key === activeKey;
          return (
            <li key={entry.key}>
              <a
                className={mergeClasses(styles.link, current && styles.active)} href={href(entry.route)}
                aria-current={current ? 'page' : undefined}
                onClick={(event) => {
                  if (event.metaKey || event.ctrlKey || event.shiftKey) return;
                  event.preventDefault();
                  navigate(entry.route);
                  onNavigate();
                }}
              >
                <span className={styles.icon} aria-hidden><Icon /></span>{entry.label}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
