/**
 * The resources the search contract loads through the real repository: a few of each parameter type, with
 * references between them for chains and includes, and gaps for `:missing` and sort order.
 */
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FhirError } from '../outcome.js';
import type { FhirRepository } from '../repository.js';
import type { KyselyFhirRepository } from '../storage/kysely-repository.js';
import type { SearchRequest } from './types.js';

const LOINC = 'http://loinc.org';
const UCUM = 'http://unitsofmeasure.org';
const MRN = 'urn:mrn';

export const FIXTURE: Resource[] = [
  { resourceType: 'Organization', id: 'org1', name: 'Acme Health' },
  { resourceType: 'Practitioner', id: 'dr1', name: [{ prefix: ['Dr'], given: ['Who'], family: 'Doctor' }] },
  {
    resourceType: 'Patient', id: 'p1', active: true, gender: 'male', birthDate: '1974-12-25',
    text: { status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Peter Chalmers</div>' },
    name: [{ use: 'official', given: ['Peter', 'James'], family: 'Chalmers' }],
    identifier: [{ system: MRN, value: '1001' }],
    telecom: [{ system: 'email', value: 'peter@example.org' }],
    address: [{ city: 'Zürich', country: 'CH' }],
    contact: [{ name: { family: 'Chalmers', given: ['Mary'] } }],
  },
  {
    resourceType: 'Patient', id: 'p2', active: false, gender: 'female', birthDate: '1990-03-15',
    name: [{ given: ['Zoë'], family: 'Smith' }],
    identifier: [{ system: MRN, value: '1002' }, { system: 'urn:other', value: 'a,b|c' }],
    generalPractitioner: [{ reference: 'Practitioner/dr1' }],
    managingOrganization: { reference: 'Organization/org1' },
  },
  { resourceType: 'Patient', id: 'p3', gender: 'female', birthDate: '2001', name: [{ given: ['Anna'], family: 'Peters' }], deceasedBoolean: true },
  { resourceType: 'Patient', id: 'p4', gender: 'unknown' },
  {
    resourceType: 'Observation', id: 'o1', status: 'final',
    code: { coding: [{ system: LOINC, code: '1234-5', display: 'Glucose [Mass/volume] in Blood' }] },
    subject: { reference: 'Patient/p1' }, performer: [{ reference: 'Practitioner/dr1' }],
    effectiveDateTime: '2020-03-04T10:00:00Z',
    valueQuantity: { value: 5.4, unit: 'mg/dL', system: UCUM, code: 'mg/dL' },
  },
  {
    resourceType: 'Observation', id: 'o2', status: 'preliminary',
    code: { coding: [{ system: LOINC, code: '5678-9', display: 'Hemoglobin' }] },
    subject: { reference: 'Patient/p2' },
    effectiveDateTime: '2021-06-01',
    valueQuantity: { value: 13, unit: 'g/dL', system: UCUM, code: 'g/dL' },
  },
  {
    resourceType: 'Observation', id: 'o3', status: 'amended',
    code: { coding: [{ system: LOINC, code: '1234-5', display: 'Glucose' }] },
    subject: { reference: 'Patient/p1' },
    effectivePeriod: { start: '2019-01-01', end: '2019-12-31' },
    valueQuantity: { value: 7, unit: 'mg/dL', system: UCUM, code: 'mg/dL' },
  },
  {
    resourceType: 'Observation', id: 'o4', status: 'registered',
    code: { text: 'Free text only' },
  },
  {
    resourceType: 'Observation', id: 'o5', status: 'final',
    code: { coding: [{ system: LOINC, code: '9999-9' }] },
    subject: { identifier: { system: MRN, value: '1003' } },
  },
  { resourceType: 'RiskAssessment', id: 'r1', status: 'final', subject: { reference: 'Patient/p1' }, prediction: [{ probabilityDecimal: 0.7 }] },
  { resourceType: 'RiskAssessment', id: 'r2', status: 'final', subject: { reference: 'Patient/p2' }, prediction: [{ probabilityDecimal: 0.25 }] },
  { resourceType: 'ValueSet', id: 'vs1', status: 'active', url: 'http://acme.org/fhir/ValueSet/a' },
  { resourceType: 'ValueSet', id: 'vs2', status: 'active', url: 'http://acme.org/fhir/ValueSet/a/b' },
  { resourceType: 'ValueSet', id: 'vs3', status: 'active', url: 'http://other.org/ValueSet/c' },
  {
    resourceType: 'Provenance', id: 'prov1', target: [{ reference: 'Observation/o1' }], recorded: '2020-03-04T10:05:00Z',
    agent: [{ who: { reference: 'Practitioner/dr1' } }],
  },
];

/** The ids of a searchset's entries of one mode, in order. */
export function idsOf(bundle: { entry?: Array<{ resource?: Resource; search?: { mode?: string } }> }, mode = 'match'): string[] {
  return (bundle.entry ?? []).filter((e) => e.search?.mode === mode).map((e) => e.resource?.id as string);
}

export const BASE = 'https://fhir.test/ws-svc';

export interface SearchContext {
  repo: FhirRepository;
  /** A repository of a new, empty FHIR service in the same database (for tests that write). */
  freshRepo(): KyselyFhirRepository;
  search(resourceType: string | undefined, query: string, extra?: Partial<SearchRequest>, repo?: FhirRepository): Promise<Bundle<Resource>>;
  /** The ids of the matches, in order. */
  ids(resourceType: string | undefined, query: string, extra?: Partial<SearchRequest>): Promise<string[]>;
  /** The FhirError a search fails with. */
  refusal(resourceType: string | undefined, query: string, extra?: Partial<SearchRequest>): Promise<FhirError>;
}

