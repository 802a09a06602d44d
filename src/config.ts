/**
 * One typed schema of every server setting: its environment variable, its flag, its default and its doc line.
 * `entrada serve --help` is generated from this table, and main.ts reads the environment through it.
 */
import path from 'node:path';

export interface Config {
  port: number;
  listen: string;
  /** Base URL clients see; undefined until the port is known, then `https://localhost:{port}`. */
  publicUrl: string | undefined;
  dataDir: string;
  databaseUrl: string | undefined;
  tenantId: string | undefined;
  tenantDomain: string;
  adminPassword: string | undefined;
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  fhirService: string;
  key: string | undefined;
  logLevel: string;
}

interface Setting<K extends keyof Config> {
  key: K;
  env: string;
  flag: string;
  doc: string;
  parse: (raw: string) => Config[K];
  fallback: Config[K];
}

const text = (raw: string) => raw;
const optional = (raw: string) => (raw === '' ? undefined : raw);

function port(raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`invalid port '${raw}'`);
  return n;
}

function url(raw: string): string | undefined {
  if (raw === '') return undefined;
  const u = new URL(raw);
  if (u.protocol !== 'https:') throw new Error('ENTRADA_PUBLIC_URL must be an https URL');
  return u.origin + u.pathname.replace(/\/+$/, '');
}

function s<K extends keyof Config>(setting: Setting<K>): Setting<K> {
  return setting;
}

export const SETTINGS = [
  s({ key: 'port', env: 'ENTRADA_PORT', flag: '--port <port>', parse: port, fallback: 8443,
    doc: 'HTTPS port (0 = any free port; the ready line tells which)' }),
  s({ key: 'listen', env: 'ENTRADA_LISTEN', flag: '--listen <address>', parse: text, fallback: '127.0.0.1',
    doc: 'address to bind; 0.0.0.0 in containers' }),
  s({ key: 'publicUrl', env: 'ENTRADA_PUBLIC_URL', flag: '--public-url <url>', parse: url, fallback: undefined,
    doc: 'the base URL clients see (default https://localhost:{port}); issuers and FHIR URLs derive from it' }),
  s({ key: 'dataDir', env: 'ENTRADA_DATA_DIR', flag: '--data-dir <dir>', parse: text, fallback: './.entrada',
    doc: 'where the embedded database and the generated TLS material live' }),
  s({ key: 'databaseUrl', env: 'DATABASE_URL', flag: '--database-url <url>', parse: optional, fallback: undefined,
    doc: 'postgres://… to use that PostgreSQL server instead of the embedded database' }),
  s({ key: 'tenantId', env: 'ENTRADA_TENANT_ID', flag: '--tenant-id <guid>', parse: optional, fallback: undefined,
    doc: "the default tenant's id, used only when the tenant is first created (default: random GUID)" }),
  s({ key: 'tenantDomain', env: 'ENTRADA_TENANT_DOMAIN', flag: '--tenant-domain <domain>', parse: text,
    fallback: 'entrada.test', doc: "the default tenant's initial domain (users are name@domain)" }),
  s({ key: 'adminPassword', env: 'ENTRADA_ADMIN_PASSWORD', flag: '--admin-password <password>', parse: optional,
    fallback: undefined, doc: 'first-start password of admin@{domain} (default: generated and printed once)' }),
  s({ key: 'tlsCert', env: 'ENTRADA_TLS_CERT', flag: '--tls-cert <file>', parse: optional, fallback: undefined,
    doc: 'PEM certificate to serve with instead of the generated development certificate' }),
  s({ key: 'tlsKey', env: 'ENTRADA_TLS_KEY', flag: '--tls-key <file>', parse: optional, fallback: undefined,
    doc: 'PEM private key for --tls-cert' }),
  s({ key: 'fhirService', env: 'ENTRADA_FHIR_SERVICE', flag: '--fhir-service <workspace/service>', parse: text,
    fallback: 'local/fhir', doc: "FHIR service deployed on first start in the default tenant; 'none' for no deployment" }),
  s({ key: 'key', env: 'ENTRADA_KEY', flag: '--key <secret>', parse: optional, fallback: undefined,
    doc: 'key that encrypts signing keys at rest (default: a key file generated in the data dir, mode 0600)' }),
  s({ key: 'logLevel', env: 'ENTRADA_LOG_LEVEL', flag: '--log-level <level>', parse: text, fallback: 'info',
    doc: 'log level: fatal, error, warn, info, debug, trace or silent' }),
] as const;

/** Build a config from the environment, overridden by explicit values (flags or tests). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const config = {} as Record<keyof Config, unknown>;
  for (const setting of SETTINGS) {
    const raw = env[setting.env];
    config[setting.key] = raw === undefined ? setting.fallback : (setting.parse as (r: string) => unknown)(raw);
  }
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) config[k as keyof Config] = v;
  const result = config as Config;
  result.dataDir = path.resolve(result.dataDir);
  if (result.fhirService !== 'none' && !/^[a-z0-9][a-z0-9-]{1,22}[a-z0-9]\/[a-z0-9][a-z0-9-]{1,22}[a-z0-9]$/.test(result.fhirService)) {
    throw new Error(`ENTRADA_FHIR_SERVICE must be 'workspace/service', each 3–24 lowercase letters, digits and '-', or 'none'`);
  }
  return result;
}

/** The public URL once the listening port is known. */
export function publicUrlFor(config: Config, port: number): string {
  return config.publicUrl ?? `https://localhost:${port}`;
}
