/**
 * What a Graph route handler is given and what it gives back. Handlers see no Fastify: they take a GraphCall
 * (caller, tenant, path, query, body) and return a GraphResult, which the router serialises. That keeps the
 * edge thin and every response built the same way.
 */
import type { AccessTokenVerifier } from '../access/access-token-verifier.js';
import type { Caller } from '../access/caller.js';
import type { Directory } from '../directory/directory.js';

export interface GraphDeps {
  directory: Directory;
  publicUrl: () => string;
  verifier: AccessTokenVerifier;
}

/** How a path names one object: `/{set}/{id}` or Graph's alternate key `/{set}(appId='…')`. */
export interface EntityKey { by: 'id' | 'appId'; value: string }

export interface GraphCall {
  deps: GraphDeps;
  caller: Caller;
  /** Always the token's tenant: a caller only ever sees its own directory. */
  tenantId: string;
  /** The object the path names, for routes under `/{set}/{key}`. */
  key: EntityKey;
  /** Further path parameters (e.g. an assignment id). */
  params: Readonly<Record<string, string>>;
  query: Readonly<Record<string, unknown>>;
  /** The parsed JSON body; undefined when none was sent. */
  body: unknown;
  header(name: string): string | undefined;
}

export interface GraphResult {
  status: number;
  /** A JSON body (OData envelope included), or text for `/$count`. */
  body?: unknown;
  text?: string;
  location?: string;
}

export type GraphHandler = (call: GraphCall) => Promise<GraphResult>;

/** The request and correlation ids of a Graph request, echoed in headers and in every error's innerError. */
export interface RequestIds { requestId: string; clientRequestId: string }
