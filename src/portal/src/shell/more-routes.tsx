/**
 * Routes of the directory blades (Users, Groups, Enterprise applications) and of Healthcare APIs, spread into
 * ROUTES by routes.tsx. Same shape as RouteDef there (declared here so the two files do not import each other).
 */
import type { ReactElement } from 'react';
import { EnterpriseAppBlade } from '../blades/enterprise-apps/enterprise-app-blade';
import { EnterpriseAppsBlade } from '../blades/enterprise-apps/enterprise-apps-blade';
import { EntraMenuBlade } from '../blades/entra/entra-menu-blade';
import { GroupBlade } from '../blades/groups/group-blade';
import { GroupsBlade } from '../blades/groups/groups-blade';
import { NewGroupBlade } from '../blades/groups/new-group-blade';
import { FhirServiceBlade } from '../blades/healthcare/fhir-service-blade';
import { WorkspaceBlade } from '../blades/healthcare/workspace-blade';
import { WorkspacesBlade } from '../blades/healthcare/workspaces-blade';
import { NewUserBlade } from '../blades/users/new-user-blade';
import { UserBlade } from '../blades/users/user-blade';
import { UsersBlade } from '../blades/users/users-blade';

interface Route {
  pattern: string;
  crumbs: { label: string; route: string }[];
  render(params: Record<string, string>): ReactElement;
}

const HOME = { label: 'Home', route: '/' };
const ENTRA = { label: 'Microsoft Entra ID', route: '/entra' };
const USERS = { label: 'Users', route: '/entra/users' };
const GROUPS = { label: 'Groups', route: '/entra/groups' };
const ENTERPRISE_APPS = { label: 'Enterprise applications', route: '/entra/enterprise-apps' };
const HEALTHCARE = { label: 'Healthcare APIs', route: '/healthcare' };

export const DIRECTORY_ROUTES: Route[] = [
  { pattern: '/entra/users', crumbs: [HOME, ENTRA], render: () => <EntraMenuBlade active="users"><UsersBlade /></EntraMenuBlade> },
  { pattern: '/entra/users/new', crumbs: [HOME, ENTRA, USERS], render: () => <NewUserBlade /> },
  { pattern: '/users/:id', crumbs: [HOME, ENTRA, USERS], render: (p) => <UserBlade id={p.id!} /> },
  { pattern: '/entra/groups', crumbs: [HOME, ENTRA], render: () => <EntraMenuBlade active="groups"><GroupsBlade /></EntraMenuBlade> },
  { pattern: '/entra/groups/new', crumbs: [HOME, ENTRA, GROUPS], render: () => <NewGroupBlade /> },
  { pattern: '/groups/:id', crumbs: [HOME, ENTRA, GROUPS], render: (p) => <GroupBlade id={p.id!} /> },
  {
    pattern: '/entra/enterprise-apps', crumbs: [HOME, ENTRA],
    render: () => <EntraMenuBlade active="enterprise-apps"><EnterpriseAppsBlade /></EntraMenuBlade>,
  },
  { pattern: '/enterprise-apps/:id', crumbs: [HOME, ENTRA, ENTERPRISE_APPS], render: (p) => <EnterpriseAppBlade id={p.id!} section="overview" /> },
  { pattern: '/enterprise-apps/:id/:section', crumbs: [HOME, ENTRA, ENTERPRISE_APPS], render: (p) => <EnterpriseAppBlade id={p.id!} section={p.section!} /> },
];

export const HEALTHCARE_ROUTES: Route[] = [
  { pattern: '/healthcare', crumbs: [HOME], render: () => <WorkspacesBlade /> },
  { pattern: '/healthcare/:workspace', crumbs: [HOME, HEALTHCARE], render: (p) => <WorkspaceBlade workspace={p.workspace!} /> },
  {
    pattern: '/healthcare/:workspace/:service/:section',
    crumbs: [HOME, HEALTHCARE, { label: ':workspace', route: '/healthcare/:workspace' }],
    render: (p) => <FhirServiceBlade workspace={p.workspace!} service={p.service!} section={p.section!} />,
  },
];
