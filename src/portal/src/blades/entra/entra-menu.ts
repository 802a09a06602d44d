/** The left menu of Microsoft Entra ID; add entries (Users, Groups, Enterprise applications, …) here. */
import { AppsListDetailRegular, AppsRegular, InfoRegular, PeopleRegular, PersonRegular } from '@fluentui/react-icons';
import type { MenuEntry } from '../../shell/menu-entry';

export const ENTRA_MENU: MenuEntry[] = [
  { key: 'overview', label: 'Overview', icon: InfoRegular, route: '/entra' },
  { key: 'users', label: 'Users', icon: PersonRegular, route: '/entra/users' },
  { key: 'groups', label: 'Groups', icon: PeopleRegular, route: '/entra/groups' },
  { key: 'enterprise-apps', label: 'Enterprise applications', icon: AppsRegular, route: '/entra/enterprise-apps' },
  { key: 'app-registrations', label: 'App registrations', icon: AppsListDetailRegular, route: '/entra/app-registrations' },
];
