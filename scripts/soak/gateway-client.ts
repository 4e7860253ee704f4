/**
 * The soak's client of the gateway: one GraphQL request per operation, with a request id of its own
 * (the subgraphs write it into their audit items, so the checks can find each write), and the
 * outcome sorted into what a client may conclude from it.
 */
import { randomUUID } from 'node:crypto';

/**
 * `ok`: the response said the write succeeded (an acknowledged write). `refused`: it said the write
 * did not happen (CONFLICT, BAD_USER_INPUT, NOT_FOUND, FORBIDDEN…). `uncertain`: no answer a client
 * can rely on (a 500, a timeout, a dropped connection): the write may or may not have happened.
 */
/** GraphQL answers are JSON; each operation reads the fields it asked for. */
// biome-ignore lint/suspicious/noExplicitAny: untyped JSON answers, read field by field by the operation that asked
export type Json = any;

export type OutcomeKind = 'ok' | 'refused' | 'uncertain';

export interface Outcome<T = Json> {
  readonly kind: OutcomeKind;
  /** `OK`, the error's `extensions.code`, or what went wrong on the way (`NETWORK`, `HTTP_502`…). */
  readonly code: string;
  readonly data?: T;
  readonly message?: string;
  readonly requestId: string;
}

const REFUSALS = new Set([
  'CONFLICT',
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_VALIDATION_FAILED',
  'UNAUTHORIZED_FIELD_OR_TYPE',
]);

export type Send = <T = Json>(token: string | null, query: string, variables?: Record<string, unknown>) => Promise<Outcome<T>>;

export function gatewayClient(url: string, timeoutMs = 30_000): Send {
  return async (token, query, variables) => {
    const requestId = `soak-${randomUUID()}`;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = await response.text();
      let body: { data?: Json; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text);
      } catch {
        return { kind: 'uncertain', code: `HTTP_${response.status}`, message: text.slice(0, 200), requestId };
      }
      const error = body.errors?.[0];
      if (!error && body.data) return { kind: 'ok', code: 'OK', data: body.data, requestId };
      const code = error?.extensions?.code ?? `HTTP_${response.status}`;
      // A refusal of the whole operation leaves its root field null; an error beside data is partial, not a refusal.
      const partial = body.data != null && Object.values(body.data).some((value) => value !== null);
      return { kind: REFUSALS.has(code) && !partial ? 'refused' : 'uncertain', code, message: error?.message, data: body.data, requestId };
    } catch (error) {
      return { kind: 'uncertain', code: (error as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK', message: (error as Error).message, requestId };
    }
  };
}
