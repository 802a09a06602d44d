/** The management API client for the signed-in session (one per session). */
import { useMemo } from 'react';
import { usePortal } from '../shell/context';
import { createManagement, type Management } from './management';

export function useManagement(): Management {
  const { config, session } = usePortal();
  return useMemo(() => createManagement(config.managementBaseUrl, session), [config.managementBaseUrl, session]);
}
