/**
 * Route registration for the Graph surface. Three things Fastify does not do for us:
 * - Graph's alternate keys: `/applications(appId='…')/addPassword` has no slash between the set and the key,
 *   so it arrives as one path segment. One `/:key{sub}` route per sub-path dispatches on the entity set.
 * - 405 for a known path with a method it does not have (Fastify would answer 404).
 * - Handlers are Fastify-free functions from GraphCall to GraphResult; the router builds the one and sends the other.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isGuid } from '../lib/ids.js';
import type { EntityKey, GraphCall, GraphDeps, GraphHandler, GraphResult } from './context.js';
import { graphErrors } from './errors.js';
import { ODATA_JSON } from './odata.js';
import { callerOf } from './request-state.js';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
export type Handlers = Partial<Record<Method, GraphHandler>>;
const METHODS: readonly Method[] = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'];

/** `applications(appId='…')`: Graph's alternate-key segment; quotes inside the value are doubled. */
const ALTERNATE_KEY = /^([A-Za-z]+)\(appId='((?:[^']|'')*)'\)$/;

export class GraphRouter {
  /** sub-path → method → entity set → handler, for the alternate-key form. */
  private readonly alternate = new Map<string, Map<Method, Map<string, GraphHandler>>>();

  constructor(private readonly app: FastifyInstance, private readonly deps: GraphDeps) {}

  /** A path that names no object: `/applications`, `/me`, `/applications/$count` (its handlers get an empty key). */
  path(path: string, handlers: Handlers): void {
    this.register(path, handlers, () => ({ by: 'id', value: '' }));
  }

  /** Routes under one object of a set, addressed by object id (`/{set}/{id}{sub}`) or by appId (`/{set}(appId='…'){sub}`). */
  entity(set: string, sub: string, handlers: Handlers, options: { alternateKey?: boolean } = {}): void {
    this.register(`/${set}/:id${sub}`, handlers, (request) => objectId((request.params as Record<string, string>).id ?? ''));
    if (!options.alternateKey) return;
    let byMethod = this.alternate.get(sub);
    if (!byMethod) this.alternate.set(sub, (byMethod = new Map()));
    for (const [method, handler] of Object.entries(handlers) as [Method, GraphHandler][]) {
      let bySet = byMethod.get(method);
      if (!bySet) byMethod.set(method, (bySet = new Map()));
      bySet.set(set, handler);
    }
  }

  /** Register the alternate-key dispatchers; call once, after every entity(). */
  finish(): void {
    for (const [sub, byMethod] of this.alternate) {
      this.app.route({
        method: [...METHODS],
        url: `/:key${sub}`,
        handler: async (request, reply) => {
          const segment = (request.params as Record<string, string>).key ?? '';
          const match = ALTERNATE_KEY.exec(segment);
          const set = match?.[1] ?? '';
          const known = [...byMethod.values()].some((bySet) => bySet.has(set));
          if (!match || !known) throw graphErrors.segmentNotFound(segment);
          const handler = byMethod.get(request.method as Method)?.get(set);
          if (!handler) throw graphErrors.methodNotAllowed();
          const appId = match[2]!.replace(/''/g, "'");
          if (!isGuid(appId)) throw graphErrors.invalidId(appId);
          return this.run(handler, request, reply, { by: 'appId', value: appId.toLowerCase() });
        },
      });
    }
  }

  private register(url: string, handlers: Handlers, key: (request: FastifyRequest) => EntityKey): void {
    for (const method of METHODS) {
      const handler = handlers[method];
      this.app.route({
        method,
        url,
        handler: handler
          ? async (request, reply) => this.run(handler, request, reply, key(request))
          : async () => { throw graphErrors.methodNotAllowed(); },
      });
    }
  }

  private async run(handler: GraphHandler, request: FastifyRequest, reply: FastifyReply, key: EntityKey): Promise<FastifyReply> {
    const caller = callerOf(request);
    // The authentication hook runs first for every route; reaching here without a caller is a wiring fault.
    if (!caller) throw new Error('Graph route reached without an authenticated caller');
    const call: GraphCall = {
      deps: this.deps, caller, tenantId: caller.tenantId, key,
      params: request.params as Record<string, string>,
      query: (request.query ?? {}) as Record<string, unknown>,
      body: request.body,
      header: (name) => {
        const value = request.headers[name.toLowerCase()];
        return Array.isArray(value) ? value[0] : value;
      },
    };
    return send(reply, await handler(call));
  }
}

/** An object id from the path: Graph refuses anything that is not a GUID before looking it up. */
function objectId(id: string): EntityKey {
  if (!isGuid(id)) throw graphErrors.invalidId(id);
  return { by: 'id', value: id.toLowerCase() };
}

function send(reply: FastifyReply, result: GraphResult): FastifyReply {
  reply.code(result.status);
  if (result.location) reply.header('location', result.location);
  if (result.text !== undefined) return reply.type('text/plain;charset=utf-8').send(result.text);
  if (result.body === undefined) return reply.send();
  return reply.type(ODATA_JSON).send(JSON.stringify(result.body));
}
