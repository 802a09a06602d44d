import { describe, expect, it } from 'vitest';
import { refusal } from '../../../../test/support/fhir-errors.js';
import { parseImport } from './kickoff.js';

const ASYNC = { prefer: 'respond-async' };
const input = (...part: unknown[]) => ({ name: 'input', part });

describe('parseImport', () => {
  it('reads the inputs, the mode (IncrementalLoad by default) and ignores storageDetail', () => {
    const body = {
      resourceType: 'Parameters',
      parameter: [
        { name: 'inputFormat', valueString: 'application/fhir+ndjson' },
        input({ name: 'type', valueString: 'Patient' }, { name: 'url', valueUri: 'file:///a.ndjson' }),
        input({ name: 'url', valueUrl: 'file:///b.ndjson' }),
        { name: 'storageDetail', part: [{ name: 'type', valueString: 'azure-blob' }] },
      ],
    };
    expect(parseImport(ASYNC, body)).toEqual({
      mode: 'IncrementalLoad', inputs: [{ type: 'Patient', url: 'file:///a.ndjson' }, { url: 'file:///b.ndjson' }],
    });
    expect(parseImport(ASYNC, { ...body, parameter: [{ name: 'mode', valueString: 'InitialLoad' }, ...body.parameter] }).mode).toBe('InitialLoad');
  });

  it('refuses what Azure refuses', () => {
    const one = { resourceType: 'Parameters', parameter: [input({ name: 'url', valueUri: 'file:///a.ndjson' })] };
    expect(refusal(() => parseImport({}, one)).issues[0]!.diagnostics).toMatch(/Prefer/);
    expect(refusal(() => parseImport(ASYNC, undefined)).status).toBe(400);
    expect(refusal(() => parseImport(ASYNC, { resourceType: 'Bundle' })).status).toBe(400);
    expect(refusal(() => parseImport(ASYNC, { resourceType: 'Parameters', parameter: [] })).status).toBe(400);
    expect(refusal(() => parseImport(ASYNC, { resourceType: 'Parameters', parameter: [input({ name: 'type', valueString: 'Patient' })] })).status).toBe(400);
    expect(refusal(() => parseImport(ASYNC, { ...one, parameter: [...one.parameter, { name: 'inputFormat', valueString: 'text/csv' }] })).status).toBe(400);
    expect(refusal(() => parseImport(ASYNC, { ...one, parameter: [...one.parameter, { name: 'mode', valueString: 'Fast' }] })).status).toBe(400);
    expect(refusal(() => parseImport(ASYNC, { resourceType: 'Parameters', parameter: [input({ name: 'type', valueString: 'Nope' }, { name: 'url', valueUri: 'x' })] })).status).toBe(400);
    const many = { resourceType: 'Parameters', parameter: Array.from({ length: 10_001 }, () => one.parameter[0]) };
    expect(refusal(() => parseImport(ASYNC, many)).issues[0]!.diagnostics).toMatch(/10000/);
  });
});
