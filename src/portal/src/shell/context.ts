/** What every blade can reach: the server's settings, the signed-in session, and the Graph client. */
import { createContext, useContext } from 'react';
import type { PortalConfig } from '../api/config';
import type { Graph } from '../api/graph';
import type { Organization } from '../api/types';
import type { Session } from '../auth/session';

export interface Portal {
  config: PortalConfig;
  session: Session;
  graph: Graph;
  /** The signed-in tenant (GET /organization), loaded once by the shell. */
  organization: Organization;
}

export const PortalContext = createContext<Portal | undefined>(undefined);

export function usePortal(): Portal {
  const portal = useContext(PortalContext);
  if (!portal) throw new Error('usePortal outside the portal shell');
  return portal;
}
