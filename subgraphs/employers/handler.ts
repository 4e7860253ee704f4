import { readDynamoConfig, requireEnv } from '../shared/dynamodb/config.js';
import { createDynamoClients } from '../shared/dynamodb/client.js';
import { employersSubgraph } from './subgraph.js';

/** The Lambda entry point. Configuration is read and checked once, at cold start. */
export const handler = employersSubgraph.createHandler({
  documents: createDynamoClients(readDynamoConfig()).documents,
  tableName: requireEnv('TABLE_NAME'),
});
