/** The matching half of the search contract: each parameter type, modifier and prefix, chains, _has, limits. */
import { describe, expect, it } from 'vitest';
import { BASE, type SearchContext } from './search.fixture.js';
import { findMatches } from './search.js';

export function parameterContract(ctx: SearchContext): void {
  describe('token', () => {
    it('matches code, system|code, |code, system| and OR lists', async () => {
      expect(await ctx.ids('Patient', 'gender=male')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'gender=male,female')).toEqual(['p1', 'p2', 'p3']);
      expect(await ctx.ids('Patient', 'identifier=urn:mrn|1002')).toEqual(['p2']);
      expect(await ctx.ids('Patient', 'identifier=1001')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'identifier=|1001')).toEqual([]);
      expect(await ctx.ids('Patient', 'identifier=urn:mrn|')).toEqual(['p1', 'p2']);
      expect(await ctx.ids('Patient', 'active=true')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'email=peter@example.org')).toEqual(['p1']);
      expect(await ctx.ids('Observation', 'code=http://loinc.org|1234-5')).toEqual(['o1', 'o3']);
    });

    it('gives a bound code element the system of its value set: system|code matches, |code does not', async () => {
      expect(await ctx.ids('Patient', 'gender=http://hl7.org/fhir/administrative-gender|male')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'gender=http://hl7.org/fhir/administrative-gender|')).toEqual(['p1', 'p2', 'p3', 'p4']);
      expect(await ctx.ids('Patient', 'gender=http://example.org/other|male')).toEqual([]);
      expect(await ctx.ids('Patient', 'gender=|male')).toEqual([]);
      expect(await ctx.ids('Observation', 'status=http://hl7.org/fhir/observation-status|final')).toEqual(['o1', 'o5']);
      expect(await ctx.ids('Observation', 'status:not=http://hl7.org/fhir/observation-status|final')).toEqual(['o2', 'o3', 'o4']);
    });

    it('unescapes \\, and \\| inside values', async () => {
      expect(await ctx.ids('Patient', `identifier=${encodeURIComponent('urn:other|a\\,b\\|c')}`)).toEqual(['p2']);
    });

    it(':not keeps every resource without the code; :text searches displays and texts', async () => {
      expect(await ctx.ids('Observation', 'status:not=final')).toEqual(['o2', 'o3', 'o4']);
      expect(await ctx.ids('Observation', 'code:text=glucose')).toEqual(['o1', 'o3']);
      expect(await ctx.ids('Observation', 'code:text=blood')).toEqual(['o1']);
      expect(await ctx.ids('Observation', 'code:text=FREE')).toEqual(['o4']);
    });
  });

  describe('string', () => {
    it('starts-with, accent- and case-insensitive, on any part of a name', async () => {
      expect(await ctx.ids('Patient', 'name=peter')).toEqual(['p1', 'p3']);
      expect(await ctx.ids('Patient', 'name=ZOË')).toEqual(['p2']);
      expect(await ctx.ids('Patient', 'name=zoe')).toEqual(['p2']);
      expect(await ctx.ids('Patient', 'family=smith')).toEqual(['p2']);
      expect(await ctx.ids('Patient', 'address-city=zurich')).toEqual(['p1']);
      expect(await ctx.ids('Organization', 'name=acme')).toEqual(['org1']);
    });

    it(':exact compares as written; :contains anywhere', async () => {
      expect(await ctx.ids('Patient', 'name:exact=Peter')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'name:exact=peter')).toEqual([]);
      expect(await ctx.ids('Patient', 'name:contains=halm')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'name:contains=%')).toEqual([]);
    });

    it('AND-s repeated parameters', async () => {
      expect(await ctx.ids('Patient', 'name=peter&gender=female')).toEqual(['p3']);
    });
  });

  describe('date', () => {
    it('compares ranges with every prefix', async () => {
      expect(await ctx.ids('Patient', 'birthdate=1974')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'birthdate=1974-12-25')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'birthdate=lt1990')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'birthdate=ge1990-03-15')).toEqual(['p2', 'p3']);
      expect(await ctx.ids('Patient', 'birthdate=gt1990-03')).toEqual(['p3']);
      expect(await ctx.ids('Patient', 'birthdate=le1990-03-15')).toEqual(['p1', 'p2']);
      expect(await ctx.ids('Patient', 'birthdate=ne1974-12-25')).toEqual(['p2', 'p3']);
      expect(await ctx.ids('Patient', 'birthdate=sa1990')).toEqual(['p3']);
      expect(await ctx.ids('Patient', 'birthdate=eb1990')).toEqual(['p1']);
      expect(await ctx.ids('Patient', 'birthdate=ap1990-03-10')).toEqual(['p2']);
      expect(await ctx.ids('Patient', 'birthdate=ge2001-06&birthdate=le2001-06')).toEqual(['p3']);
    });

    it('treats instants and periods as ranges', async () => {
      expect(await ctx.ids('Observation', 'date=2020-03')).toEqual(['o1']);
      expect(await ctx.ids('Observation', 'date=2019')).toEqual(['o3']);
      expect(await ctx.ids('Observation', 'date=2019-06')).toEqual([]);
      expect(await ctx.ids('Observation', 'date=ge2019-06')).toEqual(['o1', 'o2', 'o3']);
      expect(await ctx.ids('Observation', 'date=sa2019')).toEqual(['o1', 'o2']);
      expect(await ctx.ids('Observation', 'date=eb2020')).toEqual(['o3']);
      expect(await ctx.ids('Observation', 'date=2020-03-04T11:00:00%2B01:00')).toEqual(['o1']);
    });

    it('refuses a value that is not a date, naming the parameter', async () => {
      const e = await ctx.refusal('Patient', 'birthdate=yesterday');
      expect(e.status).toBe(400);
      expect(e.issues[0]?.expression).toEqual(['birthdate']);
    });

    it('answers _lastUpdated from the resource rows', async () => {
      const p3 = await ctx.repo.read('Patient', 'p3');
      const at = p3?.lastUpdated as string;
      expect(await ctx.ids('Patient', `_lastUpdated=gt${at}`)).toEqual(['p4']);
      expect(await ctx.ids('Patient', `_lastUpdated=le${at}`)).toEqual(['p1', 'p2', 'p3']);
      expect(await ctx.ids('Patient', `_lastUpdated=${at}`)).toEqual(['p3']);
    });
  });

  describe('number and quantity', () => {
    it('compares numbers with their implicit precision', async () => {
      expect(await ctx.ids('RiskAssessment', 'probability=0.7')).toEqual(['r1']);
      expect(await ctx.ids('RiskAssessment', 'probability=gt0.5')).toEqual(['r1']);
      expect(await ctx.ids('RiskAssessment', 'probability=lt0.5')).toEqual(['r2']);
      expect(await ctx.ids('RiskAssessment', 'probability=0.3')).toEqual(['r2']);
      expect(await ctx.ids('RiskAssessment', 'probability=0.30')).toEqual([]);
    });

    it('matches quantities by value, system and code (or unit)', async () => {
      expect(await ctx.ids('Observation', 'value-quantity=5.4|http://unitsofmeasure.org|mg/dL')).toEqual(['o1']);
      expect(await ctx.ids('Observation', 'value-quantity=gt6||mg/dL')).toEqual(['o3']);
      expect(await ctx.ids('Observation', 'value-quantity=13')).toEqual(['o2']);
      expect(await ctx.ids('Observation', 'value-quantity=5.4||g/dL')).toEqual([]);
      expect(await ctx.ids('Observation', 'value-quantity=lt100|http://unitsofmeasure.org|g/dL')).toEqual(['o2']);
      expect((await ctx.refusal('Observation', 'value-quantity=lots')).issues[0]?.expression).toEqual(['value-quantity']);
    });
  });

  describe('reference and uri', () => {
    it('matches relative, bare, typed and absolute references', async () => {
      for (const q of ['subject=Patient/p1', 'subject=p1', 'subject:Patient=p1', 'patient=p1', `subject=${encodeURIComponent(`${BASE}/Patient/p1`)}`]) {
        expect(await ctx.ids('Observation', q)).toEqual(['o1', 'o3']);
      }
      expect(await ctx.ids('Observation', 'subject=Group/p1')).toEqual([]);
      expect(await ctx.ids('Patient', 'general-practitioner=Practitioner/dr1')).toEqual(['p2']);
      expect(await ctx.ids('Patient', 'organization=org1')).toEqual(['p2']);
    });

    it(':missing and :identifier', async () => {
      expect(await ctx.ids('Observation', 'subject:missing=true')).toEqual(['o4']);
      expect(await ctx.ids('Observation', 'subject:missing=false')).toEqual(['o1', 'o2', 'o3', 'o5']);
      expect(await ctx.ids('Observation', 'subject:identifier=urn:mrn|1003')).toEqual(['o5']);
      expect(await ctx.ids('Patient', 'birthdate:missing=true')).toEqual(['p4']);
      expect(await ctx.ids('Patient', 'name:missing=true')).toEqual(['p4']);
    });

    it('matches uris exactly, :below and :above', async () => {
      expect(await ctx.ids('ValueSet', 'url=http://acme.org/fhir/ValueSet/a')).toEqual(['vs1']);
      expect(await ctx.ids('ValueSet', 'url:below=http://acme.org/fhir')).toEqual(['vs1', 'vs2']);
      expect(await ctx.ids('ValueSet', 'url:above=http://acme.org/fhir/ValueSet/a/b/c')).toEqual(['vs1', 'vs2']);
    });

    it('matches _id lists', async () => {
      expect(await ctx.ids('Patient', '_id=p3,p1,nope')).toEqual(['p1', 'p3']);
      expect(await ctx.ids('Patient', '_id:not=p1')).toEqual(['p2', 'p3', 'p4']);
    });
  });

  describe('chains and _has', () => {
    it('follows a reference one level (typed or not) and further', async () => {
      expect(await ctx.ids('Observation', 'subject:Patient.name=zoe')).toEqual(['o2']);
      expect(await ctx.ids('Observation', 'subject.name=peter')).toEqual(['o1', 'o3']);
      expect(await ctx.ids('Observation', 'subject:Patient.gender=male')).toEqual(['o1', 'o3']);
      expect(await ctx.ids('Observation', 'subject:Patient.birthdate=lt1980')).toEqual(['o1', 'o3']);
      expect(await ctx.ids('Observation', 'patient.identifier=urn:mrn|1002')).toEqual(['o2']);
      expect(await ctx.ids('Observation', 'subject:Patient.general-practitioner.name=doctor')).toEqual(['o2']);
    });

    it('ignores an unknown chained parameter with a warning', async () => {
      const bundle = await ctx.search('Observation', 'subject:Patient.nonsense=1');
      expect(bundle.entry?.[0]?.search?.mode).toBe('outcome');
    });

    it('finds resources referred to by matching ones (_has)', async () => {
      expect(await ctx.ids('Patient', '_has:Observation:patient:code=5678-9')).toEqual(['p2']);
      expect(await ctx.ids('Patient', '_has:Observation:subject:status=final')).toEqual(['p1']);
      expect(await ctx.ids('Patient', '_has:Observation:subject:status=cancelled')).toEqual([]);
    });
  });

  describe('scope', () => {
    it('sees only its own service', async () => {
      expect(await ctx.ids('Patient', 'family=chalmers')).toEqual(['p1']);
      expect((await ctx.search('Patient', '_total=accurate')).total).toBe(4);
    });

    it('searches across types, with _type', async () => {
      expect(await ctx.ids(undefined, '_id=o1,p1')).toEqual(['p1', 'o1']);
      expect(await ctx.ids(undefined, '_type=Patient,Practitioner&name=doctor')).toEqual(['dr1']);
      expect((await ctx.search(undefined, '_total=accurate')).total).toBe(17);
    });

    it('keeps to the SMART restriction: a patient compartment, some types', async () => {
      expect(await ctx.ids('Observation', '', { restrict: { patientId: 'p1' } })).toEqual(['o1', 'o3']);
      expect(await ctx.ids('Patient', '', { restrict: { patientId: 'p1' } })).toEqual(['p1']);
      expect(await ctx.ids('RiskAssessment', '', { restrict: { patientId: 'p2' } })).toEqual(['r2']);
      expect(await ctx.ids(undefined, '_id=p1,o1,o2', { restrict: { patientId: 'p1' } })).toEqual(['p1', 'o1']);
      expect(await ctx.ids(undefined, '_id=p1,o1', { restrict: { resourceTypes: ['Patient'] } })).toEqual(['p1']);
      expect(await ctx.ids('Observation', '', { restrict: { resourceTypes: ['Patient'] } })).toEqual([]);
    });
  });

  describe('findMatches', () => {
    it('gives the ids a conditional interaction acts on, at most limit', async () => {
      expect(await findMatches(ctx.repo, { resourceType: 'Patient', params: [['identifier', 'urn:mrn|1001']], limit: 2 })).toEqual(['p1']);
      expect(await findMatches(ctx.repo, { resourceType: 'Patient', params: [['gender', 'female']], limit: 5 })).toEqual(['p2', 'p3']);
      expect(await findMatches(ctx.repo, { resourceType: 'Patient', params: [['gender', 'female']], limit: 1 })).toHaveLength(1);
      await expect(findMatches(ctx.repo, { resourceType: 'Patient', params: [['nonsense', '1']], limit: 2 })).rejects.toMatchObject({ status: 400 });
    });
  });

  describe('index upkeep', () => {
    it('finds a resource by its current values only, and not once deleted', async () => {
      const repo = ctx.freshRepo();
      await repo.create({ resourceType: 'Patient', id: 'x', gender: 'male' }, 'PUT');
      await repo.update({ resourceType: 'Patient', id: 'x', gender: 'female' });
      expect(await ctx.search('Patient', 'gender=male', {}, repo).then((b) => b.entry ?? [])).toEqual([]);
      expect((await ctx.search('Patient', 'gender=female', {}, repo)).entry?.map((e) => e.resource?.id)).toEqual(['x']);
      await repo.delete('Patient', 'x');
      expect((await ctx.search('Patient', '', {}, repo)).entry ?? []).toEqual([]);
    });
  });
}
