import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { echoRedirectUri, sendToApp } from './respond.js';
import { decodeFlow, encodeFlow } from './flow-state.js';

describe('echoRedirectUri', () => {
  it('adds the slash to path-less http(s) URIs only', () => {
    expect(echoRedirectUri('https://contoso.com')).toBe('https://contoso.com/');
    expect(echoRedirectUri('https://contoso.com?x=1')).toBe('https://contoso.com/?x=1');
    expect(echoRedirectUri('http://localhost:3000')).toBe('http://localhost:3000/');
    expect(echoRedirectUri('https://contoso.com/cb')).toBe('https://contoso.com/cb');
    expect(echoRedirectUri('msalabc://auth')).toBe('msalabc://auth');
  });
});

describe('sendToApp', () => {
  async function location(uri: string, mode: 'query' | 'fragment') {
    const app = Fastify();
    app.get('/', (_req, reply) => sendToApp(reply, { uri, mode, state: 's t', iss: 'https://i/t/v2.0' }, { code: 'c', none: undefined }));
    const res = await app.inject('/');
    return res.headers.location;
  }

  it('appends to an existing query, puts fragments after a hash, and sends state and iss last', async () => {
    expect(await location('https://a/cb', 'query')).toBe('https://a/cb?code=c&state=s+t&iss=https%3A%2F%2Fi%2Ft%2Fv2.0');
    expect(await location('https://a/cb?x=1', 'query')).toBe('https://a/cb?x=1&code=c&state=s+t&iss=https%3A%2F%2Fi%2Ft%2Fv2.0');
    expect(await location('https://a/cb', 'fragment')).toBe('https://a/cb#code=c&state=s+t&iss=https%3A%2F%2Fi%2Ft%2Fv2.0');
  });
});

describe('flow state', () => {
  it('round-trips and refuses anything malformed', () => {
    const state = { kind: 'authorize' as const, version: 2 as const, params: { client_id: 'x', scope: 'a b' } };
    expect(decodeFlow(encodeFlow(state))).toEqual(state);
    expect(decodeFlow(encodeFlow({ kind: 'device', userCode: 'ABC' }))).toEqual({ kind: 'device', userCode: 'ABC' });
    for (const bad of [undefined, '', 'not base64 json', Buffer.from('{"kind":"authorize","version":3,"params":{}}').toString('base64url'),
      Buffer.from('{"kind":"authorize","version":2,"params":{"a":1}}').toString('base64url'), Buffer.from('null').toString('base64url')]) {
      expect(decodeFlow(bad)).toBeUndefined();
    }
  });
});
