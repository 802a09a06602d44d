/**
 * RS256 signing of tokens with the active key. The token hot path is benchmarked, so this does only what a JWS
 * needs: the header segment is encoded once per (key, version), and the directory's private KeyObject is
 * imported once as a WebCrypto key (as jose does), because subtle.sign runs the RSA operation on libuv's thread
 * pool with almost no work on the event loop (crypto.sign with a callback re-prepares the key on the main
 * thread each call: measured ~7× more main-thread time). Tokens are verified with jose in the tests.
 */
import { webcrypto, type KeyObject } from 'node:crypto';
import type { SigningKeys } from '../directory/signing-keys.js';

export type TokenVersion = 1 | 2;

const RS256 = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

export class TokenSigner {
  private readonly headers = new Map<string, string>();
  private readonly cryptoKeys = new WeakMap<KeyObject, Promise<webcrypto.CryptoKey>>();

  constructor(private readonly keys: SigningKeys) {}

  /** A compact JWS of the claims. v1 tokens carry `x5t` beside `kid` (entra-protocol.md §4.1). */
  async sign(claims: object, version: TokenVersion): Promise<string> {
    const { active } = await this.keys.keyRing();
    const key = await this.cryptoKey(active.privateKey);
    const input = `${this.header(active.kid, version)}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    const signature = await webcrypto.subtle.sign(RS256, key, Buffer.from(input));
    return `${input}.${Buffer.from(signature).toString('base64url')}`;
  }

  private cryptoKey(privateKey: KeyObject): Promise<webcrypto.CryptoKey> {
    let key = this.cryptoKeys.get(privateKey);
    if (!key) {
      const der = privateKey.export({ format: 'der', type: 'pkcs8' });
      key = webcrypto.subtle.importKey('pkcs8', der, RS256, false, ['sign']);
      this.cryptoKeys.set(privateKey, key);
    }
    return key;
  }

  private header(kid: string, version: TokenVersion): string {
    const cacheKey = `${version}:${kid}`;
    let encoded = this.headers.get(cacheKey);
    if (!encoded) {
      const header = version === 1 ? { typ: 'JWT', alg: 'RS256', x5t: kid, kid } : { typ: 'JWT', alg: 'RS256', kid };
      encoded = Buffer.from(JSON.stringify(header)).toString('base64url');
      // Rotation adds a kid now and then; an unbounded map of a handful of entries is fine.
      this.headers.set(cacheKey, encoded);
    }
    return encoded;
  }
}
