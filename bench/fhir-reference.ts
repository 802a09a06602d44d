/**
 * The reference for bench/fhir: the least a FHIR server can do on the same stack. A bare Fastify HTTPS server
 * that holds the stored Patient JSON documents in memory and returns one by id (`GET /Patient/:id`), and takes
 * a new one (`POST /Patient`: parse, give an id, keep the JSON). No token, no database. Started as its own
 * process by bench/fhir.ts; it reads the documents once from the embedded database at REF_DB.
 * `GET /stored/Patient/:id` is the same handler reading the document from that database by primary key with one
 * prepared better-sqlite3 statement: what the storage alone costs, without Kysely, tokens or FHIR semantics.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import Fastify from 'fastify';

const env = process.env;
const database = new Database(env.REF_DB!, { readonly: true, fileMustExist: true });
const rows = database.prepare("SELECT id, content FROM fhir_resources WHERE resource_type = 'Patient' AND deleted = 0").all() as Array<{ id: string; content: string }>;
const byId = database.prepare("SELECT content FROM fhir_resources WHERE service_id = ? AND resource_type = 'Patient' AND id = ?");
const serviceId = (database.prepare("SELECT service_id FROM fhir_resources WHERE resource_type = 'Patient' LIMIT 1").get() as { service_id: string }).service_id;
const stored = new Map<string, string>(rows.map((r) => [r.id, r.content]));

const app = Fastify({
  https: { cert: fs.readFileSync(env.REF_TLS_CERT!, 'utf8'), key: fs.readFileSync(env.REF_TLS_KEY!, 'utf8') },
  logger: false,
});
app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

app.get('/Patient/:id', async (req, reply) => {
  const json = stored.get((req.params as { id: string }).id);
  if (!json) return reply.code(404).send();
  return reply.header('content-type', 'application/fhir+json; charset=utf-8').send(json);
});

app.get('/stored/Patient/:id', async (req, reply) => {
  const row = byId.get(serviceId, (req.params as { id: string }).id) as { content: string } | undefined;
  if (!row) return reply.code(404).send();
  return reply.header('content-type', 'application/fhir+json; charset=utf-8').send(row.content);
});

app.post('/Patient', async (req, reply) => {
  const resource = { ...(req.body as Record<string, unknown>), id: randomUUID() };
  const json = JSON.stringify(resource);
  stored.set(resource.id, json);
  return reply.code(201).header('content-type', 'application/fhir+json; charset=utf-8').header('location', `/Patient/${resource.id}`).send(json);
});

app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
  const address = app.server.address();
  process.stdout.write(`reference ready ${typeof address === 'object' && address ? address.port : ''} ${stored.size}\n`);
});
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
