import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  ResourceNotFoundException,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { isLocalEndpoint } from './client.js';

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N';
}

export interface GlobalIndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  /** Attributes copied into the index besides the keys; omitted means ALL. */
  readonly projection?: 'ALL' | 'KEYS_ONLY';
}

/**
 * A subgraph's table, declared once. The local runner, the tests and the CDK app all build their
 * tables from this, so the three cannot drift apart.
 */
export interface TableDefinition {
  /** Logical name; also the physical name locally. In AWS, CloudFormation names the table. */
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey?: KeyAttribute;
  readonly globalIndexes: readonly GlobalIndexDefinition[];
  readonly timeToLiveAttribute?: string;
  readonly stream?: 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES' | 'KEYS_ONLY';
}

export function createTableInput(definition: TableDefinition, tableName: string): CreateTableCommandInput {
  const attributes = new Map<string, KeyAttribute>();
  const keep = (a: KeyAttribute | undefined) => {
    if (!a) return;
    const seen = attributes.get(a.name);
    if (seen && seen.type !== a.type) {
      throw new Error(`Table ${definition.name}: attribute ${a.name} is declared as both ${seen.type} and ${a.type}.`);
    }
    attributes.set(a.name, a);
  };
  keep(definition.partitionKey);
  keep(definition.sortKey);
  for (const index of definition.globalIndexes) {
    keep(index.partitionKey);
    keep(index.sortKey);
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
    ...(definition.globalIndexes.length > 0
      ? {
          GlobalSecondaryIndexes: definition.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: keySchema(index.partitionKey, index.sortKey),
            Projection: { ProjectionType: index.projection ?? 'ALL' },
          })),
        }
      : {}),
    ...(definition.stream ? { StreamSpecification: { StreamEnabled: true, StreamViewType: definition.stream } } : {}),
  };
}

export interface TableAdminOptions {
  /** The endpoint the client talks to; tables are only created or deleted on a local one… */
  readonly endpoint: string | undefined;
  /** …unless the caller says explicitly that a remote endpoint is meant. */
  readonly allowRemote?: boolean;
}

function refuseRemote(action: string, options: TableAdminOptions): void {
  if (isLocalEndpoint(options.endpoint) || options.allowRemote) return;
  throw new Error(
    `Refusing to ${action} tables on ${options.endpoint ?? 'the default AWS endpoint'}: it is not a local DynamoDB. ` +
      'In AWS the CDK app owns the tables. Pass allowRemote (or --allow-remote) if you really mean it.',
  );
}

/** Creates each table that does not exist yet and waits until it is active. Idempotent. */
export async function createTables(
  client: DynamoDBClient,
  tables: readonly { definition: TableDefinition; tableName: string }[],
  options: TableAdminOptions,
): Promise<string[]> {
  refuseRemote('create', options);
  const created: string[] = [];
  await Promise.all(
    tables.map(async ({ definition, tableName }) => {
      try {
        await client.send(new CreateTableCommand(createTableInput(definition, tableName)));
        created.push(tableName);
      } catch (error) {
        if (!(error instanceof ResourceInUseException)) throw error;
      }
      await waitUntilTableExists({ client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName: tableName });
      if (definition.timeToLiveAttribute) {
        const description = await client.send(new DescribeTableCommand({ TableName: tableName }));
        if (description.Table) {
          await client
            .send(
              new UpdateTimeToLiveCommand({
                TableName: tableName,
                TimeToLiveSpecification: { AttributeName: definition.timeToLiveAttribute, Enabled: true },
              }),
            )
            .catch((error: Error) => {
              // Enabling TTL twice is an error on DynamoDB; it is already what we want.
              if (!/already enabled/i.test(error.message)) throw error;
            });
        }
      }
    }),
  );
  return created;
}

export async function deleteTables(client: DynamoDBClient, tableNames: readonly string[], options: TableAdminOptions): Promise<void> {
  refuseRemote('delete', options);
  await Promise.all(
    tableNames.map(async (TableName) => {
      try {
        await client.send(new DeleteTableCommand({ TableName }));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
      }
    }),
  );
}

/**
 * Turns the streams of the tables that declare one off (`false`) or back on (`true`). DynamoDB Local
 * spends about a quarter of its CPU per write on the stream record, and a stream poller (`npm start`)
 * would read every seeded item back from TRIM_HORIZON; the seed writes the projections the streams
 * would have made itself, so a local seed loads with the streams off and turns them on afterwards
 * (a new, empty stream). Never on a remote endpoint: in AWS the event-source mappings hold the ARN.
 */
export async function setStreams(
  client: DynamoDBClient,
  tables: readonly { definition: TableDefinition; tableName: string }[],
  enabled: boolean,
): Promise<void> {
  for (const { definition, tableName } of tables) {
    if (!definition.stream) continue;
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if ((Table?.StreamSpecification?.StreamEnabled ?? false) === enabled) continue;
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        StreamSpecification: enabled ? { StreamEnabled: true, StreamViewType: definition.stream } : { StreamEnabled: false },
      }),
    );
  }
}
