/**
 * The reference for bench/token: the least a token endpoint can do on the same stack. A bare Fastify HTTPS
 * server that parses the form, checks a SHA-256 client secret in constant time and signs an RS256 JWT with
 * jose. Started as its own process by bench/token.ts with the TLS material and the credentials in env.
 */
import { createHash, createPrivateKey, randomUUID, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import Fastify from 'fastify';
import { SignJWT } from 'jose';

const env = process.env;
const privateKey = createPrivateKey(fs.readFileSync(env.REF_SIGNING_KEY!, 'utf8'));
const clientId = env.REF_CLIENT_ID!;
const secretHash = createHash('sha256').update(env.REF_CLIENT_SECRET!).digest();
const audience = env.REF_AUDIENCE!;
const issuer = `https://localhost/${env.REF_TENANT_ID}/`;

const app = Fastify({
  https: { cert: fs.readFileSync(env.REF_TLS_CERT!, 'utf8'), key: fs.readFileSync(env.REF_TLS_KEY!, 'utf8') },
  logger: false,
});
app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
  done(null, Object.fromEntries(new URLSearchParams(body as string)));
});

app.post('/token', async (req, reply) => {
  const form = req.body as Record<string, string>;
  const presented = createHash('sha256').update(form.client_secret ?? '').digest();
  if (form.client_id !== clientId || !timingSafeEqual(presented, secretHash)) {
    return reply.code(401).send({ error: 'invalid_client' });
  }
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({
    aud: audience, iss: issuer, iat: now, nbf: now, exp: now + 3599, appid: clientId, appidacr: '1',
    idp: issuer, oid: env.REF_CLIENT_ID, sub: env.REF_CLIENT_ID, tid: env.REF_TENANT_ID, uti: randomUUID(), ver: '1.0',
  }).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid: 'reference' }).sign(privateKey);
  reply.header('cache-control', 'no-store, no-cache').header('pragma', 'no-cache');
  return { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: token };
});

app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
  const address = app.server.address();
  process.stdout.write(`reference ready ${typeof address === 'object' && address ? address.port : ''}\n`);
});
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
