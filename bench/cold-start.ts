import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { eventFromRequest } from '../gateway/transport/http-api-event.js';
import { importGatewayPrivateKey, signGatewayToken } from '../gateway/auth/subgraph-tokens.js';
import { bundle, bundleSize, buildBundles } from '../scripts/build.js';
import { DEV_AUDIENCE, DEV_ISSUER, generateDevKeys, signDevToken } from '../scripts/dev-keys.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, '.data/bench/dist');
/** The budget of the issue: every subgraph bundle, zipped as Lambda stores it, at most 1 MB. */
export const SUBGRAPH_BUNDLE_BUDGET_BYTES = 1_000_000;
/** Fresh processes per bundle by default (`--cold-runs N`); the median of them is reported. */
export const DEFAULT_COLD_RUNS = 5;

export interface BundleColdStart {
  readonly bundle: string;
  readonly rawBytes: number;
  readonly zippedBytes: number;
  readonly moduleLoadMs: number;
  readonly firstRequestMs: number;
  /** Module load + first request: what a cold start adds to the first invocation. */
  readonly initMs: number;
  readonly cpuMs: number;
}

export interface ColdStartReport {
  readonly runs: number;
  readonly bundles: BundleColdStart[];
  readonly subgraphBudgetBytes: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface InitSample {
  readonly moduleLoadMs: number;
  readonly firstRequestMs: number;
  readonly cpuMs: number;
}

/** One fresh process: import the bundle, then one request through its handler. */
function sampleInit(dir: string, event: unknown, env: Record<string, string>): InitSample {
  const script = [
    'const cpu = process.cpuUsage(), t0 = performance.now();',
    `const { handler } = await import(${JSON.stringify(pathToFileURL(join(dir, 'index.mjs')).href)});`,
    'const t1 = performance.now();',
    `const result = await handler(${JSON.stringify(event)}, { functionName: 'bench', awsRequestId: 'cold', getRemainingTimeInMillis: () => 30000 });`,
    'const t2 = performance.now(), used = process.cpuUsage(cpu);',
    'if (result.statusCode !== 200) { console.error(JSON.stringify(result)); process.exit(2); }',
    'console.log(JSON.stringify({ moduleLoadMs: t1 - t0, firstRequestMs: t2 - t1, cpuMs: (used.user + used.system) / 1000 }));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`Cold start of ${dir} failed:\n${run.stderr.slice(-2000)}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1)!) as InitSample;
}

export async function measureColdStart(log: (line: string) => void, runs = DEFAULT_COLD_RUNS): Promise<ColdStartReport> {
  log('\ncold start: building the bundles for this machine (x86_64)…');
  const bundles = await buildBundles({ outdir: OUT, architecture: 'x86_64' });
  const apolloDir = join(OUT, 'apollo-gateway');
  await bundle(join(ROOT, 'bench/cold-start/apollo-gateway-handler.ts'), apolloDir, { outdir: OUT, architecture: 'x86_64', sdk: 'bundled' });

  const keys = await generateDevKeys();
  const typename = async (headers: Record<string, string>) =>
    eventFromRequest(
      new Request('http://localhost/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: '{"query":"{ __typename }"}',
      }),
    );
  const quiet = {
    AWS_REGION: 'us-east-1',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    GATEWAY_LOG_LEVEL: 'silent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NODE_ENV: 'production',
  };
  const signingKey = await importGatewayPrivateKey(keys.gatewayPrivateKey);
  const client = await signDevToken(keys.issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'] });
  // The event is made for each sample: a gateway token lives 60 s, less than a long run takes.
  const measured: { name: string; dir: string; event: () => Promise<unknown>; env: Record<string, string> }[] = [
    ...Object.entries(bundles.subgraphs).map(([name, dir]) => ({
      name,
      dir,
      event: async () => typename({ authorization: `Bearer ${await signGatewayToken(signingKey, name, { roles: [] })}` }),
      env: { ...quiet, TABLE_NAME: name, GATEWAY_PUBLIC_KEY: keys.gatewayPublicKey },
    })),
    {
      name: 'gateway',
      dir: bundles.gateway,
      event: () => typename({ authorization: `Bearer ${client}` }),
      env: { ...quiet, GATEWAY_PRIVATE_KEY: keys.gatewayPrivateKey, JWT_ISSUER: DEV_ISSUER, JWT_AUDIENCE: DEV_AUDIENCE, JWT_PUBLIC_KEY: keys.issuerPublicKey },
    },
    { name: '@apollo/gateway (vanilla)', dir: apolloDir, event: () => typename({}), env: quiet },
  ];
  // Interleaved (every bundle once, then again…), so a change in the machine's load shifts all alike.
  const samples = measured.map((): InitSample[] => []);
  for (let run = 0; run < runs; run++) {
    for (const [i, m] of measured.entries()) samples[i]!.push(sampleInit(m.dir, await m.event(), m.env));
  }
  const results: BundleColdStart[] = measured.map(({ name, dir }, i) => {
    const size = bundleSize(dir);
    const moduleLoadMs = median(samples[i]!.map((s) => s.moduleLoadMs));
    const firstRequestMs = median(samples[i]!.map((s) => s.firstRequestMs));
    const cpuMs = median(samples[i]!.map((s) => s.cpuMs));
    return { bundle: name, rawBytes: size.raw, zippedBytes: size.zipped, moduleLoadMs, firstRequestMs, initMs: moduleLoadMs + firstRequestMs, cpuMs };
  });

  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  log(`\ncold start (median of ${runs} fresh processes; first request = { __typename } through the Lambda handler)`);
  log(
    `${'bundle'.padEnd(27)} ${'raw'.padStart(9)} ${'zipped'.padStart(9)} ${'load ms'.padStart(8)} ${'1st req'.padStart(8)} ${'init ms'.padStart(8)} ${'CPU ms'.padStart(7)}`,
  );
  for (const r of results) {
    const budget = r.bundle in bundles.subgraphs ? (r.zippedBytes <= SUBGRAPH_BUNDLE_BUDGET_BYTES ? '  ≤ 1 MB ✓' : '  > 1 MB ✗') : '';
    log(
      `${r.bundle.padEnd(27)} ${kib(r.rawBytes).padStart(9)} ${kib(r.zippedBytes).padStart(9)} ${r.moduleLoadMs.toFixed(0).padStart(8)} ${r.firstRequestMs.toFixed(0).padStart(8)} ${r.initMs.toFixed(0).padStart(8)} ${r.cpuMs.toFixed(0).padStart(7)}${budget}`,
    );
  }
  const ours = results.find((r) => r.bundle === 'gateway')!;
  const apollo = results.find((r) => r.bundle.startsWith('@apollo'))!;
  log(
    `Our gateway's init takes ${(ours.initMs / apollo.initMs).toFixed(2)}× the vanilla @apollo/gateway bundle's (${ours.initMs.toFixed(0)} against ${apollo.initMs.toFixed(0)} ms; CPU ${(ours.cpuMs / apollo.cpuMs).toFixed(2)}×, ${ours.cpuMs.toFixed(0)} against ${apollo.cpuMs.toFixed(0)} ms).`,
  );
  return { runs, bundles: results, subgraphBudgetBytes: SUBGRAPH_BUNDLE_BUDGET_BYTES };
}
