/** Every failure the portal shows, reduced to plain words plus the code a person can search for. */
export interface PlainError {
  /** One sentence for the MessageBar title. */
  title: string;
  /** The service's own message. */
  message: string;
  /** Graph error code (e.g. Request_BadRequest) or AADSTS code (e.g. AADSTS50058). */
  code?: string;
  requestId?: string;
}

/** A Graph-compatible API answered with `{ error: { code, message, innerError } }`. */
export class GraphApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly requestId?: string) {
    super(message);
    this.name = 'GraphApiError';
  }
}

const AADSTS = /AADSTS\d+/;

/** Plain words for an error from Graph, from MSAL (AADSTS) or from the network. */
export function describeError(err: unknown, action = 'The request failed'): PlainError {
  if (err instanceof GraphApiError) {
    return { title: `${action}.`, message: err.message, code: err.code, requestId: err.requestId };
  }
  const e = err as { errorCode?: string; errorMessage?: string; message?: string } | undefined;
  const text = e?.errorMessage || e?.message || String(err);
  const aadsts = AADSTS.exec(text)?.[0];
  if (aadsts || e?.errorCode) {
    return { title: `${action}: signing in did not work.`, message: text.split(/\r?\n/)[0] ?? text, code: aadsts ?? e?.errorCode };
  }
  if (err instanceof TypeError) return { title: `${action}: the server could not be reached.`, message: text };
  return { title: `${action}.`, message: text };
}
