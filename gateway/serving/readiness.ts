/**
 * GET /readiness: asks every subgraph of the supergraph for `{ __typename }` through the same
 * transport queries use (HTTP or Lambda invoke) and reports each. 200 when all answer, else 503.
 * (GET /health only says the gateway process is up.) Cached and single-flight: see useReadiness.
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
export type ProbeHeaders = (endpoint: SubgraphEndpoint) => Promise<Record<string, string>>;

export async function probeSubgraph(
  fetchFor: (url: string) => Fetch,
  endpoint: SubgraphEndpoint,
  timeoutMs: number,
  headersFor?: ProbeHeaders,
): Promise<SubgraphStatus> {
  const started = Date.now();
  try {
    const response = await fetchFor(endpoint.url)(endpoint.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json', ...(await headersFor?.(endpoint)) },
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

/** How long one probe's answer serves every /readiness request after it. */
export const READINESS_CACHE_MS = 5_000;

export interface ReadinessOptions {
  readonly supergraph: string;
  readonly fetchFor: (url: string) => Fetch;
  readonly headersFor?: ProbeHeaders;
  readonly timeoutMs?: number;
  readonly path?: string;
  /** Probed and reported, but not counted for `ready` (see useReadiness). */
  readonly partners?: readonly string[];
  /**
   * Production: the answer is `{ ready }` alone to everyone; which subgraph is down and why go to
   * the log. Otherwise (a developer's machine) it names every subgraph's status, to callers on this
   * machine only (a loopback address): anyone else still gets `{ ready }`.
   */
  readonly production?: boolean;
  /** Where production's per-subgraph details go. @default a WARN line on stderr */
  readonly log?: (line: Record<string, unknown>) => void;
  /** @default READINESS_CACHE_MS */
  readonly cacheMs?: number;
}

/**
 * `partners` are probed and reported under `partners`, but do not count for `ready`: a province's
 * service being down must not take the gateway out of its load balancer.
 *
 * Anyone may ask (a load balancer sends no credentials), so asking must cost nothing: one probe of
 * every subgraph at a time, whose answer serves every request for `cacheMs` after it; requests
 * meanwhile wait for the probe in flight instead of starting another.
 */
export function useReadiness(options: ReadinessOptions): GatewayPlugin {
  const endpoints = subgraphEndpoints(options.supergraph);
  const partners = new Set(options.partners ?? []);
  const cacheMs = options.cacheMs ?? READINESS_CACHE_MS;
  const log = options.log ?? ((line) => console.warn(JSON.stringify(line)));
  let latest: { readonly at: number; readonly report: Promise<ReadinessReport> } | undefined;
  const probeAll = async (): Promise<ReadinessReport> => {
    const statuses = await Promise.all(endpoints.map((e) => probeSubgraph(options.fetchFor, e, options.timeoutMs ?? 2000, options.headersFor)));
    const of = (partner: boolean) => Object.fromEntries(endpoints.flatMap((e, i) => (partners.has(e.name) === partner ? [[e.name, statuses[i]!]] : [])));
    const ready = statuses.every((s, i) => s.ready || partners.has(endpoints[i]!.name));
    const report: ReadinessReport = { ready, subgraphs: of(false), ...(partners.size > 0 ? { partners: of(true) } : {}) };
    const unready = endpoints.flatMap((e, i) =>
      statuses[i]!.ready ? [] : [{ subgraph: e.name, partner: partners.has(e.name), problem: statuses[i]!.problem }],
    );
    if (unready.length > 0) log({ level: 'WARN', message: 'readiness: subgraphs not ready', ready, unready });
    return report;
  };
  const currentReport = () => {
    // Timed from when the probe started: a slow probe does not make its answer live longer.
    if (!latest || Date.now() - latest.at >= cacheMs) latest = { at: Date.now(), report: probeAll() };
    return latest.report;
  };
  return {
    onRequest({ request, url, serverContext, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== (options.path ?? '/readiness')) return;
      const details = !options.production && fromThisMachine(serverContext);
      return currentReport().then((report) => {
        endResponse(Response.json(details ? report : { ready: report.ready }, { status: report.ready ? 200 : 503, headers: { 'cache-control': 'no-store' } }));
      });
    },
  };
}

/** A request the local HTTP server took from a loopback address (the Lambda handler's requests have no socket). */
function fromThisMachine(serverContext: unknown): boolean {
  const address = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req?.socket?.remoteAddress;
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly subgraphs: Readonly<Record<string, SubgraphStatus>>;
  readonly partners?: Readonly<Record<string, SubgraphStatus>>;
}
