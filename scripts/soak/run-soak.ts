/**
 * One soak run: its own DynamoDB Local (in memory, a free port), a fault proxy in front of it per
 * process, every subgraph and the stream poller as child processes (so they can be killed mid-work),
 * the gateway in this process, the workload through the gateway, then — faults off and the streams
 * drained — the invariant checks on the tables. `npm run soak` prints it; test/soak/soak.test.ts
 * asserts on it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createDynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { generateDevKeys } from '../dev-keys.js';
import { freePort, startDynamoDbLocal } from '../dynamodb-local.js';
import { startLocalSystem } from '../local-system.js';
import { startStreamPoller } from '../stream-poller.js';
import type { ChildMessage } from './child.js';
import { FAULT_KINDS, NO_FAULTS, SOAK_FAULT_RATES, startFaultProxy, type FaultKind, type FaultProxy } from './fault-proxy.js';
import { gatewayClient } from './gateway-client.js';
import { checkInvariants, type InvariantResult } from './invariants.js';
import { SeededRandom } from '../demo/seeded-random.js';
import { prepareWorkload, type WorkStats } from './workload.js';

export interface SoakOptions {
  readonly durationMs: number;
  readonly faults: boolean;
  readonly seed: number;
  /** Multiplies every fault rate of SOAK_FAULT_RATES (default 1). */
  readonly faultScale?: number;
  readonly concurrency?: number;
  /** How often a subgraph and the poller are killed, when `faults` is on. */
  readonly killEveryMs?: number;
  /** Called about once a second with the progress line. */
  readonly onProgress?: (line: string) => void;
  readonly log?: (line: string) => void;
}

export type InjectedFaults = Record<FaultKind | 'subgraphKilled' | 'pollerKilled', number>;

export interface SoakReport {
  readonly seed: number;
  readonly elapsedMs: number;
  readonly work: WorkStats;
  readonly races: number;
  readonly faults: InjectedFaults;
  readonly dynamoRequests: number;
  readonly invariants: InvariantResult[];
  readonly violations: number;
}

const CHILD = fileURLToPath(new URL('./child.ts', import.meta.url));
const TABLE_PREFIX = 'soak-';

interface Child {
  process: ChildProcess;
  /** Resolves when it reported ready; rejects when it exited first. */
  ready: Promise<void>;
}

function startChild(args: string[], env: Record<string, string>, onMessage?: (message: ChildMessage) => void): Child {
  const child = fork(CHILD, args, {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') resolve();
      onMessage?.(message);
    });
    child.once('exit', (code, signal) => reject(new Error(`soak child ${args.join(' ')} exited (${signal ?? code}) before it was ready: ${stderr.trim()}`)));
  });
  ready.catch(() => undefined);
  return { process: child, ready };
}

