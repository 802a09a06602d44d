/**
 * The portal's route table and menus: to add a blade, add a route here (and a nav or menu entry if it should be
 * listed). See src/portal/README.md.
 */
import type { ReactElement } from 'react';
import { AppsListDetailRegular, HeartPulseRegular, HomeRegular, ShieldKeyholeRegular } from '@fluentui/react-icons';
import { AppBlade } from '../blades/app/app-blade';
import { AppRegistrationsBlade } from '../blades/app-registrations/app-registrations-blade';
import { NewRegistrationBlade } from '../blades/app-registrations/new-registration-blade';
import { EntraOverviewBlade } from '../blades/entra/entra-overview-blade';
import { HomeBlade } from '../blades/home/home-blade';
import { EntraMenuBlade } from '../blades/entra/entra-menu-blade';
import type { MenuEntry } from './menu-entry';
import { DIRECTORY_ROUTES, HEALTHCARE_ROUTES } from './more-routes';

export interface Crumb { label: string; route: string }

export interface RouteDef {
  /** `/apps/:id/:section` style; parameters are passed to render. */
  pattern: string;
  /** Parent blades shown in the breadcrumb (Home is always first). */
  crumbs: Crumb[];
  render(params: Record<string, string>): ReactElement;
}


const HOME: Crumb = { label: 'Home', route: '/' };
const ENTRA: Crumb = { label: 'Microsoft Entra ID', route: '/entra' };
const APP_REGISTRATIONS: Crumb = { label: 'App registrations', route: '/entra/app-registrations' };

/** The global left navigation. */
export const NAV: MenuEntry[] = [
  { key: 'home', label: 'Home', icon: HomeRegular, route: '/' },
  { key: 'entra', label: 'Microsoft Entra ID', icon: ShieldKeyholeRegular, route: '/entra' },
  { key: 'app-registrations', label: 'App registrations', icon: AppsListDetailRegular, route: '/entra/app-registrations' },
  { key: 'healthcare', label: 'Healthcare APIs', icon: HeartPulseRegular, route: '/healthcare' },
];

export const ROUTES: RouteDef[] = [
  { pattern: '/', crumbs: [], render: () => <HomeBlade /> },
  { pattern: '/entra', crumbs: [HOME], render: () => <EntraMenuBlade active="overview"><EntraOverviewBlade /></EntraMenuBlade> },
  {
    pattern: '/entra/app-registrations', crumbs: [HOME, ENTRA],
    render: () => <EntraMenuBlade active="app-registrations"><AppRegistrationsBlade /></EntraMenuBlade>,
  },
  { pattern: '/entra/app-registrations/new', crumbs: [HOME, ENTRA, APP_REGISTRATIONS], render: () => <NewRegistrationBlade /> },
  { pattern: '/apps/:id', crumbs: [HOME, ENTRA, APP_REGISTRATIONS], render: (p) => <AppBlade id={p.id!} section="overview" /> },
  { pattern: '/apps/:id/:section', crumbs: [HOME, ENTRA, APP_REGISTRATIONS], render: (p) => <AppBlade id={p.id!} section={p.section!} /> },
  ...DIRECTORY_ROUTES,
  ...HEALTHCARE_ROUTES,
];
