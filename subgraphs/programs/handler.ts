import { readDynamoConfig, requireEnv } from '../shared/dynamodb/config.js';
import { createDynamoClients } from '../shared/dynamodb/client.js';
import { programsSubgraph } from './subgraph.js';

/** The Lambda entry point. Configuration is read and checked once, at cold start. */
export const handler = programsSubgraph.createHandler({
  documents: createDynamoClients(readDynamoConfig()).documents,
  tableName: requireEnv('TABLE_NAME'),
});
