/**
 * The left menu of an app registration and the blade each entry shows; add a section (Expose an API, App roles,
 * Owners, Manifest, …) by adding an entry here. Each section gets the loaded application and `reload`.
 */
import {
  CertificateRegular, CodeRegular, CloudRegular, InfoRegular, KeyMultipleRegular, PeopleRegular, PersonKeyRegular, ShieldPersonRegular, type FluentIcon,
} from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { AppSectionProps } from './app-section-props';
import { ApiPermissionsSection } from './api-permissions/api-permissions-section';
import { AuthenticationSection } from './authentication/authentication-section';
import { CredentialsSection } from './credentials/credentials-section';
import { OverviewSection } from './overview/overview-section';
import { AppRolesSection } from './app-roles/app-roles-section';
import { ExposeApiSection } from './expose-api/expose-api-section';
import { ManifestSection } from './manifest/manifest-section';
import { OwnersSection } from './owners/owners-section';

export type { AppSectionProps };

export interface AppSection {
  /** The path segment: /apps/{id}/{key}. */
  key: string;
  label: string;
  icon: FluentIcon;
  render(props: AppSectionProps): ReactElement;
}

export const APP_SECTIONS: AppSection[] = [
  { key: 'overview', label: 'Overview', icon: InfoRegular, render: (p) => <OverviewSection {...p} /> },
  { key: 'authentication', label: 'Authentication', icon: PersonKeyRegular, render: (p) => <AuthenticationSection {...p} /> },
  { key: 'credentials', label: 'Certificates & secrets', icon: CertificateRegular, render: (p) => <CredentialsSection {...p} /> },
  { key: 'api-permissions', label: 'API permissions', icon: KeyMultipleRegular, render: (p) => <ApiPermissionsSection {...p} /> },
  { key: 'expose-an-api', label: 'Expose an API', icon: CloudRegular, render: (p) => <ExposeApiSection {...p} /> },
  { key: 'app-roles', label: 'App roles', icon: ShieldPersonRegular, render: (p) => <AppRolesSection {...p} /> },
  { key: 'owners', label: 'Owners', icon: PeopleRegular, render: (p) => <OwnersSection {...p} /> },
  { key: 'manifest', label: 'Manifest', icon: CodeRegular, render: (p) => <ManifestSection {...p} /> },
];
