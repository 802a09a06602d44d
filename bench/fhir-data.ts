/**
 * The data of bench/fhir: 100k realistic resources (Patients with MRN identifiers, birth dates and addresses;
 * vital-sign Observations with LOINC codes, UCUM quantities and effective dates referencing them), loaded
 * through the storage layer's bulk path (FhirRepository.createMany) into an embedded data dir that later runs
 * reuse, and the confidential client the bench calls with (secret + FHIR Data Contributor), set up per run.
 */
import type { Observation, Patient } from '@medplum/fhirtypes';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../src/config.js';
import { bootstrap } from '../src/directory/bootstrap.js';
import { Directory } from '../src/directory/directory.js';
import { loadEncryptionKey } from '../src/directory/signing-keys.js';
import { FhirStore } from '../src/healthcare/fhir/storage/fhir-store.js';
import { Store } from '../src/store/store.js';

export const ADMIN_PASSWORD = 'Bench-Passw0rd!';
export const MRN_SYSTEM = 'urn:oid:2.16.840.1.113883.19.5.99999.1';
/** Vital signs and common labs: [LOINC code, display, UCUM unit, low, high]. */
export const LOINC: ReadonlyArray<[string, string, string, number, number]> = [
  ['8867-4', 'Heart rate', '/min', 45, 130], ['8310-5', 'Body temperature', 'Cel', 35.5, 39.5],
  ['29463-7', 'Body weight', 'kg', 3, 140], ['8302-2', 'Body height', 'cm', 50, 200],
  ['9279-1', 'Respiratory rate', '/min', 10, 30], ['59408-5', 'Oxygen saturation in Arterial blood by Pulse oximetry', '%', 88, 100],
  ['39156-5', 'Body mass index (BMI) [Ratio]', 'kg/m2', 15, 45], ['2339-0', 'Glucose [Mass/volume] in Blood', 'mg/dL', 60, 250],
  ['4548-4', 'Hemoglobin A1c/Hemoglobin.total in Blood', '%', 4, 12], ['2093-3', 'Cholesterol [Mass/volume] in Serum or Plasma', 'mg/dL', 120, 300],
];
const FAMILY = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin'];
const GIVEN = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen'];
const CITIES: ReadonlyArray<[string, string, string]> = [['Boston', 'MA', '02118'], ['Seattle', 'WA', '98101'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'], ['Chicago', 'IL', '60601']];

export interface BenchData { patients: number; observations: number; loadMs: number; fingerprint: string; patientIds: string[] }

/**
 * What the stored data depends on: the schema (migrations) and how resources are stored and indexed. A data dir
 * loaded with other code is loaded again, so that the bench never measures tables the code no longer makes.
 */
export function storageFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const dir of ['src/store/migrations', 'src/healthcare/fhir/storage']) {
    for (const name of fs.readdirSync(path.join(root, dir)).filter((n) => n.endsWith('.ts') && !/\.(test|contract)\.ts$/.test(n)).sort()) {
      hash.update(name).update(fs.readFileSync(path.join(root, dir, name)));
    }
  }
  return hash.digest('hex').slice(0, 16);
}

