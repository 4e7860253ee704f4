import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoConfig } from './config.js';
import { traceDynamoDb, tracingEnabled } from '../telemetry/tracing.js';

/**
 * The one way code here gets a DynamoDB client. Repositories receive it (never build their own), so
 * tests and the local runner hand them a client for DynamoDB Local and AWS hands them the real one.
 */
export function createDynamoClients(config: DynamoConfig) {
  const client = new DynamoDBClient({
    region: config.region,
    ...(config.endpoint
      ? {
          endpoint: config.endpoint,
          // DynamoDB Local accepts any credentials; fixed ones keep a developer's AWS profile out of it.
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  if (tracingEnabled()) traceDynamoDb(client);
  const documents = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return { client, documents };
}

export type DynamoClients = ReturnType<typeof createDynamoClients>;

/** True for endpoints on this machine, where creating and deleting tables is harmless. */
export function isLocalEndpoint(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  const host = new URL(endpoint).hostname;
  return host === 'localhost' || host === '127.0.0.1' || host === '::1' || host === '[::1]';
}
