/** The "Supported account types" choices, in the portal's words, and the signInAudience each one sets. */
export const ACCOUNT_TYPES = (tenantName: string) => [
  { audience: 'AzureADMyOrg', label: `Accounts in this organizational directory only (${tenantName} only - Single tenant)` },
  { audience: 'AzureADMultipleOrgs', label: 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant)' },
  {
    audience: 'AzureADandPersonalMicrosoftAccount',
    label: 'Accounts in any organizational directory (Any Microsoft Entra ID tenant - Multitenant) and personal Microsoft accounts (e.g. Skype, Xbox)',
  },
  { audience: 'PersonalMicrosoftAccount', label: 'Personal Microsoft accounts only' },
];

/** The short form for Overview's "Supported account types". */
export function accountTypeShort(audience: string): string {
  switch (audience) {
    case 'AzureADMyOrg': return 'My organization only';
    case 'AzureADMultipleOrgs': return 'Multiple organizations';
    case 'AzureADandPersonalMicrosoftAccount': return 'All Microsoft account users';
    case 'PersonalMicrosoftAccount': return 'Personal Microsoft accounts';
    default: return audience;
  }
}

export type Platform = 'web' | 'spa' | 'publicClient';

export const PLATFORM_NAMES: Record<Platform, string> = {
  web: 'Web',
  spa: 'Single-page application',
  publicClient: 'Mobile and desktop applications',
};
