import { describe, expect, it } from 'vitest';
import { parseSmartScope, scopeGrants, smartScopes } from './smart-scopes.js';

const letters = (text: string) => [...(parseSmartScope(text)?.letters ?? [])].sort().join('');

describe('SMART scopes', () => {
  it('reads v1 scopes with any of the separators Entra allows', () => {
    for (const text of ['patient/Observation.read', 'patient.Observation.read', 'patient$Observation.read']) {
      expect(parseSmartScope(text)).toMatchObject({ level: 'patient', resourceType: 'Observation' });
      expect(letters(text)).toBe('rs');
    }
    expect(letters('user/Patient.write')).toBe('cdu');
    expect(parseSmartScope('user/*.*')).toMatchObject({ level: 'user', resourceType: '*' });
    expect(letters('user/*.*')).toBe('cdrsu');
    expect(parseSmartScope('user.all.read')).toMatchObject({ level: 'user', resourceType: '*' });
    expect(letters('patient.all.all')).toBe('cdrsu');
    expect(parseSmartScope('system/Encounter.read')).toMatchObject({ level: 'system', resourceType: 'Encounter' });
  });

  it('reads v2 interaction letters in SMART order only', () => {
    expect(letters('patient/*.rs')).toBe('rs');
    expect(letters('user/Observation.cruds')).toBe('cdrsu');
    expect(letters('patient/Observation.r')).toBe('r');
    for (const bad of ['patient/Observation.sr', 'patient/Observation.rr', 'patient/Observation.', 'patient/Observation.x']) {
      expect(parseSmartScope(bad)).toBeUndefined();
    }
  });

  it('ignores what is not a clinical scope, unknown types and search-constrained scopes', () => {
    for (const other of ['openid', 'fhirUser', 'launch', 'launch/patient', 'user_impersonation', 'offline_access', 'patient/Nonsense.read',
      'patient/observation.read', 'practitioner/Observation.read', 'patient/Observation.rs?category=laboratory', 'patientObservation.read', '']) {
      expect(parseSmartScope(other)).toBeUndefined();
    }
    expect(smartScopes(['openid', 'patient.Observation.read', 'launch', 'user/*.rs'])).toHaveLength(2);
  });

  it('grants a letter on the named type, on every type for *, and on "some type" when no type is given', () => {
    const obs = parseSmartScope('patient/Observation.rs')!;
    const all = parseSmartScope('user/*.read')!;
    expect(scopeGrants(obs, 'r', 'Observation')).toBe(true);
    expect(scopeGrants(obs, 'r', 'Condition')).toBe(false);
    expect(scopeGrants(obs, 'c', 'Observation')).toBe(false);
    expect(scopeGrants(obs, 's', undefined)).toBe(true);
    expect(scopeGrants(all, 's', 'Condition')).toBe(true);
    expect(scopeGrants(all, 'u', 'Condition')).toBe(false);
  });
});
