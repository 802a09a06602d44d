import { describe, expect, it } from 'vitest';
import { DEFAULT_AUDIENCE, readFederatedCredential, type FederatedIdentityCredential } from './federated-credential-input.js';

const GITHUB = 'https://token.actions.githubusercontent.com';
const valid = { name: 'main-branch', issuer: GITHUB, subject: 'repo:octo/app:ref:refs/heads/main' };

function refused(input: unknown, message: RegExp, current?: FederatedIdentityCredential): void {
  expect(() => readFederatedCredential(input, current)).toThrow(message);
}

describe('readFederatedCredential', () => {
  it('fills the default audience and a null description on create, and skips annotations', () => {
    expect(readFederatedCredential({ ...valid, '@odata.type': '#microsoft.graph.federatedIdentityCredential' })).toEqual({
      ...valid, audiences: [DEFAULT_AUDIENCE], description: null,
    });
  });

  it('names every missing required property before looking at formats', () => {
    refused({ name: 'x', subject: 's' }, /needs 'issuer': the issuer is missing/);
    refused({}, /needs 'name', 'issuer', 'subject'/);
    refused({ ...valid, subject: '' }, /'subject'/);
    refused('text', /must be a JSON object/);
  });

  it('enforces Entra\'s name rule: 3-120 letters, digits, - and _, starting with a letter or digit', () => {
    for (const name of ['ab', '-main', 'has space', 'a/b', 'a\\b', 'a?b', 'a#b', 'a%b', 'a&b', 'a.b', 'x'.repeat(121), 42]) {
      refused({ ...valid, name }, /Federated Identity Credential name .* is invalid/);
    }
    for (const name of ['abc', 'Main_branch-2', '1st', 'x'.repeat(120)]) expect(readFederatedCredential({ ...valid, name }).name).toBe(name);
  });

  it('wants an https issuer (plain http on loopback only) of at most 600 characters', () => {
    for (const issuer of ['http://issuer.example.com', 'ftp://x', 'not a url', `${GITHUB}#frag`, 'https://user:pw@host', `https://x.com/${'a'.repeat(600)}`, 7]) {
      refused({ ...valid, issuer }, /issuer/);
    }
    expect(readFederatedCredential({ ...valid, issuer: 'http://127.0.0.1:5555' }).issuer).toBe('http://127.0.0.1:5555');
    expect(readFederatedCredential({ ...valid, issuer: 'http://localhost/oidc' }).issuer).toBe('http://localhost/oidc');
  });

  it('bounds subject, audiences and description', () => {
    refused({ ...valid, subject: 's'.repeat(601) }, /subject may have at most 600/);
    refused({ ...valid, audiences: [] }, /exactly one audience/);
    refused({ ...valid, audiences: ['a', 'b'] }, /exactly one audience/);
    refused({ ...valid, audiences: 'api://AzureADTokenExchange' }, /exactly one audience/);
    refused({ ...valid, audiences: [''] }, /audience must be a non-empty string/);
    refused({ ...valid, audiences: ['a'.repeat(601)] }, /at most 600/);
    refused({ ...valid, description: 'd'.repeat(601) }, /description may have at most 600/);
    expect(readFederatedCredential({ ...valid, audiences: ['api://custom'], description: 'ci' })).toMatchObject({ audiences: ['api://custom'], description: 'ci' });
  });

  it('refuses unknown and read-only properties', () => {
    refused({ ...valid, flavour: 'x' }, /Property 'flavour' does not exist on type 'microsoft.graph.federatedIdentityCredential'/);
    refused({ ...valid, id: 'b5a1e8f0-0000-4000-8000-000000000000' }, /'id' is read-only/);
  });

  it('merges an update onto the current credential and keeps the name immutable', () => {
    const current: FederatedIdentityCredential = { id: 'i', ...valid, audiences: [DEFAULT_AUDIENCE], description: 'old' };
    expect(readFederatedCredential({ subject: 'repo:octo/app:environment:prod' }, current)).toEqual({
      ...valid, subject: 'repo:octo/app:environment:prod', audiences: [DEFAULT_AUDIENCE], description: 'old',
    });
    expect(readFederatedCredential({ name: valid.name, id: 'i', description: null }, current).description).toBeNull();
    refused({ name: 'renamed' }, /cannot be changed once it is created/, current);
    refused({ issuer: 'http://example.com' }, /issuer/, current);
  });
});
