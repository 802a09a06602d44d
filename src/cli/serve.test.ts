import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addSettingOptions, configFromOptions } from './serve.js';

function parse(...args: string[]): Record<string, unknown> {
  const command = addSettingOptions(new Command('serve').exitOverride().configureOutput({ writeErr: () => undefined }));
  command.parse(args, { from: 'user' });
  return command.opts();
}

describe('serve flags', () => {
  it('override the environment, which fills in the rest', () => {
    const env = { ENTRADA_PORT: '9000', ENTRADA_LISTEN: '0.0.0.0', ENTRADA_TENANT_DOMAIN: 'env.test' };
    const config = configFromOptions(env, parse('--port', '7000', '--tenant-domain', 'flag.test', '--fhir-service', 'none'));
    expect(config).toMatchObject({ port: 7000, listen: '0.0.0.0', tenantDomain: 'flag.test', fhirService: 'none', logLevel: 'info' });
  });

  it('parse with the setting parsers: the port is a number, a bad URL is refused', () => {
    expect(parse('--port', '0').port).toBe(0);
    expect(parse('--public-url', 'https://id.example.org/').publicUrl).toBe('https://id.example.org');
    expect(() => parse('--public-url', 'http://id.example.org')).toThrow(/https/);
    expect(() => parse('--port', '70000')).toThrow(/invalid port/);
  });

  it('leave the defaults to the settings table when absent', () => {
    expect(configFromOptions({}, parse())).toMatchObject({ port: 8443, listen: '127.0.0.1', fhirService: 'local/fhir' });
  });
});
