/** Microsoft Entra ID (formerly Azure Active Directory): the directory's blade with its left menu. */
import { ShieldKeyholeRegular } from '@fluentui/react-icons';
import type { ReactNode } from 'react';
import { BladeHeader } from '../../components/blade-header';
import { MenuBlade } from '../../components/menu-blade';
import { usePortal } from '../../shell/context';
import { ENTRA_MENU } from './entra-menu';

export function EntraMenuBlade({ active, children }: { active: string; children: ReactNode }) {
  const { organization } = usePortal();
  const section = ENTRA_MENU.find((e) => e.key === active)?.label ?? 'Overview';
  return (
    <MenuBlade
      label="Microsoft Entra ID" entries={ENTRA_MENU} active={active}
      header={<BladeHeader icon={<ShieldKeyholeRegular />} title={`${organization.displayName} | ${section}`} subtitle="Microsoft Entra ID (Azure Active Directory)" />}
    >
      {children}
    </MenuBlade>
  );
}
