/**
 * `npm run bench`: our gateway side by side with @apollo/gateway and the default Hive Gateway, on
 * the same supergraph and the same subgraphs, at fixed concurrency, interleaved.
 *
 *   1. labor-cooperation: DynamoDB Local with the scale data (`.data/bench/`, seeded once by
 *      scripts/seed.ts), our three subgraphs' Lambda handlers each in a process, four operations;
 *   2. guild: The Guild's federation benchmark (bench/guild/), four tiny subgraphs, its nested query;
 *   3. cold start: each Lambda bundle's size, module load and first request, against a vanilla
 *      @apollo/gateway bundle built the same way.
 *
 * Prints a table per workload and writes bench/results.json and bench/results.svg (+ .png).
 * Options: --duration S (5) --connections N (20) --rounds N (2) --warmup S (1)
 *          --only labor|guild|cold --people N --employers N --postings N (the data scale)
 *          --cold-runs N (5: fresh processes per bundle for the cold start)
 *          --lambda-requests N (200: the Lambda shape's requests per operation)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SUPERGRAPH_FILE } from '../gateway/composition/compose.js';
import { signGatewayToken, importGatewayPrivateKey } from '../gateway/auth/subgraph-tokens.js';
import { withSubgraphUrls } from '../gateway/transport/supergraph-urls.js';
import { generateDevKeys, signDevToken, type DevKeys } from '../scripts/dev-keys.js';
import { freePort, startDynamoDbLocal, type DynamoDbLocal } from '../scripts/dynamodb-local.js';
import { generateScaleData, seedLocalDynamoDb, seedScaleData, type Scale } from '../scripts/seed.js';
import { tableNamesFor } from '../scripts/local-system.js';
import { LOCAL_REGION } from '../subgraphs/shared/dynamodb/config.js';
import { createDynamoClients } from '../subgraphs/shared/dynamodb/client.js';
import { PlacementRepository } from '../subgraphs/programs/placement-repository.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';
import { DEFAULT_COLD_RUNS, measureColdStart, type ColdStartReport } from './cold-start.js';
import type { EngineConfig, EngineName } from './engine-server.js';
import { GUILD_SUBGRAPHS } from './guild/subgraphs.js';
import { printLambdaShape } from './report.js';
import type { LambdaShapeConfig, LambdaShapeReport } from './lambda-shape.js';
import { measure, verifiedBody, type LoadOptions, type Measurement, type Target } from './load.js';
import { startProcess, stopAllOnExit, type BenchProcess } from './processes.js';
import { printTable, writeChart, type Workload } from './report.js';

const BENCH_DIR = fileURLToPath(new URL('.', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA_DIR = join(ROOT, '.data/bench');
/** The default data scale: a fiftieth of the issue's (DynamoDB Local writes a few hundred items a second here); `npm run seed` writes the whole. */
export const BENCH_SCALE: Scale = { people: 2_000, employers: 400, postings: 2_000 };
const ENGINES: readonly EngineName[] = ['ours', 'apollo', 'hive', 'bare'];
export const ENGINE_LABELS: Record<string, string> = {
  ours: '(a) our gateway',
  apollo: '(b) @apollo/gateway',
  hive: '(c) Hive Gateway (JS planner)',
  floor: '(d) one subgraph directly',
  bare: '(e) the bare engine (Hive Gateway runtime + Rust planner, documented JWT)',
};

const log = (line: string) => console.log(line);
const int = (value: string | undefined, fallback: number, name: string) => {
  const n = value === undefined ? fallback : Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${JSON.stringify(value)}.`);
  return n;
};

async function startEngines(supergraph: string, keys: DevKeys, tag: string, withoutDemandControl = false): Promise<Engines> {
  const supergraphFile = join(DATA_DIR, `supergraph-${tag}.graphql`);
  writeFileSync(supergraphFile, supergraph);
  const urls = {} as Record<EngineName, string>;
  const processes = await Promise.all(
    ENGINES.map(async (engine) => {
      const port = await freePort();
      const config: EngineConfig = {
        engine,
        supergraphFile,
        port,
        gatewayPrivateKey: keys.gatewayPrivateKey,
        issuerPublicKey: keys.issuerPublicKey,
        withoutDemandControl,
      };
      urls[engine] = `http://127.0.0.1:${port}/graphql`;
      // Ours writes its access log line per request, as deployed (to a file, see processes.ts).
      return startProcess(`${engine} gateway`, join(BENCH_DIR, 'engine-server.ts'), [], {
        BENCH_ENGINE: JSON.stringify(config),
        ...(engine === 'ours' ? { POWERTOOLS_LOG_LEVEL: 'INFO' } : {}),
      });
    }),
  );
  const cpuMs = Object.fromEntries(ENGINES.map((engine, i) => [engine, () => processes[i]!.cpuMs()])) as Engines['cpuMs'];
  return { urls, processes, cpuMs };
}

