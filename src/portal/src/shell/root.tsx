/**
 * Before the shell: load the server's settings, finish or start the sign-in redirect, and read the tenant.
 * Each step that can fail says so in plain words with a way to try again.
 */
import { Button, makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { loadConfig } from '../api/config';
import { createGraph } from '../api/graph';
import type { Organization } from '../api/types';
import { startSession } from '../auth/session';
import { ErrorBar } from '../components/error-bar';
import { PortalContext, type Portal } from './context';
import { navigate } from './router';
import { Shell } from './shell';

const useStyles = makeStyles({
  center: { minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: '16px', backgroundColor: tokens.colorNeutralBackground2 },
  card: { maxWidth: '560px', display: 'flex', flexDirection: 'column', gap: '16px' },
});

type State = { phase: 'loading'; step: string } | { phase: 'failed'; error: unknown; action: string } | { phase: 'ready'; portal: Portal };

export function Root() {
  const styles = useStyles();
  const [state, setState] = useState<State>({ phase: 'loading', step: 'Loading the portal…' });
  const started = useRef(false);

  useEffect(() => {
    // StrictMode runs effects twice in development; a sign-in redirect must start once.
    if (started.current) return;
    started.current = true;
    void (async () => {
      let action = 'The portal could not load its settings';
      try {
        const config = await loadConfig();
        action = 'Signing in failed';
        setState({ phase: 'loading', step: 'Signing in…' });
        const { session, returnTo } = await startSession(config);
        if (!session) return; // on its way to the sign-in page
        action = 'The portal could not read your directory';
        const graph = createGraph(config.graphBaseUrl, session);
        const organizations = await graph.list<Organization>('/organization');
        const organization = organizations[0];
        if (!organization) throw new Error('The directory has no organization.');
        if (returnTo) navigate(returnTo.replace(import.meta.env.BASE_URL.replace(/\/$/, ''), '') || '/', { replace: true });
        setState({ phase: 'ready', portal: { config, session, graph, organization } });
      } catch (error) {
        setState({ phase: 'failed', error, action });
      }
    })();
  }, []);

  if (state.phase === 'ready') {
    return <PortalContext.Provider value={state.portal}><Shell /></PortalContext.Provider>;
  }
  return (
    <div className={styles.center}>
      {state.phase === 'loading' ? <Spinner size="large" label={state.step} /> : (
        <div className={styles.card}>
          <ErrorBar error={state.error} action={state.action} />
          <Button appearance="primary" onClick={() => window.location.assign(import.meta.env.BASE_URL)}>Try again</Button>
        </div>
      )}
    </div>
  );
}
