/**
 * The employers subgraph's projection of the people table, fed by its DynamoDB stream: which people
 * exist, so that `hire` refuses a person nobody registered without reading the people table. It keeps
 * a person's id and nothing else. In AWS a Lambda event-source mapping delivers the records
 * (stream-handler.ts); locally scripts/stream-poller.ts reads them. The programs subgraph projects the
 * same stream the same way (../programs/stream-projection.ts; shared parts in ../shared/stream-records.ts).
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { applyInItemOrder, type ProjectedItem, type StreamRecordImage } from '../shared/dynamodb/stream-records.js';
import type { PostingRepository } from './posting-repository.js';

/** The items of other subgraphs' tables this projection reads: the AWS mappings filter on these, the local poller reads these tables. */
export const PROJECTED_ITEMS: readonly ProjectedItem[] = [{ subgraph: 'people', sortKey: 'PERSON' }];

/** Applies one change record of the people table; records of other items are ignored. */
export async function applyStreamRecord(postings: PostingRepository, record: StreamRecordImage): Promise<void> {
  if (!record.newImage) return; // REMOVE: people are never deleted.
  const item = unmarshall(record.newImage);
  if (typeof item.pk === 'string' && item.pk.startsWith('PERSON#') && item.sk === 'PERSON' && typeof item.id === 'string') {
    await postings.applyKnownPerson(item.id);
  }
}

export async function applyStreamRecords(postings: PostingRepository, records: readonly StreamRecordImage[]): Promise<void> {
  await applyInItemOrder(records, (record) => applyStreamRecord(postings, record));
}
