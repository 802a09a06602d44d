import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Profile, tenantLevelAccount } from './profile.js';

describe('sign-in state', () => {
  const dirs: string[] = [];
  const newDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entrada-cli-'));
    dirs.push(dir);
    return path.join(dir, 'nested', 'config');
  };
  afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('creates the dir 0700 and writes every file 0600, even over a looser existing file', () => {
    const dir = newDir();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, 'tokens.json'), '{}', { mode: 0o644 });
    const profile = new Profile(dir, 'https://e');
    const sp = tenantLevelAccount('t1', 'app-id', 'servicePrincipal');
    profile.saveAccount(sp);
    profile.setServicePrincipal(sp, { client_secret: 's3cret' });
    profile.setRefreshToken(tenantLevelAccount('t1', 'u@x', 'user'), 'rt');
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    for (const file of fs.readdirSync(dir)) expect(fs.statSync(path.join(dir, file)).mode & 0o777, file).toBe(0o600);
    expect(profile.servicePrincipal(sp)).toEqual({ client_id: 'app-id', tenant: 't1', client_secret: 's3cret' });

    const fresh = newDir();
    new Profile(fresh, 'https://e').saveAccount(sp);
    expect(fs.statSync(fresh).mode & 0o777).toBe(0o700);
  });

  it('keeps one default account, and forgets tokens and secrets on removal', () => {
    const profile = new Profile(newDir(), 'https://e');
    const user = tenantLevelAccount('t1', 'u@x', 'user');
    const sp = tenantLevelAccount('t1', 'app', 'servicePrincipal');
    profile.saveAccount(user);
    profile.setRefreshToken(user, 'rt');
    profile.cacheToken(user, 't1', 'scope', { accessToken: 'at', expiresOn: Date.now() / 1000 + 3600, tenant: 't1' });
    profile.saveAccount(sp);
    profile.setServicePrincipal(sp, { certificate: '/keys/app.pem' });
    expect(profile.servicePrincipal(sp)).toEqual({ client_id: 'app', tenant: 't1', certificate: '/keys/app.pem' });
    expect(profile.accounts().map((a) => [a.user.name, a.isDefault])).toEqual([['u@x', false], ['app', true]]);

    profile.removeAccount(sp);
    expect(profile.servicePrincipal(sp)).toBeUndefined();
    expect(profile.current()?.user.name).toBe('u@x');
    profile.removeAccount(user);
    expect(profile.refreshToken(user)).toBeUndefined();
    expect(profile.cachedToken(user, 't1', 'scope')).toBeUndefined();
    expect(profile.current()).toBeUndefined();
  });

  it('belongs to one server: another ENTRADA_URL sees no account, and signing in there starts afresh', () => {
    const dir = newDir();
    const user = tenantLevelAccount('t1', 'u@x', 'user');
    new Profile(dir, 'https://one').saveAccount(user);
    new Profile(dir, 'https://one').setRefreshToken(user, 'rt');
    const other = new Profile(dir, 'https://two');
    expect(other.current()).toBeUndefined();
    other.saveAccount(tenantLevelAccount('t2', 'v@y', 'user'));
    expect(other.accounts().map((a) => a.user.name)).toEqual(['v@y']);
    expect(other.refreshToken(user)).toBeUndefined();
  });
});
