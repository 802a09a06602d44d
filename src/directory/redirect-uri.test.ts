import { describe, it, expect } from 'vitest';
import { isLoopback, redirectUriMatches } from './redirect-uri.js';

describe('isLoopback', () => {
  it('recognises http://localhost and http://127.0.0.1, with or without port and path', () => {
    for (const uri of ['http://localhost', 'http://localhost/', 'http://localhost:3000/cb', 'http://127.0.0.1', 'http://127.0.0.1:8400/x?y=1', 'HTTP://LocalHost:1/']) {
      expect(isLoopback(uri), uri).toBe(true);
    }
  });

  it('rejects https, other hosts and hosts that merely start with localhost', () => {
    for (const uri of ['https://localhost/', 'http://localhost.evil.com/', 'http://localhost@evil.com/', 'http://localhost:80@evil.com/', 'http://127.0.0.10/', 'http://[::1]/', 'http://example.com', 'msal1://auth', '']) {
      expect(isLoopback(uri), uri).toBe(false);
    }
  });

  it('is safe on non-strings', () => {
    expect(isLoopback(42 as unknown as string)).toBe(false);
  });
});

describe('redirectUriMatches', () => {
  it('matches identical URIs', () => {
    expect(redirectUriMatches('https://app.contoso.com/auth', 'https://app.contoso.com/auth')).toBe(true);
    expect(redirectUriMatches('msal00000000-0000-0000-0000-000000000001://auth', 'msal00000000-0000-0000-0000-000000000001://auth')).toBe(true);
  });

  it('is case-sensitive in the path and query', () => {
    expect(redirectUriMatches('https://app.contoso.com/Auth', 'https://app.contoso.com/auth')).toBe(false);
    expect(redirectUriMatches('https://app.contoso.com/auth?a=B', 'https://app.contoso.com/auth?a=b')).toBe(false);
  });

  it('ignores the port of loopback URIs but not the path', () => {
    expect(redirectUriMatches('http://localhost/MyApp', 'http://localhost:1234/MyApp')).toBe(true);
    expect(redirectUriMatches('http://localhost:5000/MyApp', 'http://localhost:1234/MyApp')).toBe(true);
    expect(redirectUriMatches('http://127.0.0.1/cb', 'http://127.0.0.1:49152/cb')).toBe(true);
    expect(redirectUriMatches('http://localhost/MyApp', 'http://localhost:1234/myapp')).toBe(false);
    expect(redirectUriMatches('http://localhost/cb', 'http://127.0.0.1/cb')).toBe(false);
  });

  it('does not ignore ports of non-loopback or https URIs', () => {
    expect(redirectUriMatches('https://localhost/cb', 'https://localhost:8443/cb')).toBe(false);
    expect(redirectUriMatches('https://contoso.com/cb', 'https://contoso.com:444/cb')).toBe(false);
  });

  it('treats a missing path and a bare slash as the same', () => {
    expect(redirectUriMatches('https://contoso.com', 'https://contoso.com/')).toBe(true);
    expect(redirectUriMatches('https://contoso.com/', 'https://contoso.com')).toBe(true);
    expect(redirectUriMatches('http://localhost', 'http://localhost:3000/')).toBe(true);
    expect(redirectUriMatches('http://localhost:3000', 'http://localhost')).toBe(true);
  });

  it('does not add trailing slashes to URIs that have a path', () => {
    expect(redirectUriMatches('https://contoso.com/cb', 'https://contoso.com/cb/')).toBe(false);
  });

  it('never matches a look-alike host', () => {
    expect(redirectUriMatches('http://localhost/cb', 'http://localhost.evil.com/cb')).toBe(false);
    expect(redirectUriMatches('http://localhost/', 'http://localhost@evil.com/')).toBe(false);
    expect(redirectUriMatches('https://contoso.com', 'https://contoso.com.evil.com/')).toBe(false);
  });

  it('rejects empty and non-string input', () => {
    expect(redirectUriMatches('', '')).toBe(false);
    expect(redirectUriMatches('https://a/', undefined as unknown as string)).toBe(false);
  });
});