const killed = (child: Child) =>
  new Promise<void>((resolve) => {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return resolve();
    child.process.once('exit', () => resolve());
    child.process.kill('SIGKILL');
  });

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  // The report and the progress line are the output; per-request logs of the gateway and subgraphs would drown them.
  process.env.GATEWAY_LOG_LEVEL ??= 'silent';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const random = new SeededRandom(options.seed);
  const began = Date.now();
  // DynamoDB Local's port is chosen first, so the proxies and the children (whose TypeScript takes
  // a while to load) start while DynamoDB Local does.
  const dynamoPort = await freePort();
  const dynamoEndpoint = `http://localhost:${dynamoPort}`;
  const proxies: Record<string, FaultProxy> = {};
  for (const name of [...subgraphList.map((s) => s.name), 'poller']) {
    proxies[name] = await startFaultProxy({
      target: dynamoEndpoint,
      random: new SeededRandom(options.seed + name.length * 7919 + Object.keys(proxies).length),
    });
  }
  const keys = await generateDevKeys();
  const envFor = (name: string) => ({ DYNAMODB_ENDPOINT: proxies[name]!.url, SOAK_TABLE_PREFIX: TABLE_PREFIX, GATEWAY_PUBLIC_KEY: keys.gatewayPublicKey });

  const ports = Object.fromEntries(await Promise.all(subgraphList.map(async (s) => [s.name, await freePort()] as const)));
  const subgraphs: Record<string, Child> = {};
  let poller: Child | undefined;
  let system: Awaited<ReturnType<typeof startLocalSystem>> | undefined;
  const faults: InjectedFaults = { ...(Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>), subgraphKilled: 0, pollerKilled: 0 };
  const injectedNow = () => {
    for (const kind of FAULT_KINDS) faults[kind] = Object.values(proxies).reduce((sum, p) => sum + p.injected[kind], 0);
    return faults;
  };

  let killPollerOnBatch = false;
  const startPoller = () => {
    const child = startChild(['poller'], envFor('poller'), (message) => {
      if (message.type !== 'batch-start' || !killPollerOnBatch) return;
      killPollerOnBatch = false;
      // Partway into applying the batch: some of its records applied, the rest not.
      setTimeout(
        () => {
          faults.pollerKilled++;
          void killed(child).then(() => {
            poller = startPoller();
          });
        },
        random.int(0, 14),
      );
    });
    return child;
  };

  let dynamo: Awaited<ReturnType<typeof startDynamoDbLocal>> | undefined;
  try {
    for (const s of subgraphList) subgraphs[s.name] = startChild(['subgraph', s.name, String(ports[s.name])], envFor(s.name));
    // On a busy machine DynamoDB Local has taken over 40 s to answer.
    dynamo = await startDynamoDbLocal({ port: dynamoPort, timeoutMs: 180_000 });
    log(`DynamoDB Local for the soak at ${dynamo.endpoint} (in memory).`);
    // Tables first (the poller needs them), through the system's own start-up, then the poller.
    system = await startLocalSystem({
      dynamoEndpoint: dynamo.endpoint,
      tablePrefix: TABLE_PREFIX,
      servedElsewhere: Object.fromEntries(subgraphList.map((s) => [s.name, `http://127.0.0.1:${ports[s.name]}/graphql`])),
      gatewayPort: 0,
      loadDemoData: false,
      keys,
      production: false,
      log,
    });
    await Promise.all(Object.values(subgraphs).map((c) => c.ready));
    poller = startPoller();
    await poller.ready;
    log(`Gateway at ${system.gatewayUrl}; subgraphs and the stream poller in their own processes.`);

    const send = gatewayClient(system.gatewayUrl);
    const workload = await prepareWorkload({ send, issuerPrivateKey: keys.issuerPrivateKey, random });
    log('Set-up done: a program, a fair, 4 employers with 5 small postings each.');

    const scale = options.faultScale ?? 1;
    const rates = Object.fromEntries(Object.entries(SOAK_FAULT_RATES).map(([kind, rate]) => [kind, rate * scale])) as unknown as typeof SOAK_FAULT_RATES;
    if (options.faults) for (const proxy of Object.values(proxies)) proxy.setRates(rates);
    const workStarted = Date.now();
    const deadline = workStarted + options.durationMs;
    let done = false;

    // Faults of processes: every `killEveryMs`, a subgraph killed while it waits for DynamoDB (mid-request), and the poller mid-batch.
    const killEvery = options.killEveryMs ?? 30_000;
    const chaos = (async () => {
      if (!options.faults) return;
      let round = 0;
      while (!done) {
        await new Promise((r) => setTimeout(r, killEvery / 3 + random.int(0, killEvery / 2 - 1)));
        if (done) break;
        const name = subgraphList[round++ % subgraphList.length]!.name;
        const until = Date.now() + 3000;
        while (proxies[name]!.inFlight === 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 1));
        await killed(subgraphs[name]!);
        faults.subgraphKilled++;
        subgraphs[name] = startChild(['subgraph', name, String(ports[name])], envFor(name));
        await subgraphs[name]!.ready;
      }
    })();
    // The poller: killed in the first batch it starts after each interval.
    const pollerChaos = (async () => {
      if (!options.faults) return;
      while (!done) {
        await new Promise((r) => setTimeout(r, killEvery / 3 + random.int(0, killEvery / 2 - 1)));
        killPollerOnBatch = true;
      }
    })();

    const progress = setInterval(() => {
      const seconds = (Date.now() - workStarted) / 1000;
      const stats = workload.stats;
      const errors = Object.entries(stats.byCode)
        .filter(([code]) => code !== 'OK')
        .sort((a, b) => b[1] - a[1])
        .map(([code, n]) => `${code} ${n}`)
        .join(', ');
      const f = injectedNow();
      const injected = Object.values(f).reduce((s, n) => s + n, 0);
      options.onProgress?.(
        `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')} ops ${stats.operations} (${(stats.operations / Math.max(1, seconds)).toFixed(0)}/s) ` +
          `ok ${stats.byOutcome.ok} · errors ${errors || 'none'} · faults ${injected} (kills: subgraph ${f.subgraphKilled}, poller ${f.pollerKilled})`,
      );
    }, 1000);
    await workload.run(() => Date.now() >= deadline, options.concurrency ?? 8);
    done = true;
    clearInterval(progress);
    await Promise.all([chaos, pollerChaos]);
    killPollerOnBatch = false;
    const workMs = Date.now() - workStarted;

    // Faults off; then the poller drains: read every stream to its end until a full pass finds nothing new.
    for (const proxy of Object.values(proxies)) proxy.setRates(NO_FAULTS);
    await killed(poller!);
    log(`Work done in ${(workMs / 1000).toFixed(0)} s; draining the streams…`);
    const direct = createDynamoClients({ endpoint: dynamo.endpoint, region: LOCAL_REGION });
    for (const entry of subgraphList) {
      if (!entry.projections) continue;
      const drain = await startStreamPoller({
        client: direct.client,
        tableNames: [...new Set(entry.projections.items.map(({ subgraph }) => system!.tableNames[subgraph]!))],
        apply: entry.projections.createApply({ documents: direct.documents, tableName: system.tableNames[entry.name]! }),
        intervalMs: 60_000,
      });
      while ((await drain.catchUp()) > 0);
      drain.stop();
    }
    const invariants = await checkInvariants(direct.documents, system.tableNames, workload.ledger);
    direct.client.destroy();
    return {
      seed: options.seed,
      elapsedMs: Date.now() - began,
      work: workload.stats,
      races: workload.ledger.races,
      faults: injectedNow(),
      dynamoRequests: Object.values(proxies).reduce((s, p) => s + p.requests, 0),
      invariants,
      violations: invariants.reduce((s, i) => s + i.violations.length, 0),
    };
  } finally {
    await Promise.all([...Object.values(subgraphs), ...(poller ? [poller] : [])].map(killed));
    await system?.stop();
    await Promise.all(Object.values(proxies).map((p) => p.close()));
    await dynamo?.stop();
  }
}

