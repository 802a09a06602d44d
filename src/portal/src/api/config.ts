/** The server's runtime settings for the portal (GET /portal/config.json, written by src/portal-host.ts). */
export interface PortalConfig {
  clientId: string;
  /** `{publicUrl}/{tenantId}` */
  authority: string;
  tenantId: string;
  /** `{publicUrl}/v1.0` */
  graphBaseUrl: string;
  /** `{publicUrl}/management` */
  managementBaseUrl: string;
}

export async function loadConfig(): Promise<PortalConfig> {
  const response = await fetch(`${import.meta.env.BASE_URL}config.json`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`The server did not give the portal its settings (HTTP ${response.status}).`);
  return (await response.json()) as PortalConfig;
}

/** The server's own origin, e.g. https://localhost:8443. */
export function publicUrlOf(config: PortalConfig): string {
  return new URL(config.authority).origin;
}
