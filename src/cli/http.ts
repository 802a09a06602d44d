/**
 * The CLI's only way to the server: plain HTTP(S) requests, like any other client. node:https rather than
 * fetch, because fetch cannot be given the extra development CA without an extra package.
 */
import http from 'node:http';
import https from 'node:https';
import { CliError } from './errors.js';
import type { Runtime } from './runtime.js';

export interface HttpResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
}

const TIMEOUT_MS = 60_000;

export function send(runtime: Runtime, request: HttpRequest, debug?: (line: string) => void): Promise<HttpResponse> {
  const url = new URL(request.url);
  const secure = url.protocol === 'https:';
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'entrada-cli', ...request.headers };
  if (request.body !== undefined) headers['content-length'] = String(Buffer.byteLength(request.body));
  const options: https.RequestOptions = { method: request.method, headers, timeout: TIMEOUT_MS };
  if (secure) options.agent = runtime.agent();
  debug?.(`${request.method} ${url.origin}${url.pathname}`);
  return new Promise((resolve, reject) => {
    const req = (secure ? https : http).request(url, options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (err) => reject(networkError(err, runtime)));
      res.on('end', () => {
        debug?.(`  -> ${res.statusCode}`);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${TIMEOUT_MS / 1000} s`)));
    req.on('error', (err) => reject(networkError(err, runtime)));
    if (request.body !== undefined) req.write(request.body);
    req.end();
  });
}

/** Parse a JSON answer; anything else (an HTML error page, a proxy) is reported, not thrown as a SyntaxError. */
export function parseJson(response: HttpResponse, what: string): unknown {
  if (response.text === '') return undefined;
  try {
    return JSON.parse(response.text);
  } catch {
    throw new CliError(`${what} answered ${response.status} with a body that is not JSON.`);
  }
}

const TLS_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'SELF_SIGNED_CERT_IN_CHAIN', 'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** Say what to do about the usual causes (server not running, CA not trusted) instead of a bare errno. */
function networkError(err: Error & { code?: string }, runtime: Runtime): CliError {
  if (err instanceof CliError) return err;
  if (err.code && TLS_CODES.has(err.code)) {
    return new CliError(
      `Certificate verification failed for ${runtime.url} (${err.message}).`, 1,
      'Trust the development CA: set ENTRADA_CA_CERT (or NODE_EXTRA_CA_CERTS) to {dataDir}/tls/ca.crt of the server.',
    );
  }
  if (err.code === 'ECONNREFUSED' || err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN') {
    return new CliError(
      `Cannot reach Entrada at ${runtime.url} (${err.message}).`, 1,
      "Is 'entrada serve' running there? Set ENTRADA_URL to the server's public URL.",
    );
  }
  return new CliError(`Request to ${runtime.url} failed: ${err.message}`);
}
