import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { createDynamoClients, type DynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { createTables, deleteTables, type TableDefinition } from '../../subgraphs/shared/dynamodb/table-definition.js';

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
 * The run's DynamoDB Local, as global-setup.ts provides it to the integration and browser projects;
 * a file of the unit project (which starts none) that asks fails here, saying where it belongs.
 */
export function runDynamoEndpoint(): string {
  const endpoint = inject('dynamoEndpoint');
  if (!endpoint) {
    throw new Error(
      'This test file needs DynamoDB Local, which the unit project does not start: remove it from UNIT_TESTS in vitest.config.ts (it then runs in the integration project).',
    );
  }
  return endpoint;
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
