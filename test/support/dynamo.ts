import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, inject } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { createTables, deleteTables, type TableDefinition } from '../../subgraphs/shared/dynamodb/table-definition.js';
import { DEMO_STATUS_FILE, SHARED_DEMO_PREFIX } from './shared-demo.js';

/** Counts DynamoDB API calls by operation, on the real client, through SDK middleware. */
export class CallCounter {
  readonly counts = new Map<string, number>();
  reset(): void {
    this.counts.clear();
  }
  count(operation: string): number {
    return this.counts.get(operation) ?? 0;
  }
}

/**
 * Counts every request `client` (and the document client made from it) sends, by operation, into
 * `counter`: SDK middleware on the real client, nothing mocked.
 */
export function countDynamoCalls(client: DynamoClients['client'], counter: CallCounter): CallCounter {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const operation = String(context.commandName ?? 'unknown').replace(/Command$/, '');
      counter.counts.set(operation, (counter.counts.get(operation) ?? 0) + 1);
      return next(args);
    },
    { step: 'initialize', name: 'countCalls' },
  );
  return counter;
}

export interface TestTables {
  readonly endpoint: string;
  readonly clients: DynamoClients;
  readonly calls: CallCounter;
  /** Physical table name for a definition, unique to this test file. */
  tableName(definition: TableDefinition): string;
  readonly prefix: string;
}

/**
 * The DynamoDB Local of this test file's worker, as global-setup.ts provides them to the integration
 * and browser projects (one per worker: VITEST_POOL_ID is the worker's number, 1 to maxWorkers); a
 * file of the unit project (which starts none) that asks fails here, saying where it belongs.
 */
export function runDynamoEndpoint(): string {
  const endpoints = inject('dynamoEndpoints');
  if (!endpoints?.length) {
    throw new Error(
      'This test file needs DynamoDB Local, which the unit project does not start: remove it from UNIT_TESTS in vitest.config.ts (it then runs in the integration project).',
    );
  }
  const worker = Number(process.env.VITEST_POOL_ID ?? 1);
  return endpoints[(worker - 1) % endpoints.length]!;
}

/** Longer than the demo load has ever taken on a busy 2-core machine. */
const DEMO_WAIT_MS = 600_000;

/**
 * The DynamoDB Local holding the shared demo tables, once global-setup's background load has filled
 * them (it starts with the run; files that read the demo run last, so they seldom wait). Rejects with
 * the load's own error if it failed.
 */
export async function sharedDemoEndpoint(): Promise<string> {
  runDynamoEndpoint(); // the unit project's files fail here, saying where they belong
  const statusFile = join(inject('demoStatusDir'), DEMO_STATUS_FILE);
  const deadline = Date.now() + DEMO_WAIT_MS;
  for (;;) {
    let status: { loaded: boolean; error?: string } | undefined;
    try {
      status = JSON.parse(readFileSync(statusFile, 'utf8'));
    } catch {
      // not written yet
    }
    if (status?.loaded) return inject('demoEndpoint');
    if (status) throw new Error(`The shared demo data failed to load (test/support/global-setup.ts): ${status.error}`);
    if (Date.now() > deadline) throw new Error(`The shared demo data was not loaded after ${DEMO_WAIT_MS / 1000} s (test/support/global-setup.ts).`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * The shared demo tables (read them, don't write), with a client counting its calls like useTables';
 * `tableName(definition)` is the demo table of that definition.
 */
export async function useSharedDemoTables(): Promise<TestTables> {
  const endpoint = await sharedDemoEndpoint();
  const clients = createDynamoClients({ endpoint, region: LOCAL_REGION });
  const calls = countDynamoCalls(clients.client, new CallCounter());
  afterAll(() => clients.client.destroy());
  return { endpoint, clients, calls, tableName: (definition) => `${SHARED_DEMO_PREFIX}${definition.name}`, prefix: SHARED_DEMO_PREFIX };
}

/**
 * Creates the given tables in the run's DynamoDB Local under a prefix unique to the calling test
 * file, and deletes them after its tests.
 */
export async function useTables(...definitions: TableDefinition[]): Promise<TestTables> {
  const endpoint = runDynamoEndpoint();
  const prefix = `t${randomBytes(4).toString('hex')}-`;
  const clients = createDynamoClients({ endpoint, region: LOCAL_REGION });
  const calls = countDynamoCalls(clients.client, new CallCounter());
  const tableName = (definition: TableDefinition) => `${prefix}${definition.name}`;
  await createTables(
    clients.client,
    definitions.map((definition) => ({ definition, tableName: tableName(definition) })),
    { endpoint },
  );
  afterAll(async () => {
    await deleteTables(clients.client, definitions.map(tableName), { endpoint });
    clients.client.destroy();
  });
  return { endpoint, clients, calls, tableName, prefix };
}
