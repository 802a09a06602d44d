/** One app registration: its name as the title, the section menu on the left, the chosen section on the right. */
import { AppsListDetailRegular } from '@fluentui/react-icons';
import { useCallback, useEffect, useState } from 'react';
import type { Application } from '../../api/types';
import { BladeHeader } from '../../components/blade-header';
import { ErrorBar } from '../../components/error-bar';
import { EmptyState, Loading } from '../../components/loading';
import { MenuBlade } from '../../components/menu-blade';
import { RouteLink } from '../../components/route-link';
import { usePortal } from '../../shell/context';
import { APP_SECTIONS } from './app-sections';

export function AppBlade({ id, section }: { id: string; section: string }) {
  const { graph } = usePortal();
  const [app, setApp] = useState<Application | undefined>();
  const [error, setError] = useState<unknown>();
  const reload = useCallback(async () => {
    try {
      setApp(await graph.get<Application>(`/applications/${encodeURIComponent(id)}`));
      setError(undefined);
    } catch (err) {
      setError(err);
    }
  }, [graph, id]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const current = APP_SECTIONS.find((s) => s.key === section);
  if (!app) {
    return error
      ? <><ErrorBar error={error} action="The app registration could not be opened" /><p><RouteLink route="/entra/app-registrations">Back to App registrations</RouteLink></p></>
      : <Loading label="Loading the app registration…" />;
  }
  return (
    <MenuBlade
      label="App registration"
      entries={APP_SECTIONS.map((s) => ({ key: s.key, label: s.label, icon: s.icon, route: `/apps/${app.id}/${s.key}` }))}
      active={section}
      header={<BladeHeader icon={<AppsListDetailRegular />} title={`${app.displayName} | ${current?.label ?? 'Overview'}`} subtitle="App registration" />}
    >
      <ErrorBar error={error} action="The app registration could not be read again" />
      {current ? current.render({ app, reload }) : <EmptyState title="This app registration has no such page">Pick an entry from the menu.</EmptyState>}
    </MenuBlade>
  );
}
