/**
 * The service's DynamoDB: settings read once at start, the one client the repository receives, its
 * table created on a local DynamoDB, and the batched reads and writes the repository needs.
 * Locally DynamoDB Local (DYNAMODB_ENDPOINT); in production whatever DynamoDB the province runs.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceInUseException,
  ResourceNotFoundException,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** Where the repository keeps its items: the client and the table's name. */
export interface Storage {
  readonly documents: DynamoDBDocumentClient;
  readonly tableName: string;
}

export interface DynamoConfig {
  /** DynamoDB Local's URL locally; unset for the AWS endpoint of `region`. */
  readonly endpoint?: string;
  readonly region: string;
}

export function createDynamoClients(config: DynamoConfig) {
  const client = new DynamoDBClient({
    region: config.region,
    // DynamoDB Local accepts any credentials; fixed ones keep a developer's AWS profile out of it.
    ...(config.endpoint ? { endpoint: config.endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
  return { client, documents: DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }) };
}

export const isLocalEndpoint = (endpoint: string | undefined) =>
  endpoint !== undefined && ['localhost', '127.0.0.1', '::1', '[::1]'].includes(new URL(endpoint).hostname);

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

/** A table declared once: the service creates it locally from this, and prints it for production (table.ts). */
export interface TableDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly { readonly name: string; readonly partitionKey: KeyAttribute; readonly sortKey?: KeyAttribute }[];
}

export function createTableInput(definition: TableDefinition, tableName = definition.name): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [definition.partitionKey, definition.sortKey, ...definition.globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    if (key) attributes.set(key.name, key);
  }
  const keySchema = (pk: KeyAttribute, sk?: KeyAttribute) => [
    { AttributeName: pk.name, KeyType: 'HASH' as const },
    ...(sk ? [{ AttributeName: sk.name, KeyType: 'RANGE' as const }] : []),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes.values()].map((a) => ({ AttributeName: a.name, AttributeType: a.type })),
    KeySchema: keySchema(definition.partitionKey, definition.sortKey),
    GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
      IndexName: index.name,
      KeySchema: keySchema(index.partitionKey, index.sortKey),
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}

/**
 * On a local DynamoDB: creates the table unless it exists. Elsewhere the province creates its table
 * itself (`npm run -s table:create-input`); this only checks it is there, so a wrong TABLE_NAME
 * fails at start, naming the table, instead of at the first query.
 */
export async function ensureTable(client: DynamoDBClient, definition: TableDefinition, tableName: string, endpoint: string | undefined): Promise<void> {
  if (isLocalEndpoint(endpoint)) {
    try {
      await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
    } catch (error) {
      if (!(error instanceof ResourceInUseException)) throw error;
    }
    await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
    return;
  }
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if (error instanceof ResourceNotFoundException)
      throw new Error(`Table ${tableName} does not exist; create it from table.ts (npm run -s table:create-input) or set TABLE_NAME.`);
    throw error;
  }
}

const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
const MAX_ATTEMPTS = 8;
const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.min(1000, 25 * 2 ** attempt) * Math.random()));

/** An item as read, without the storage keys only the repository knows about. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, ...record } = item;
  return record as T;
}

/** Records in the order of `ids`, null where none exists: one BatchGetItem per 100 distinct ids, unprocessed keys retried. */
export async function getManyById<T>(
  { documents, tableName }: Storage,
  ids: readonly string[],
  keyOf: (id: string) => Record<string, string>,
): Promise<(T | null)[]> {
  const unique = [...new Set(ids)];
  const chunks = Array.from({ length: Math.ceil(unique.length / BATCH_GET_LIMIT) }, (_, i) => unique.slice(i * BATCH_GET_LIMIT, (i + 1) * BATCH_GET_LIMIT));
  const found = await Promise.all(
    chunks.map(async (chunk) => {
      const items: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = chunk.map(keyOf);
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS) throw new Error(`BatchGetItem left ${pending.length} keys of ${tableName} unprocessed after ${MAX_ATTEMPTS} attempts.`);
        if (attempt > 1) await backoff(attempt);
        const response = await documents.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending } } }));
        items.push(...(response.Responses?.[tableName] ?? []));
        pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      return items;
    }),
  );
  const byId = new Map(found.flat().map((item) => [item.id as string, withoutKeys<T>(item)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Puts items 25 to a BatchWriteItem, unprocessed items sent again: for loading data whose items are independent puts. */
export async function putItems({ documents, tableName }: Storage, items: readonly Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < items.length; start += BATCH_WRITE_LIMIT) {
    let pending = items.slice(start, start + BATCH_WRITE_LIMIT).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_ATTEMPTS) throw new Error(`BatchWriteItem left ${pending.length} items of ${tableName} unprocessed after ${MAX_ATTEMPTS} attempts.`);
      if (attempt > 1) await backoff(attempt);
      const response = await documents.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = (response.UnprocessedItems?.[tableName] ?? []) as typeof pending;
    }
  }
}
