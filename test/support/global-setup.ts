import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { generateDevKeys, type DevKeys } from '../../scripts/dev-keys.js';
import { startDynamoDbLocal, type DynamoDbLocal } from '../../scripts/dynamodb-local.js';
import { createTablesWithDemoData, tableNamesFor } from '../../scripts/local-system.js';
import { DEMO_STATUS_FILE, INTEGRATION_WORKERS, SHARED_DEMO_PREFIX } from './shared-demo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** One empty DynamoDB Local per integration worker (runDynamoEndpoint picks this file's). */
    dynamoEndpoints: string[];
    /** The DynamoDB Local holding the shared demo tables (sharedDemoEndpoint waits until they are loaded). */
    demoEndpoint: string;
    /** The folder where the demo load writes its outcome (DEMO_STATUS_FILE). */
    demoStatusDir: string;
    /** Key pairs made for this run: the gateway's and a development identity provider's. */
    keys: DevKeys;
  }
}

interface SharedDynamo {
  readonly endpoints: string[];
  readonly demoEndpoint: string;
  readonly statusDir: string;
  /** Projects (integration, browser) using it: the last one to finish stops it. */
  users: number;
  stop(): Promise<void>;
}

/**
 * The run's DynamoDB Locals, started by the first project that asks: vitest runs each project's
 * global setup in its own module instance of this file, so the one instance lives on globalThis (the
 * main process is shared by all projects).
 *
 * - one per integration worker, empty: each file makes tables of its own there, and no two files
 *   share one (DynamoDB Local serializes writers on one SQLite lock; two files loading data at once
 *   time out waiting for it);
 * - one for the demo data, loaded once per run into tables every file may read (SHARED_DEMO_PREFIX),
 *   in the background: the load keeps one core busy for about a minute (DynamoDB Local's Java thread),
 *   while the unit files and the integration files with tables of their own use the other. Files
 *   that read the demo wait for it (sharedDemoEndpoint) and run last (test/support/sequencer.ts).
 */
const RUN_DYNAMO = Symbol.for('labor-cooperation-graph.test.dynamo');
type WithDynamo = typeof globalThis & { [RUN_DYNAMO]?: Promise<SharedDynamo> };

// A JVM on a busy 2-core CI machine has been seen to take over 30 s (the default) to answer.
const JVM_START_TIMEOUT_MS = 120_000;

async function startRunDynamo(): Promise<SharedDynamo> {
  const statusDir = mkdtempSync(join(tmpdir(), 'labor-test-demo-'));
  const started = Date.now();
  const results = await Promise.allSettled(Array.from({ length: INTEGRATION_WORKERS + 1 }, () => startDynamoDbLocal({ timeoutMs: JVM_START_TIMEOUT_MS })));
  const running = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) {
    await Promise.all(running.map((dynamo) => dynamo.stop())); // else the Java processes keep vitest from exiting
    throw failed.reason;
  }
  const [demo, ...workers] = running as [DynamoDbLocal, ...DynamoDbLocal[]];
  console.log(`${running.length} DynamoDB Locals (one per integration worker, one for the demo data) answered in ${Date.now() - started} ms.`);

  const load = (async () => {
    const loadStarted = Date.now();
    try {
      await createTablesWithDemoData(demo.endpoint, tableNamesFor(SHARED_DEMO_PREFIX));
      writeFileSync(join(statusDir, DEMO_STATUS_FILE), JSON.stringify({ loaded: true }));
      console.log(`Shared demo data loaded in ${((Date.now() - loadStarted) / 1000).toFixed(1)} s, beside the first test files.`);
    } catch (error) {
      writeFileSync(join(statusDir, DEMO_STATUS_FILE), JSON.stringify({ loaded: false, error: (error as Error).stack ?? String(error) }));
      console.error(`The shared demo data failed to load: ${(error as Error).message}`);
    }
  })();
  return {
    endpoints: workers.map((dynamo) => dynamo.endpoint),
    demoEndpoint: demo.endpoint,
    statusDir,
    users: 0,
    async stop() {
      await load; // never stop DynamoDB Local under a load still writing
      await Promise.all(running.map((dynamo) => dynamo.stop()));
      rmSync(statusDir, { recursive: true, force: true });
    },
  };
}

/** Starts the run's DynamoDB Locals on free ports (or uses DYNAMODB_ENDPOINT, as it is, for everything), and makes keys. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  project.provide('keys', await generateDevKeys());
  if (process.env.DYNAMODB_ENDPOINT) {
    // Someone else's DynamoDB (e.g. a test run nested in another's, test/partners/subgraph-scaffold):
    // files reading the demo tables find them as that DynamoDB has them; none is loaded here.
    const statusDir = mkdtempSync(join(tmpdir(), 'labor-test-demo-'));
    writeFileSync(join(statusDir, DEMO_STATUS_FILE), JSON.stringify({ loaded: true }));
    project.provide('dynamoEndpoints', [process.env.DYNAMODB_ENDPOINT]);
    project.provide('demoEndpoint', process.env.DYNAMODB_ENDPOINT);
    project.provide('demoStatusDir', statusDir);
    return;
  }
  const shared = globalThis as WithDynamo;
  shared[RUN_DYNAMO] ??= startRunDynamo();
  const dynamo = await shared[RUN_DYNAMO];
  dynamo.users += 1;
  project.provide('dynamoEndpoints', dynamo.endpoints);
  project.provide('demoEndpoint', dynamo.demoEndpoint);
  project.provide('demoStatusDir', dynamo.statusDir);
  return async () => {
    dynamo.users -= 1;
    if (dynamo.users > 0) return;
    delete shared[RUN_DYNAMO];
    await dynamo.stop();
  };
}
