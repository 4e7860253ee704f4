import { afterAll } from 'vitest';
import { serveHandler } from '../../scripts/lambda-http-adapter.js';
import type { SubgraphHandler } from '../../subgraphs/shared/subgraph-server.js';

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

/** Serves a real subgraph Lambda handler over HTTP on a free port for this test file. */
export async function serveSubgraph(name: string, handler: SubgraphHandler): Promise<{ url: string; execute: Execute }> {
  const served = await serveHandler(name, handler, { port: 0, host: '127.0.0.1' });
  afterAll(() => served.close());
  return { url: served.url, execute: graphqlClient(served.url) };
}

/** The codes of a response's errors, in order. */
export const errorCodes = (response: GraphQLResponse) => (response.errors ?? []).map((e) => e.extensions?.code);
