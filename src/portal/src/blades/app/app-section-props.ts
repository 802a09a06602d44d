import type { Application } from '../../api/types';

/** What every section of an app registration gets (see app-sections.tsx). */
export interface AppSectionProps {
  app: Application;
  /** Read the application again (after a change). */
  reload(): Promise<void>;
}
