/**
 * Fixed-concurrency load with autocannon, engines interleaved round by round (a, b, c, d, a, b, …)
 * so that whatever else the machine does falls on every engine alike. Every response body must equal
 * the one verified before timing (autocannon counts others as mismatches, reported as errors).
 */
import autocannon from 'autocannon';

export interface Target {
  /** Engine key, e.g. 'ours'. */
  readonly engine: string;
  readonly url: string;
  /** Headers and body of the request; called before each run (fresh subgraph tokens for the floor). */
  readonly request: () => Promise<{ headers: Record<string, string>; body: string }>;
  /** The body every response must have (identical requests). */
  readonly expectBody: string;
  /**
   * Distinct requests: the bodies sent in turn (each connection takes the next one), instead of
   * `request`'s body; every response must then pass `verify` (no GraphQL errors) rather than equal
   * `expectBody`.
   */
  readonly bodies?: readonly string[];
  readonly verify?: (body: string) => boolean;
  /** CPU time (ms) the engine's process has used so far, to report its CPU per request. */
  readonly cpuMs?: () => number | undefined;
}

export interface Measurement {
  readonly engine: string;
  readonly operation: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
  readonly errors: number;
  readonly rounds: number;
  /** The engine process's CPU time per request answered (ms), over the timed runs; null when not measured. */
  readonly cpuMsPerRequest: number | null;
}

export interface LoadOptions {
  readonly connections: number;
  readonly durationSeconds: number;
  readonly rounds: number;
  readonly warmupSeconds: number;
}

/** Where each distinct-request target's pool goes on from, so rounds do not repeat the same bodies. */
const next = new Map<string, number>();

const run = async (target: Target, seconds: number, connections: number) => {
  const { headers, body } = await target.request();
  const common = { url: target.url, method: 'POST' as const, headers: { 'content-type': 'application/json', ...headers }, connections, duration: seconds };
  const bodies = target.bodies;
  if (!bodies) return autocannon({ ...common, body, expectBody: target.expectBody });
  let i = next.get(target.url + bodies[0]) ?? 0;
  const result = await autocannon({
    ...common,
    requests: [
      {
        // biome-ignore lint/suspicious/noExplicitAny: autocannon's request type is not exported
        setupRequest: (request: any) => {
          request.body = bodies[i++ % bodies.length];
          return request;
        },
      },
    ],
    verifyBody: (text: string) => target.verify!(text),
  } as autocannon.Options);
  next.set(target.url + bodies[0], i);
  return result;
};

/**
 * Waits until the target has worked off what the last run left in flight (a slow engine keeps
 * computing answers nobody reads any more): one request queued behind them returns when they are done.
 */
async function drain(target: Target): Promise<void> {
  const { headers, body } = await target.request();
  await (await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body })).text();
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** Measures every operation on every target, interleaved; returns one Measurement per engine and operation. */
export async function measure(
  operations: readonly { name: string; targets: readonly Target[] }[],
  options: LoadOptions,
  log: (line: string) => void,
): Promise<Measurement[]> {
  for (const operation of operations) {
    for (const target of operation.targets) {
      await run(target, options.warmupSeconds, options.connections);
      await drain(target);
    }
  }
  const samples = new Map<string, { requests: number; seconds: number; p50: number[]; p99: number[]; errors: number; cpuMs: number | null }>();
  for (let round = 1; round <= options.rounds; round++) {
    for (const operation of operations) {
      for (const target of operation.targets) {
        const cpuBefore = target.cpuMs?.();
        const result = await run(target, options.durationSeconds, options.connections);
        const cpuAfter = target.cpuMs?.();
        await drain(target);
        const key = `${target.engine}|${operation.name}`;
        const sample = samples.get(key) ?? { requests: 0, seconds: 0, p50: [], p99: [], errors: 0, cpuMs: 0 };
        sample.cpuMs = cpuBefore !== undefined && cpuAfter !== undefined && sample.cpuMs !== null ? sample.cpuMs + (cpuAfter - cpuBefore) : null;
        sample.requests += result.requests.total;
        sample.seconds += result.duration;
        sample.p50.push(result.latency.p50);
        sample.p99.push(result.latency.p99);
        sample.errors += result.errors + result.timeouts + result.non2xx + result.mismatches;
        samples.set(key, sample);
        log(
          `  round ${round}/${options.rounds} ${operation.name.padEnd(18)} ${target.engine.padEnd(7)} ${Math.round(result.requests.total / result.duration)} req/s, p99 ${result.latency.p99} ms${result.mismatches || result.non2xx || result.errors ? `, ${result.errors} errors ${result.non2xx} non-2xx ${result.mismatches} mismatches` : ''}`,
        );
      }
    }
  }
  return [...samples].map(([key, s]) => {
    const [engine, operation] = key.split('|') as [string, string];
    return {
      engine,
      operation,
      requestsPerSecond: s.requests / s.seconds,
      p50Ms: median(s.p50),
      p99Ms: median(s.p99),
      requests: s.requests,
      errors: s.errors,
      rounds: options.rounds,
      cpuMsPerRequest: s.cpuMs !== null && s.requests > 0 ? Number((s.cpuMs / s.requests).toFixed(2)) : null,
    };
  });
}

/** Posts once and returns the body text, failing on a non-200 answer or GraphQL errors. */
export async function verifiedBody(target: Target, check: (data: unknown) => void): Promise<string> {
  const { headers, body } = await target.request();
  const response = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const text = await response.text();
  const parsed = JSON.parse(text) as { data?: unknown; errors?: unknown[] };
  if (response.status !== 200 || parsed.errors) throw new Error(`${target.engine} at ${target.url} answered ${response.status}: ${text.slice(0, 500)}`);
  check(parsed.data);
  return text;
}
