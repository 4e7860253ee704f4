/**
 * The Lambda entry point of the employers subgraph's projection: a DynamoDB stream event-source
 * mapping on the people table delivers its person records here (filtered, see PROJECTED_ITEMS).
 * Applying a record twice changes nothing, so a failed batch is simply retried (the mapping bisects
 * it to isolate a bad record, then sends it to its dead-letter queue).
 */
import type { DynamoDBStreamEvent } from 'aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { readDynamoConfig, requireEnv } from '../shared/dynamodb/config.js';
import { createDynamoClients } from '../shared/dynamodb/client.js';
import type { StreamRecordImage } from '../shared/dynamodb/stream-records.js';
import { PostingRepository } from './posting-repository.js';
import { applyStreamRecords } from './stream-projection.js';

const logger = new Logger({ serviceName: 'employers-projections' });
const postings = new PostingRepository(createDynamoClients(readDynamoConfig()).documents, requireEnv('TABLE_NAME'));

export async function handler(event: DynamoDBStreamEvent): Promise<void> {
  const records = event.Records.map((r) => ({ eventName: r.eventName, newImage: r.dynamodb?.NewImage as StreamRecordImage['newImage'] }));
  await applyStreamRecords(postings, records);
  logger.info('Applied stream records', { records: records.length, sources: [...new Set(event.Records.map((r) => r.eventSourceARN?.split('/')[1]))] });
}