interface Engines {
  readonly urls: Record<EngineName, string>;
  readonly processes: BenchProcess[];
  /** Each engine process's CPU time so far (ms): the tables' CPU per request. */
  readonly cpuMs: Record<EngineName, () => number | undefined>;
}

interface Operation {
  readonly name: string;
  readonly description: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  /** A client token (people's data needs one). */
  readonly token?: string;
  /** The root subgraph's own part of the operation, sent to it directly: the floor. */
  readonly floor: { subgraph: string; query: string; variables?: Record<string, unknown> };
  // biome-ignore lint/suspicious/noExplicitAny: each operation's check reads its own answer's shape; the answers are compared byte for byte anyway
  readonly check: (data: any) => void;
  /**
   * Distinct requests: every request takes the next variables of this pool (thousands, shuffled),
   * so no two requests in flight are alike; the floor gets the same variables. Without it, every
   * request is the same (`variables`).
   */
  readonly pool?: readonly Record<string, unknown>[];
}

/** A distinct-request answer is good when it has data and no GraphQL errors. */
const answeredWithoutErrors = (text: string) => text.startsWith('{"data":') && !text.includes('"errors"');

/** The same pool order on every run (a seeded Fisher–Yates shuffle). */
function shuffled<T>(list: readonly T[], seed = 7): T[] {
  const out = [...list];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const expect = (condition: boolean, message: string) => {
  if (!condition) throw new Error(`Verification failed: ${message}`);
};

/** Builds the targets of one operation; the engines' answers must be equal before timing. */
async function targetsOf(operation: Operation, engines: Engines, floorUrl: string, keys: DevKeys): Promise<Target[]> {
  const pool = operation.pool;
  if (pool) {
    // Every gateway must answer a sample of the pool with the same data, besides the first entry below.
    for (const variables of pool.slice(1, 6))
      await targetsOf({ ...operation, pool: undefined, variables, floor: { ...operation.floor, variables } }, engines, floorUrl, keys);
    operation = { ...operation, variables: pool[0], floor: { ...operation.floor, variables: pool[0] } };
  }
  const body = JSON.stringify({ query: operation.query, variables: operation.variables ?? {} });
  const headers: Record<string, string> = operation.token ? { authorization: `Bearer ${operation.token}` } : {};
  const signingKey = await importGatewayPrivateKey(keys.gatewayPrivateKey);
  const gateways = ENGINES.map((engine) => ({
    engine,
    url: engines.urls[engine],
    request: async () => ({ headers, body }),
    expectBody: '',
    cpuMs: engines.cpuMs[engine],
  }));
  const floor = {
    engine: 'floor',
    url: floorUrl,
    // A fresh token per run: gateway tokens live 60 s.
    request: async () => ({
      headers: {
        authorization: `Bearer ${await signGatewayToken(signingKey, operation.floor.subgraph, { roles: ['caseworker'], provinces: ['500000'] }, 'bench')}`,
      },
      body: JSON.stringify({ query: operation.floor.query, variables: operation.floor.variables ?? {} }),
    }),
    expectBody: '',
  };
  const verified: Target[] = [];
  let reference: string | undefined;
  for (const target of [...gateways, floor]) {
    const text = await verifiedBody(target, target.engine === 'floor' ? () => undefined : operation.check);
    if (target.engine !== 'floor') {
      const data = JSON.stringify((JSON.parse(text) as { data: unknown }).data);
      if (reference !== undefined && data !== reference)
        throw new Error(`${operation.name}: ${target.engine} answered other data than ours; the comparison would not be fair.`);
      reference ??= data;
    }
    verified.push({
      ...target,
      expectBody: text,
      ...(pool
        ? {
            bodies: pool.map((variables) => JSON.stringify({ query: target.engine === 'floor' ? operation.floor.query : operation.query, variables })),
            verify: answeredWithoutErrors,
          }
        : {}),
    });
  }
  return verified;
}

async function laborCooperation(
  keys: DevKeys,
  scale: Scale,
  load: LoadOptions,
  lambdaRequests: number,
): Promise<{ workload: Workload; lambdaShape?: LambdaShapeReport }> {
  let dynamo: DynamoDbLocal | undefined;
  let endpoint = process.env.DYNAMODB_ENDPOINT;
  const dataDir = join(DATA_DIR, 'dynamodb');
  if (!endpoint) {
    dynamo = await startDynamoDbLocal({ dataDir, timeoutMs: 180_000 });
    endpoint = dynamo.endpoint;
  }
  const processes: BenchProcess[] = [];
  try {
    const data = generateScaleData(scale);
    const tableNames = tableNamesFor('');
    let clients = createDynamoClients({ endpoint, region: LOCAL_REGION });
    // Seeded already when the last placement is there (items are written table by table, programs last).
    const last = data.placements.at(-1)!;
    const stored = await new PlacementRepository(clients.documents, tableNames.programs!).get(last.id).catch(() => null);
    if (!stored) {
      log(`Seeding the scale data (${scale.people} people, ${scale.employers} employers, ${scale.postings} postings); kept in .data/bench/ for the next run.`);
      if (dynamo) {
        // Loaded on a tmpfs copy of the data folder with the streams off (scripts/seed.ts seedLocalDynamoDb).
        clients.client.destroy();
        await dynamo.stop();
        const report = await seedLocalDynamoDb({ dataDir, tableNames, scale, progress: true });
        log(
          `Seeded ${report.items} items in ${report.totalSeconds.toFixed(0)} s (${report.seconds.toFixed(0)} s writing, ${Math.round(report.itemsPerSecond)} items/s).`,
        );
        dynamo = await startDynamoDbLocal({ dataDir, timeoutMs: 180_000 });
        endpoint = dynamo.endpoint;
        clients = createDynamoClients({ endpoint, region: LOCAL_REGION });
      } else {
        const report = await seedScaleData({ clients, endpoint, tableNames, scale, progress: true });
        log(`Seeded ${report.items} items in ${report.seconds.toFixed(0)} s (${Math.round(report.itemsPerSecond)} items/s).`);
      }
    }
    clients.client.destroy();

    const subgraphUrls: Record<string, string> = {};
    for (const entry of subgraphList) {
      const port = await freePort();
      subgraphUrls[entry.name] = `http://127.0.0.1:${port}/graphql`;
      processes.push(
        await startProcess(`${entry.name} subgraph`, join(BENCH_DIR, 'subgraph-server.ts'), [entry.name, String(port)], {
          DYNAMODB_ENDPOINT: endpoint,
          GATEWAY_PUBLIC_KEY: keys.gatewayPublicKey,
        }),
      );
    }
    const engines = await startEngines(withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), subgraphUrls), keys, 'labor');
    processes.push(...engines.processes);

    // The busiest fair, worker and program of the scale data.
    const fair = [...data.events].sort((a, b) => b.participants.flatMap((p) => p.postingIds).length - a.participants.flatMap((p) => p.postingIds).length)[0]!;
    const placementsOf = new Map<string, number>();
    for (const p of data.placements) placementsOf.set(p.personId, (placementsOf.get(p.personId) ?? 0) + 1);
    const worker = [...placementsOf].sort((a, b) => b[1] - a[1])[0]![0];
    const program = data.programs[0]!;
    const caseworker = await signDevToken(keys.issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'], subject: 'bench' });

    const operations: Operation[] = [
      {
        name: 'postings',
        description: 'same request on every connection: 100 job postings with their employers and placement counts',
        query: '{ jobPostings(first: 100) { edges { node { id title monthlyWageMinYuan employer { name } placementCounts { intentions hires } } } } }',
        floor: { subgraph: 'employers', query: '{ jobPostings(first: 100) { edges { node { id title monthlyWageMinYuan employer { name } } } } }' },
        check: (d) => expect(d.jobPostings.edges.length === 100, '100 postings'),
      },
      {
        name: 'fair',
        description: `same request on every connection: a fair → its ${fair.participants.flatMap((p) => p.postingIds).length} postings → employers`,
        query: 'query ($id: ID!) { recruitmentEvent(id: $id) { name offeredPostings { title monthlyWageMinYuan employer { name } } } }',
        variables: { id: fair.id },
        floor: { subgraph: 'programs', query: 'query ($id: ID!) { recruitmentEvent(id: $id) { name offeredPostings { id } } }', variables: { id: fair.id } },
        check: (d) => expect(d.recruitmentEvent.offeredPostings.length > 0, 'the fair offers postings'),
      },
      {
        name: 'worker',
        description: `same request on every connection: a person → ${placementsOf.get(worker)} placements → posting → employer (caseworker token)`,
        query: 'query ($id: ID!) { person(id: $id) { name hometown { county } placements { status posting { title employer { name } } } } }',
        variables: { id: worker },
        token: caseworker,
        floor: { subgraph: 'people', query: 'query ($id: ID!) { person(id: $id) { id name hometown { county } } }', variables: { id: worker } },
        check: (d) => expect(d.person.placements.length === placementsOf.get(worker), 'every placement of the person'),
      },
      {
        name: 'programStatistics',
        description: 'same request on every connection: program statistics by county, with 20 fairs and their statistics',
        query:
          'query ($id: ID!) { program(id: $id) { name statistics { employers positionsOffered intentions registeredPoorIntentions hires registrations averageMonthlyWageUpliftYuan bySendingCounty { sendingCounty { code name } intentions hires } } events(first: 20) { edges { node { name statistics { intentions hires } } } } } }',
        variables: { id: program.id },
        floor: { subgraph: 'programs', query: '', variables: { id: program.id } },
        check: (d) => expect(d.program.statistics.intentions > 0, 'the program has intentions'),
      },
    ];
    const programsOp = operations[3]!;
    Object.assign(programsOp.floor, { query: programsOp.query });

    // Distinct requests: every request its own variables. Postings: filters (none, each city, each
    // occupation, minimum wages) × page sizes × cursors walked through the connection beforehand.
    const postingsQuery =
      'query ($first: Int, $after: String, $filter: JobPostingsFilter) { jobPostings(first: $first, after: $after, filter: $filter) { edges { cursor node { id title monthlyWageMinYuan employer { name } placementCounts { intentions hires } } } } }';
    const postingsFloorQuery =
      'query ($first: Int, $after: String, $filter: JobPostingsFilter) { jobPostings(first: $first, after: $after, filter: $filter) { edges { cursor node { id title monthlyWageMinYuan employer { name } } } } }';
    const filters: Record<string, unknown>[] = [
      {},
      ...[...new Set(data.postings.map((p) => p.workplaceCode))].map((workplaceCityCode) => ({ workplaceCityCode })),
      ...[...new Set(data.postings.map((p) => p.occupation))].map((occupation) => ({ occupation })),
      ...Array.from({ length: 36 }, (_, i) => ({ minimumMonthlyWageYuan: 2_500 + i * 100 })),
    ];
    const postingsPool: Record<string, unknown>[] = [];
    for (const [f, filter] of filters.entries()) {
      let after: string | undefined;
      // Cursors of the first pages of each filter (all of them for the unfiltered list, capped for the rest).
      for (let page = 0; page < (f === 0 ? 60 : 4); page++) {
        for (const first of [10, 20, 30, 40, 50]) postingsPool.push({ first, filter, ...(after ? { after } : {}) });
        const response = await fetch(engines.urls.ours, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            query: 'query ($after: String, $filter: JobPostingsFilter) { jobPostings(first: 20, after: $after, filter: $filter) { edges { cursor } } }',
            variables: { filter, after },
          }),
        });
        const edges = ((await response.json()) as { data: { jobPostings: { edges: { cursor: string }[] } } }).data.jobPostings.edges;
        if (edges.length < 20) break;
        after = edges.at(-1)!.cursor;
      }
    }
    const workerQuery = operations[2]!.query;
    operations.push(
      {
        name: 'postings-distinct',
        description: `job postings with employers and placement counts; every request its own filter, page size and cursor (pool of ${postingsPool.length})`,
        query: postingsQuery,
        floor: { subgraph: 'employers', query: postingsFloorQuery },
        pool: shuffled(postingsPool),
        check: (d) => expect(Array.isArray(d.jobPostings.edges), 'a page of postings'),
      },
      {
        name: 'worker-distinct',
        description: `a person → placements → posting → employer; every request another of ${data.people.length} people (caseworker token)`,
        query: workerQuery,
        token: caseworker,
        floor: { subgraph: 'people', query: 'query ($id: ID!) { person(id: $id) { id name hometown { county } } }' },
        pool: shuffled(data.people.map((p) => ({ id: p.id }))),
        check: (d) => expect(typeof d.person.name === 'string', 'the person'),
      },
    );

    log(
      `\nlabor-cooperation: ${operations.length} operations, ${load.connections} connections, ${load.rounds} rounds of ${load.durationSeconds} s per engine and operation`,
    );
    const targets = await Promise.all(
      operations.map(async (op) => ({ name: op.name, targets: await targetsOf(op, engines, subgraphUrls[op.floor.subgraph]!, keys) })),
    );
    log('Every engine answered every operation with the same data; timing…');
    const measurements = await measure(targets, load, log);
    const lambdaShape =
      lambdaRequests > 0
        ? await measureLambdaShape(
            endpoint,
            keys,
            operations.filter((o) => o.pool),
            lambdaRequests,
          )
        : undefined;
    const workload: Workload = {
      name: 'labor-cooperation',
      description: `DynamoDB Local with ${scale.people} people, ${scale.employers} employers, ${scale.postings} postings`,
      operations: operations.map((o) => ({ name: o.name, description: o.description })),
      measurements,
    };
    return { workload, ...(lambdaShape ? { lambdaShape } : {}) };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await dynamo?.stop();
  }
}

