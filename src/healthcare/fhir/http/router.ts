/**
 * The FHIR REST router: a request below a service's base in, a response out; no HTTP framework in sight.
 * Public endpoints (CapabilityStatement, health, SMART configuration) answer without a token; everything else
 * authenticates once, then each interaction authorizes itself (bundles once per entry).
 */
import { isResourceType } from '../definitions.js';
import type { FhirRepository } from '../repository.js';
import { FhirError } from '../outcome.js';
import { processBundle } from './bundle.js';
import { capabilityStatement } from './capability.js';
import { compartmentSearch } from './compartment.js';
import { conditionalDelete, conditionalUpdate } from './conditional.js';
import { checkResponseFormat } from './content.js';
import { isHardDelete, remove } from './delete.js';
import { healthCheck } from './health.js';
import { history } from './history.js';
import { patch } from './patch.js';
import { read, vread } from './read.js';
import { postedParams, search } from './search.js';
import type { FhirAccessControl, FhirCall, FhirRequest, FhirResponse, FhirServiceRef } from './types.js';
import { header } from './types.js';
import { isValidId, validateOperation } from './validate.js';
import { create, update } from './write.js';

/** Where an operation was called: `$op` at the base, `[type]/$op`, or `[type]/[id]/$op`. */
export interface OperationTarget { type?: string; id?: string; rest: string[] }
/** A FHIR operation (`$export`, …) or extra path (`_operations`) served by another part, by its first segment. */
export type FhirOperation = (call: FhirCall, target: OperationTarget) => Promise<FhirResponse>;

export interface FhirRouterOptions<P> {
  access: FhirAccessControl<P>;
  /** The repository of a service. */
  repository: (service: FhirServiceRef) => FhirRepository;
  /** SMART configuration document of a service (served without a token). */
  smartConfiguration?: (service: FhirServiceRef) => unknown;
  /** Operations by name (`$export`, `_operations`). */
  operations?: ReadonlyMap<string, FhirOperation>;
  now: () => Date;
  /** The server's public base URL (the token service's links in the CapabilityStatement). */
  publicUrl: () => string;
  /** Unexpected failures that do not fail the request (a batch entry's), for the log. */
  onError?: (err: unknown) => void;
}

/** Served without a token. */
const PUBLIC_PATHS = new Set(['metadata', 'health/check', '.well-known/smart-configuration']);

const notSupported = (request: FhirRequest) =>
  new FhirError(404, 'not-supported', `The route ${request.method} /${request.path} is not supported by this FHIR server.`);
const methodNotAllowed = (request: FhirRequest) =>
  new FhirError(405, 'not-supported', `The method ${request.method} is not allowed on /${request.path}.`);

export class FhirRouter<P = unknown> {
  /** CapabilityStatement JSON by service URL: built once, it is large and never changes while we run. */
  private readonly capabilities = new Map<string, string>();

  constructor(private readonly options: FhirRouterOptions<P>) {}

  /** Answer one request to a service; FhirErrors propagate to the edge, which renders them. */
  async handle(service: FhirServiceRef, request: FhirRequest): Promise<FhirResponse> {
    checkResponseFormat(request);
    const { path, method } = request;
    if (PUBLIC_PATHS.has(path) && method !== 'GET' && method !== 'HEAD') throw methodNotAllowed(request);
    if (method === 'GET' || method === 'HEAD') {
      if (path === 'metadata') return { status: 200, body: this.capability(service) };
      if (path === 'health/check') return healthCheck(this.options.repository(service));
      if (path === '.well-known/smart-configuration' && this.options.smartConfiguration) {
        return { status: 200, body: this.options.smartConfiguration(service) as FhirResponse['body'] };
      }
    }
    const principal = await this.options.access.authenticate(header(request, 'authorization'), service);
    const call: FhirCall<P> = { service, repo: this.options.repository(service), access: this.options.access, principal, request, now: this.options.now };
    return this.dispatch(call as FhirCall);
  }

  /** Route an authenticated call; bundles call back in here for each entry. */
  dispatch = async (call: FhirCall): Promise<FhirResponse> => {
    const { request } = call;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    const segments = request.path === '' ? [] : request.path.split('/');
    const [first, second, third, fourth] = segments;

    if (first === undefined) {
      if (method === 'GET') return search(call, undefined, request.query);
      if (method === 'POST') return processBundle(call, this.dispatch, this.options.onError);
      throw methodNotAllowed(request);
    }
    if (segments.length === 1 && (first === '_history' || first === 'metadata')) {
      if (method !== 'GET') throw methodNotAllowed(request);
      return first === 'metadata' ? { status: 200, body: this.capability(call.service) } : history(call);
    }
    if (first.startsWith('$') || first.startsWith('_')) return this.operation(call, first, { rest: segments.slice(1) });
    if (!isResourceType(first)) {
      throw new FhirError(404, 'not-supported', `Resource type '${first}' is not supported.`, ['resourceType']);
    }
    const type = first;
    if (second === undefined) {
      if (method === 'GET') return search(call, type, request.query);
      if (method === 'POST') return create(call, type);
      if (method === 'PUT') return conditionalUpdate(call, type);
      if (method === 'DELETE') return conditionalDelete(call, type, isHardDelete(request.query));
      throw methodNotAllowed(request);
    }
    if (segments.length === 2 && second === '_search') {
      if (method === 'POST') return search(call, type, postedParams(call));
      throw methodNotAllowed(request);
    }
    if (segments.length === 2 && second === '_history') {
      if (method !== 'GET') throw methodNotAllowed(request);
      return history(call, type);
    }
    if (second === '$validate' && segments.length === 2) {
      if (method === 'POST') return validateOperation(call, type);
      throw methodNotAllowed(request);
    }
    if (second.startsWith('$')) return this.operation(call, second, { type, rest: segments.slice(2) });
    if (!isValidId(second)) throw new FhirError(400, 'invalid', `'${second}' is not a valid FHIR resource id.`);
    const id = second;
    if (third === undefined) {
      if (method === 'GET') return read(call, type, id);
      if (method === 'PUT') return update(call, type, id);
      if (method === 'PATCH') return patch(call, type, id);
      if (method === 'DELETE') return remove(call, type, id);
      throw methodNotAllowed(request);
    }
    if (third === '_history' && segments.length <= 4) {
      if (method !== 'GET') throw methodNotAllowed(request);
      return fourth === undefined ? history(call, type, id) : vread(call, type, id, fourth);
    }
    if (third.startsWith('$')) return this.operation(call, third, { type, id, rest: segments.slice(3) });
    if (type === 'Patient' && segments.length === 3 && (third === '*' || isResourceType(third))) {
      if (method !== 'GET') throw methodNotAllowed(request);
      return compartmentSearch(call, id, third === '*' ? undefined : third);
    }
    throw notSupported(request);
  };

  private capability(service: FhirServiceRef): string {
    const publicUrl = this.options.publicUrl().replace(/\/+$/, '');
    const key = `${publicUrl} ${service.url} ${service.tenantId}`;
    let json = this.capabilities.get(key);
    if (!json) {
      if (this.capabilities.size > 1000) this.capabilities.clear();
      json = JSON.stringify(capabilityStatement(service, publicUrl, this.options.now().toISOString()));
      this.capabilities.set(key, json);
    }
    return json;
  }

  private operation(call: FhirCall, name: string, target: OperationTarget): Promise<FhirResponse> {
    const op = this.options.operations?.get(name);
    if (!op) throw new FhirError(404, 'not-supported', `The operation or path '${name}' is not supported.`);
    return op(call, target);
  }
}

