/**
 * The Lambda entry point of the programs subgraph's projections: DynamoDB stream event-source
 * mappings on the people and employers tables deliver their change records here (filtered to the
 * items the projection reads, see PROJECTED_ITEMS). Applying a record twice changes nothing, so a
 * failed batch is simply retried (the mapping bisects it to isolate a bad record, then sends it to
 * its dead-letter queue).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { readDynamoConfig, requireEnv } from '../shared/dynamodb/config.js';
import { createDynamoClients } from '../shared/dynamodb/client.js';
import { PlacementRepository } from './placement-repository.js';
import { applyStreamRecords, type StreamRecordImage } from './stream-projection.js';

const logger = new Logger({ serviceName: 'programs-projections' });
const placements = new PlacementRepository(createDynamoClients(readDynamoConfig()).documents, requireEnv('TABLE_NAME'));

export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const records = event.Records.map((r) => ({ eventName: r.eventName, newImage: r.dynamodb?.NewImage as StreamRecordImage['newImage'] }));
  await applyStreamRecords(placements, records);
  logger.info('Applied stream records', { records: records.length, sources: [...new Set(event.Records.map((r) => r.eventSourceARN?.split('/')[1]))] });
}
