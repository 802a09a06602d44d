/**
 * Per-request state of the Graph surface (correlation ids, the verified caller), kept beside the request
 * in a WeakMap rather than by decorating Fastify's request type for the whole application.
 */
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../access/caller.js';
import { newGuid } from '../lib/ids.js';
import type { RequestIds } from './context.js';

interface State { ids: RequestIds; caller?: Caller }

const states = new WeakMap<FastifyRequest, State>();

/** Printable and short: anything else a client sends as its correlation id is replaced, not echoed. */
const CLIENT_REQUEST_ID = /^[\x21-\x7e]{1,100}$/;

function stateOf(request: FastifyRequest): State {
  let state = states.get(request);
  if (!state) {
    const requestId = newGuid();
    const sent = request.headers['client-request-id'];
    const clientRequestId = typeof sent === 'string' && CLIENT_REQUEST_ID.test(sent) ? sent : requestId;
    state = { ids: { requestId, clientRequestId } };
    states.set(request, state);
  }
  return state;
}

/** The request's ids, created on first use (Graph echoes a client's `client-request-id`, else reuses its own). */
export function requestIds(request: FastifyRequest): RequestIds {
  return stateOf(request).ids;
}

export function setCaller(request: FastifyRequest, caller: Caller): void {
  stateOf(request).caller = caller;
}

export function callerOf(request: FastifyRequest): Caller | undefined {
  return states.get(request)?.caller;
}
