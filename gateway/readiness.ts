/**
 * GET /readiness: asks every subgraph of the supergraph for `{ __typename }` through the same
 * transport queries use (HTTP or Lambda invoke) and reports each. 200 when all answer, else 503.
 * (GET /health only says the gateway process is up.)
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export interface SubgraphEndpoint {
  readonly name: string;
  readonly url: string;
}

/** The subgraphs a supergraph routes to, from its `@join__graph(name:, url:)` values. */
export function subgraphEndpoints(supergraph: string): SubgraphEndpoint[] {
  return [...supergraph.matchAll(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g)].map(([, name, url]) => ({ name: name!, url: url! }));
}

type Fetch = (url: string, init: RequestInit) => Promise<Response>;

/** What a probe sends; partners verify a signature over exactly these bytes. */
export const PROBE_BODY = JSON.stringify({ query: '{ __typename }' });

export interface SubgraphStatus {
  readonly ready: boolean;
  readonly ms: number;
  readonly problem?: string;
}

/** Headers a probe needs to be answered, e.g. a gateway token addressed to the subgraph. */
export type ProbeHeaders = (subgraph: string) => Promise<Record<string, string>>;

export async function probeSubgraph(fetchFor: (url: string) => Fetch, endpoint: SubgraphEndpoint, timeoutMs: number, headersFor?: ProbeHeaders): Promise<SubgraphStatus> {
  const started = Date.now();
  try {
    const response = await fetchFor(endpoint.url)(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(await headersFor?.(endpoint.name)) },
      body: PROBE_BODY,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await response.json().catch(() => null)) as { data?: { __typename?: string } } | null;
    const ready = response.ok && body?.data?.__typename === 'Query';
    return { ready, ms: Date.now() - started, ...(ready ? {} : { problem: `answered HTTP ${response.status} without data` }) };
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    return { ready: false, ms: Date.now() - started, problem: timedOut ? `no answer within ${timeoutMs} ms` : 'unreachable' };
  }
}

/**
 * `partners` are probed and reported under `partners`, but do not count for `ready`: a province's
 * service being down must not take the gateway out of its load balancer.
 */
export function useReadiness(options: { supergraph: string; fetchFor: (url: string) => Fetch; headersFor?: ProbeHeaders; timeoutMs?: number; path?: string; partners?: readonly string[] }): GatewayPlugin {
  const endpoints = subgraphEndpoints(options.supergraph);
  const partners = new Set(options.partners ?? []);
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== (options.path ?? '/readiness')) return;
      return Promise.all(endpoints.map((e) => probeSubgraph(options.fetchFor, e, options.timeoutMs ?? 2000, options.headersFor))).then((statuses) => {
        const of = (partner: boolean) => Object.fromEntries(endpoints.flatMap((e, i) => (partners.has(e.name) === partner ? [[e.name, statuses[i]]] : [])));
        const ready = statuses.every((s, i) => s.ready || partners.has(endpoints[i]!.name));
        endResponse(Response.json({ ready, subgraphs: of(false), ...(partners.size > 0 ? { partners: of(true) } : {}) }, { status: ready ? 200 : 503 }));
      });
    },
  };
}
