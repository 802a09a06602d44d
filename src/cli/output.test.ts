import { describe, expect, it } from 'vitest';
import { render } from './output.js';

describe('output formats', () => {
  const apps = [
    { id: 'o1', displayName: 'one', appId: 'a1', isFallbackPublicClient: true, tags: ['x'], web: { redirectUris: [] }, notes: null },
    { id: 'o2', displayName: 'second app', appId: 'a2', isFallbackPublicClient: false, tags: [], web: {}, notes: 'n' },
  ];

  it('json: 2-space indent, keys sorted at every level, as az', () => {
    expect(render({ b: 1, a: { d: [{ f: 1, e: 2 }], c: null } }, 'json'))
      .toBe('{\n  "a": {\n    "c": null,\n    "d": [\n      {\n        "e": 2,\n        "f": 1\n      }\n    ]\n  },\n  "b": 1\n}\n');
  });

  it('table: scalar fields only, capitalised headers, id skipped, True/False, aligned', () => {
    expect(render(apps, 'table')).toBe([
      'DisplayName  AppId  IsFallbackPublicClient  Notes',
      '-----------  -----  ----------------------  -----',
      'one          a1     True',
      'second app   a2     False                   n',
      '',
    ].join('\n'));
  });

  it('table: a command may choose the columns', () => {
    expect(render(apps[0], 'table', (a) => ({ Name: a.displayName, Id: a.id }))).toBe('Name  Id\n----  --\none   o1\n');
  });

  it('tsv: values in key order, lists as their length, objects empty, null as None', () => {
    expect(render(apps, 'tsv')).toBe('a1\tone\to1\tTrue\tNone\t1\t\nA2\tsecond app\to2\tFalse\tn\t0\t\n'.replace('A2', 'a2'));
    expect(render('just-a-value', 'tsv')).toBe('just-a-value\n');
    expect(render(['x', 'y'], 'tsv')).toBe('x\ny\n');
  });

  it('prints nothing for no result or -o none', () => {
    expect(render(undefined, 'json')).toBe('');
    expect(render(null, 'table')).toBe('');
    expect(render(apps, 'none')).toBe('');
  });
});
