/** The portal frame: top bar, left navigation, breadcrumb, and the blade the route table picks. */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { EmptyState } from '../components/loading';
import { RouteLink } from '../components/route-link';
import { Breadcrumbs } from './breadcrumbs';
import { fillCrumbs } from './crumb-params';
import { NavPane } from './nav-pane';
import { match, useRoute } from './router';
import { ROUTES } from './routes';
import { TopBar } from './top-bar';

const useStyles = makeStyles({
  frame: { height: '100vh', display: 'flex', flexDirection: 'column', backgroundColor: tokens.colorNeutralBackground1 },
  body: { flex: '1 1 auto', display: 'flex', minHeight: 0, position: 'relative' },
  main: { flex: '1 1 auto', overflow: 'auto', padding: '8px 24px 32px', minWidth: 0, '@media (max-width: 600px)': { padding: '8px 12px 24px' } },
});

const narrow = () => window.matchMedia('(max-width: 900px)').matches;

export function Shell() {
  const styles = useStyles();
  const route = useRoute();
  const [navOpen, setNavOpen] = useState(() => !narrow());
  useEffect(() => {
    if (narrow()) setNavOpen(false);
  }, [route]);
  let found: { def: (typeof ROUTES)[number]; params: Record<string, string> } | undefined;
  for (const def of ROUTES) {
    const params = match(def.pattern, route);
    if (params) {
      found = { def, params };
      break;
    }
  }
  return (
    <div className={styles.frame}>
      <TopBar onToggleNav={() => setNavOpen((o) => !o)} />
      <div className={styles.body}>
        <NavPane open={navOpen} route={route} onNavigate={() => narrow() && setNavOpen(false)} />
        <main className={styles.main} key={route}>
          <Breadcrumbs crumbs={fillCrumbs(found?.def.crumbs ?? [{ label: 'Home', route: '/' }], found?.params ?? {})} />
          {found ? found.def.render(found.params) : (
            <EmptyState title="There is nothing at this address">
              The page may have moved. Go back <RouteLink route="/">Home</RouteLink>.
            </EmptyState>
          )}
        </main>
      </div>
    </div>
  );
}
