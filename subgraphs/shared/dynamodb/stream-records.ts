/**
 * What every projection of another subgraph's table shares: the change records a DynamoDB stream
 * delivers (a Lambda event-source mapping in AWS, scripts/stream-poller.ts locally) and the rule for
 * applying a batch of them. A subgraph never reads another's table; it keeps what it needs in its own
 * table, from these records. Each projecting subgraph declares the items it reads (ProjectedItem) and
 * applies them in its stream-projection.ts; its stream-handler.ts is the Lambda entry.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** An item of another subgraph's table a projection reads: the table's owner and the item's sort key. */
export interface ProjectedItem {
  readonly subgraph: string;
  readonly sortKey: string;
}

export interface StreamRecordImage {
  readonly eventName?: string;
  readonly newImage?: Record<string, AttributeValue>;
}

/** Applies a batch of change records to a projection (idempotent: a redelivered record changes nothing). */
export type ApplyStreamRecords = (records: readonly StreamRecordImage[]) => Promise<void>;

/**
 * Applies records with `apply`, each item's records in the order the stream gave them; records of
 * different items are independent and applied up to 8 at a time.
 */
export async function applyInItemOrder(records: readonly StreamRecordImage[], apply: (record: StreamRecordImage) => Promise<void>): Promise<void> {
  const byItem = new Map<string, StreamRecordImage[]>();
  for (const record of records) {
    const pk = record.newImage?.pk?.S ?? '';
    byItem.set(pk, [...(byItem.get(pk) ?? []), record]);
  }
  const queues = [...byItem.values()];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(8, queues.length) }, async () => {
      while (next < queues.length) for (const record of queues[next++]!) await apply(record);
    }),
  );
}