/**
 * The Lambda shape (bench/lambda-shape.ts): one request at a time through our gateway's handler and
 * invoke transport to the subgraphs' handlers (bench/lambda-invoke-server.ts), each against the root
 * subgraph called directly, with the distinct-request pools.
 */
async function measureLambdaShape(endpoint: string, keys: DevKeys, operations: readonly Operation[], requests: number): Promise<LambdaShapeReport> {
  const processes: BenchProcess[] = [];
  try {
    const port = await freePort();
    processes.push(
      await startProcess('lambda subgraphs', join(BENCH_DIR, 'lambda-invoke-server.ts'), [String(port)], {
        DYNAMODB_ENDPOINT: endpoint,
        GATEWAY_PUBLIC_KEY: keys.gatewayPublicKey,
      }),
    );
    const out = join(DATA_DIR, 'lambda-shape.json');
    const config: LambdaShapeConfig = {
      invokeEndpoint: `http://127.0.0.1:${port}`,
      supergraphFile: SUPERGRAPH_FILE,
      subgraphs: subgraphList.map((s) => s.name),
      gatewayPrivateKey: keys.gatewayPrivateKey,
      issuerPublicKey: keys.issuerPublicKey,
      operations: operations.map((o) => ({
        name: o.name,
        query: o.query,
        ...(o.token ? { token: o.token } : {}),
        floor: { subgraph: o.floor.subgraph, query: o.floor.query },
        pool: o.pool!.slice(0, requests + 20),
      })),
      requests,
      warmup: 20,
      out,
    };
    log(
      `\nlambda shape: ${requests} requests one at a time per operation, through the gateway's handler and invoke transport, each against the subgraph directly`,
    );
    // Ours writes its access log line per request, as deployed.
    const shape = await startProcess(
      'lambda gateway',
      join(BENCH_DIR, 'lambda-shape.ts'),
      [],
      { BENCH_LAMBDA: JSON.stringify(config), POWERTOOLS_LOG_LEVEL: 'INFO' },
      900_000,
    );
    processes.push(shape);
    return JSON.parse(readFileSync(out, 'utf8')) as LambdaShapeReport;
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}

async function guild(keys: DevKeys, load: LoadOptions): Promise<Workload> {
  const processes: BenchProcess[] = [];
  try {
    const urls: Record<string, string> = {};
    for (const name of GUILD_SUBGRAPHS) {
      const port = await freePort();
      urls[name] = `http://127.0.0.1:${port}/graphql`;
      processes.push(await startProcess(`guild ${name}`, join(BENCH_DIR, 'guild/subgraphs.ts'), [name, String(port)], {}));
    }
    const supergraph = withSubgraphUrls(readFileSync(join(BENCH_DIR, 'guild/supergraph.graphql'), 'utf8'), urls);
    // The Guild's schema sizes none of its lists: at the assumed 20 per list its six nested lists
    // estimate 353,640 against our budget of 5,000, so ours runs it without a cost limit, like (b) and (c).
    const engines = await startEngines(supergraph, keys, 'guild', true);
    processes.push(...engines.processes);
    const expected = JSON.stringify((JSON.parse(readFileSync(join(BENCH_DIR, 'guild/expected-response.json'), 'utf8')) as { data: unknown }).data);
    const operation: Operation = {
      name: 'guild',
      description: "The Guild's TestQuery: users → reviews → product → reviews → author → reviews → product",
      query: readFileSync(join(BENCH_DIR, 'guild/query.graphql'), 'utf8'),
      floor: { subgraph: 'products', query: '{ topProducts { upc name price weight } }' },
      check: (data) => expect(JSON.stringify(data) === expected, 'the response equals bench/guild/expected-response.json'),
    };
    log(`\nguild: ${load.connections} connections, ${load.rounds} rounds of ${load.durationSeconds} s per engine`);
    const targets = [{ name: operation.name, targets: await targetsOf(operation, engines, urls.products!, keys) }];
    log('Every engine answered with expected-response.json; timing…');
    const measurements = await measure(targets, load, log);
    return {
      name: 'guild',
      description: 'The Guild federation benchmark shape: 4 small in-process subgraphs, no database',
      operations: [{ name: operation.name, description: operation.description }],
      measurements,
    };
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      warmup: { type: 'string' },
      only: { type: 'string' },
      people: { type: 'string' },
      employers: { type: 'string' },
      postings: { type: 'string' },
      'lambda-requests': { type: 'string' },
      'cold-runs': { type: 'string' },
    },
  });
  // A comma-separated list: `--only labor,guild` skips the cold start.
  const onlyList = values.only?.split(',').map((w) => w.trim());
  if (onlyList && !onlyList.every((w) => ['labor', 'guild', 'cold'].includes(w)))
    throw new Error(`--only must list labor, guild or cold, got ${JSON.stringify(values.only)}.`);
  const runs = (workload: string) => !onlyList || onlyList.includes(workload);
  const only = onlyList?.join('-');
  const load: LoadOptions = {
    durationSeconds: int(values.duration, 5, 'duration'),
    connections: int(values.connections, 20, 'connections'),
    rounds: int(values.rounds, 2, 'rounds'),
    warmupSeconds: int(values.warmup, 1, 'warmup'),
  };
  const scale: Scale = {
    people: int(values.people, BENCH_SCALE.people, 'people'),
    employers: int(values.employers, BENCH_SCALE.employers, 'employers'),
    postings: int(values.postings, BENCH_SCALE.postings, 'postings'),
  };
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  mkdirSync(DATA_DIR, { recursive: true });
  stopAllOnExit();
  const started = Date.now();
  // Other work on the machine slows every engine alike (runs are interleaved) but lowers every figure.
  const loadAverage = loadavg().map((l) => Number(l.toFixed(2)));
  log(`Load average at start: ${loadAverage.join(', ')} on ${cpus().length} cores.`);
  const keys = await generateDevKeys();
  const workloads: Workload[] = [];
  let lambdaShape: LambdaShapeReport | undefined;
  if (runs('labor')) {
    const labor = await laborCooperation(keys, scale, load, int(values['lambda-requests'], 200, 'lambda-requests'));
    workloads.push(labor.workload);
    lambdaShape = labor.lambdaShape;
  }
  if (runs('guild')) workloads.push(await guild(keys, load));
  let coldStart: ColdStartReport | undefined;
  if (runs('cold')) coldStart = await measureColdStart(log, int(values['cold-runs'], DEFAULT_COLD_RUNS, 'cold-runs'));

  for (const workload of workloads) printTable(workload, log);
  if (lambdaShape) printLambdaShape(lambdaShape, log);
  const results = {
    command: `npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverageAtStart: loadAverage, loadAverageAtEnd: loadavg().map((l) => Number(l.toFixed(2))) },
    load,
    engines: ENGINE_LABELS,
    workloads,
    ...(lambdaShape ? { lambdaShape } : {}),
    ...(coldStart ? { coldStart } : {}),
  };
  const resultsFile = join(BENCH_DIR, only ? `results-${only}.json` : 'results.json');
  writeFileSync(resultsFile, `${JSON.stringify(results, null, 2)}\n`);
  log(`\nWrote ${resultsFile.slice(ROOT.length)}`);
  if (workloads.length > 0) {
    const chart = await writeChart(workloads, join(BENCH_DIR, only ? `results-${only}` : 'results'));
    log(`Wrote ${chart.map((f) => f.slice(ROOT.length)).join(' and ')}`);
  }
  log(`Benchmark finished in ${((Date.now() - started) / 1000).toFixed(0)} s.`);
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    console.error(`npm run bench failed: ${error.stack ?? error.message}`);
    process.exit(1);
  },
);

export type { Measurement };
