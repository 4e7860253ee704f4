import { afterAll, inject } from 'vitest';
import { importGatewayPrivateKey, signGatewayToken } from '../../gateway/auth/subgraph-tokens.js';
import { serveHandler } from '../../scripts/lambda-http-adapter.js';
import type { SubgraphHandler } from '../../subgraphs/shared/graphql/subgraph-server.js';

export interface GraphQLResponse<T = any> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; [key: string]: unknown } }[];
}

export type Execute = <T = any>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => Promise<GraphQLResponse<T>>;

export function graphqlClient(url: string): Execute {
  return async (query, variables, headers) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const text = await response.text();
    try {
      return JSON.parse(text);
    } catch {
      throw new Error(`${url} answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`);
    }
  };
}

/** The claims the gateway passes on for a caseworker who is also a program officer, of no province. */
export const TEST_CALLER = { roles: ['caseworker', 'program_officer'], provinces: [] as string[] };

/** A token as the gateway would sign it for `subgraph`, for tests that call a subgraph directly. */
export async function gatewayToken(subgraph: string, claims: Record<string, unknown> = TEST_CALLER, subject = 'test-user'): Promise<string> {
  return signGatewayToken(await importGatewayPrivateKey(inject('keys').gatewayPrivateKey), subgraph, claims, subject);
}

/**
 * Serves a real subgraph Lambda handler over HTTP on a free port for this test file. `execute`
 * sends each request as the gateway would, with a gateway token for TEST_CALLER; pass an
 * `authorization` header to send another (or none: `authorization: ''`).
 */
export async function serveSubgraph(
  name: string,
  handler: SubgraphHandler,
): Promise<{ url: string; execute: Execute; executeAs: (claims: Record<string, unknown>) => Execute }> {
  const served = await serveHandler(name, handler, { port: 0, host: '127.0.0.1' });
  afterAll(() => served.close());
  const executeAs =
    (claims: Record<string, unknown>): Execute =>
    async (query, variables, headers) =>
      graphqlClient(served.url)(query, variables, { authorization: `Bearer ${await gatewayToken(name, claims)}`, ...headers });
  return { url: served.url, execute: executeAs(TEST_CALLER), executeAs };
}

/** The codes of a response's errors, in order. */
export const errorCodes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);