/** The report as `npm run soak` prints it. */
export function formatReport(report: SoakReport): string[] {
  const lines: string[] = [];
  const { work } = report;
  lines.push(`Seed ${report.seed}; ${(report.elapsedMs / 1000).toFixed(0)} s in all.`);
  lines.push(
    `Operations: ${work.operations} (ok ${work.byOutcome.ok}, refused ${work.byOutcome.refused}, uncertain ${work.byOutcome.uncertain}); ${report.races} racing move pairs.`,
  );
  lines.push(
    `  by operation: ${Object.entries(work.byOperation)
      .sort((a, b) => b[1] - a[1])
      .map(([op, n]) => `${op} ${n}`)
      .join(', ')}`,
  );
  lines.push(
    `  by code: ${Object.entries(work.byCode)
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(', ')}`,
  );
  lines.push(
    `Faults injected (of ${report.dynamoRequests} DynamoDB requests): ${Object.entries(report.faults)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}`,
  );
  lines.push('Invariants:');
  for (const i of report.invariants) {
    lines.push(
      `  ${i.violations.length === 0 ? 'ok  ' : 'FAIL'} ${i.name} (${i.checked} checked${i.violations.length ? `, ${i.violations.length} violations` : ''})`,
    );
    for (const v of i.violations.slice(0, 20)) lines.push(`         ${v}`);
    if (i.violations.length > 20) lines.push(`         … and ${i.violations.length - 20} more`);
  }
  lines.push(`Violations: ${report.violations}`);
  return lines;
}