/** A small seeded PRNG (mulberry32), so every load is the same data set. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const mrn = (i: number) => `MRN${pad(i, 7)}`;
/** A day between two years (inclusive start, exclusive end), as YYYY-MM-DD. */
export function day(rnd: () => number, from: number, to: number): string {
  const start = Date.UTC(from, 0, 1);
  return new Date(start + Math.floor(rnd() * (Date.UTC(to, 0, 1) - start) / 86400000) * 86400000).toISOString().slice(0, 10);
}
function uuid(rnd: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function patient(rnd: () => number, i: number): Patient {
  const [city, state, postalCode] = pick(rnd, CITIES);
  return {
    resourceType: 'Patient', id: uuid(rnd), active: true,
    identifier: [{ use: 'usual', type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR' }] }, system: MRN_SYSTEM, value: mrn(i) }],
    name: [{ use: 'official', family: pick(rnd, FAMILY), given: [pick(rnd, GIVEN)] }],
    gender: rnd() < 0.5 ? 'female' : 'male', birthDate: day(rnd, 1930, 2020),
    telecom: [{ system: 'phone', value: `555-${pad(Math.floor(rnd() * 10000), 4)}`, use: 'home' }],
    address: [{ line: [`${1 + Math.floor(rnd() * 999)} Main St`], city, state, postalCode, country: 'US' }],
  };
}

export function observation(rnd: () => number, patientId: string): Observation {
  const [code, display, unit, low, high] = pick(rnd, LOINC);
  const at = `${day(rnd, 2019, 2025)}T${pad(Math.floor(rnd() * 24), 2)}:${pad(Math.floor(rnd() * 60), 2)}:00Z`;
  return {
    resourceType: 'Observation', id: uuid(rnd), status: 'final',
    category: [{ coding: [{ system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'vital-signs' }] }],
    code: { coding: [{ system: 'http://loinc.org', code, display }], text: display },
    subject: { reference: `Patient/${patientId}` }, effectiveDateTime: at, issued: at.replace('00Z', '30Z'),
    valueQuantity: { value: Math.round((low + rnd() * (high - low)) * 10) / 10, unit, system: 'http://unitsofmeasure.org', code: unit },
  };
}

/** Open the data dir in process the way the server does (same encryption key, same first start). */
async function openDirectory(dataDir: string) {
  const config = loadConfig({}, { dataDir, port: 0, logLevel: 'silent', adminPassword: ADMIN_PASSWORD });
  const store = await Store.open({ databaseUrl: config.databaseUrl, dataDir });
  const directory = new Directory({ store, encryptionKey: loadEncryptionKey(dataDir, config.key), publicUrl: () => 'https://localhost:8443' });
  const first = await bootstrap(directory, config);
  const service = (await directory.healthcare.fhirService(first.tenant.id, 'local', 'fhir'))!;
  return { store, directory, tenantId: first.tenant.id, service };
}

/** The loaded data dir under `dir`, loading it first if it is not there (or incomplete). */
export async function ensureLoaded(dir: string, count: number, fingerprint: string, log: (line: string) => void): Promise<BenchData & { reused: boolean }> {
  const marker = path.join(dir, 'loaded.json');
  if (fs.existsSync(marker)) {
    const data = JSON.parse(fs.readFileSync(marker, 'utf8')) as BenchData;
    if (data.patients === count && data.fingerprint === fingerprint) return { ...data, reused: true };
    log('  the data dir was loaded by other storage code or with another count: loading it again');
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const { store, directory, tenantId, service } = await openDirectory(dir);
  const repo = new FhirStore(store, directory.clock).repository({ tenantId, serviceId: service.id, baseUrl: service.url });
  const rnd = prng(20261126);
  const t0 = performance.now();
  const patientIds: string[] = [];
  const CHUNK = 5000;
  for (let start = 0; start < count; start += CHUNK) {
    const patients = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => patient(rnd, start + k));
    await repo.createMany(patients, 1000);
    patientIds.push(...patients.map((p) => p.id!));
    log(`  loaded ${start + patients.length} Patients (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  for (let start = 0; start < count; start += CHUNK) {
    const observations = Array.from({ length: Math.min(CHUNK, count - start) }, () => observation(rnd, pick(rnd, patientIds)));
    await repo.createMany(observations, 1000);
    log(`  loaded ${start + observations.length} Observations (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  const data: BenchData = { patients: count, observations: count, loadMs: performance.now() - t0, fingerprint, patientIds };
  await store.close();
  fs.writeFileSync(marker, JSON.stringify(data));
  return { ...data, reused: false };
}

/** A confidential client with a fresh secret and FHIR Data Contributor on the service, as an admin registers one. */
export async function benchClient(dir: string): Promise<{ appId: string; secret: string }> {
  const { store, directory, tenantId, service } = await openDirectory(dir);
  try {
    const app = await directory.applications.create(tenantId, { displayName: 'fhir-bench-client' });
    const secret = (await directory.passwordCredentials.add(tenantId, app.id, { displayName: 'bench' })).secretText!;
    const sp = await directory.servicePrincipals.create(tenantId, { appId: app.appId });
    await directory.healthcare.assignRole(tenantId, { principalId: sp.id, principalType: 'ServicePrincipal', role: 'FHIR Data Contributor', scope: service.url });
    return { appId: app.appId, secret };
  } finally {
    await store.close();
  }
}
