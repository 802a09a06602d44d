/** A real link to a portal path that navigates in place (and still opens in a new tab with Ctrl/Cmd). */
import { Link } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { href, navigate } from '../shell/router';

export function RouteLink({ route, children }: { route: string; children: ReactNode }) {
  return (
    <Link
      href={href(route)}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey) return;
        event.preventDefault();
        navigate(route);
      }}
    >
      {children}
    </Link>
  );
}
