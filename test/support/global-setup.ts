import type { TestProject } from 'vitest/node';
import { generateDevKeys, type DevKeys } from '../../scripts/dev-keys.js';
import { startDynamoDbLocal } from '../../scripts/dynamodb-local.js';
import { loadDemoData, tableNamesFor } from '../../scripts/local-system.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { createDynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { createTables } from '../../subgraphs/shared/dynamodb/table-definition.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { SHARED_DEMO_PREFIX } from './shared-demo.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** Key pairs made for this run: the gateway's and a development identity provider's. */
    keys: DevKeys;
  }
}

/**
 * The demo data, loaded once per run into tables every test file may read (SHARED_DEMO_PREFIX):
 * loading it per file took longer than the tests themselves. Files that need a clean slate use
 * tables of their own.
 */
async function loadSharedDemoData(endpoint: string) {
  const started = Date.now();
  const clients = createDynamoClients({ endpoint, region: LOCAL_REGION });
  const tableNames = tableNamesFor(SHARED_DEMO_PREFIX);
  await createTables(
    clients.client,
    subgraphList.map((s) => ({ definition: s.table, tableName: tableNames[s.name]! })),
    { endpoint },
  );
  await loadDemoData(clients, tableNames);
  clients.client.destroy();
  console.log(`Shared demo data loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

interface SharedDynamo {
  readonly endpoint: string;
  /** Projects (integration, browser) using it: the last one to finish stops it. */
  users: number;
  stop(): Promise<void>;
}

/**
 * The run's DynamoDB Local with its demo data, started by the first project that asks: vitest runs
 * each project's global setup in its own module instance of this file, so the one instance lives on
 * globalThis (the main process is shared by all projects). One Java process, one demo load per run.
 */
const RUN_DYNAMO = Symbol.for('labor-cooperation-graph.test.dynamo');
type WithDynamo = typeof globalThis & { [RUN_DYNAMO]?: Promise<SharedDynamo> };

async function startRunDynamo(): Promise<SharedDynamo> {
  // A JVM on a busy 2-core CI machine has been seen to take over 30 s (the default) to answer.
  const dynamo = await startDynamoDbLocal({ timeoutMs: 120_000 });
  console.log(`DynamoDB Local answered ${dynamo.startupMs} ms after spawn (${dynamo.endpoint}).`);
  try {
    await loadSharedDemoData(dynamo.endpoint);
  } catch (error) {
    await dynamo.stop(); // else the Java process keeps vitest from exiting
    throw error;
  }
  return { endpoint: dynamo.endpoint, users: 0, stop: () => dynamo.stop() };
}

/** Starts one in-memory DynamoDB Local on a free port for the run (or uses DYNAMODB_ENDPOINT), and makes keys. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  project.provide('keys', await generateDevKeys());
  if (process.env.DYNAMODB_ENDPOINT) {
    project.provide('dynamoEndpoint', process.env.DYNAMODB_ENDPOINT);
    return;
  }
  const shared = globalThis as WithDynamo;
  shared[RUN_DYNAMO] ??= startRunDynamo();
  const dynamo = await shared[RUN_DYNAMO];
  dynamo.users += 1;
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return async () => {
    dynamo.users -= 1;
    if (dynamo.users > 0) return;
    delete shared[RUN_DYNAMO];
    await dynamo.stop();
  };
}
