/**
 * Reads tables' DynamoDB streams and hands their records to a projection, for local runs and tests,
 * where there is no Lambda event-source mapping. Each shard is read from its start (TRIM_HORIZON):
 * applying a record twice changes nothing, so a restart simply catches up.
 */
import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
  type GetRecordsCommandOutput,
} from '@aws-sdk/client-dynamodb-streams';
import type { ApplyStreamRecords, StreamRecordImage } from '../subgraphs/shared/dynamodb/stream-records.js';

export interface StreamPoller {
  /** Reads every shard until it has no more records now; resolves when all read records are applied. */
  catchUp(): Promise<number>;
  stop(): void;
}

export async function startStreamPoller(options: {
  client: DynamoDBClient;
  tableNames: readonly string[];
  /** The projection (a subgraph's `projections.createApply`). */
  apply: ApplyStreamRecords;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): Promise<StreamPoller> {
  const config = options.client.config;
  const streams = new DynamoDBStreamsClient({ region: await config.region(), endpoint: await config.endpoint?.(), credentials: await config.credentials() });
  const arns = await Promise.all(
    options.tableNames.map(async (TableName) => {
      const { Table } = await options.client.send(new DescribeTableCommand({ TableName }));
      if (!Table?.LatestStreamArn) throw new Error(`Table ${TableName} has no stream; its table definition must enable one.`);
      return Table.LatestStreamArn;
    }),
  );
  /** Per shard: the iterator to read next (null once a closed shard is read to its end) and the last record applied. */
  const iterators = new Map<string, string | null>();
  const lastSequence = new Map<string, string>();
  let queue: Promise<unknown> = Promise.resolve();

  const freshIterator = async (StreamArn: string, ShardId: string, shardKey: string) => {
    const after = lastSequence.get(shardKey);
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand(
        after
          ? { StreamArn, ShardId, ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after }
          : { StreamArn, ShardId, ShardIteratorType: 'TRIM_HORIZON' },
      ),
    );
    return ShardIterator ?? null;
  };

  const readOnce = async (): Promise<number> => {
    let applied = 0;
    for (const StreamArn of arns) {
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn }));
      for (const shard of StreamDescription?.Shards ?? []) {
        const shardKey = `${StreamArn}|${shard.ShardId}`;
        if (iterators.get(shardKey) === null) continue; // closed and fully read
        let iterator: string | null | undefined = iterators.get(shardKey) ?? (await freshIterator(StreamArn, shard.ShardId!, shardKey));
        while (iterator) {
          let page: GetRecordsCommandOutput;
          try {
            page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: 1000 }));
          } catch (error) {
            // An iterator expires (15 minutes) or DynamoDB Local refuses a reused one: start again
            // right after the last record applied, which loses and repeats nothing.
            const name = (error as Error).name;
            if (name !== 'ExpiredIteratorException' && name !== 'TrimmedDataAccessException') throw error;
            iterator = await freshIterator(StreamArn, shard.ShardId!, shardKey);
            page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator!, Limit: 1000 }));
          }
          const records = page.Records ?? [];
          await options.apply(records.map((r) => ({ eventName: r.eventName, newImage: r.dynamodb?.NewImage as StreamRecordImage['newImage'] })));
          const last = records.at(-1)?.dynamodb?.SequenceNumber;
          if (last) lastSequence.set(shardKey, last);
          applied += records.length;
          iterator = page.NextShardIterator ?? null;
          if (records.length === 0) break;
        }
        iterators.set(shardKey, iterator ?? null);
      }
    }
    return applied;
  };

  /** One read at a time: the poll loop and callers of catchUp queue behind each other. */
  const catchUp = () => {
    const run = queue.then(readOnce, readOnce);
    queue = run.catch(() => undefined);
    return run;
  };
  let stopped = false;
  const loop = async () => {
    while (!stopped) {
      await catchUp().catch((error) => options.onError?.(error));
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 500));
    }
  };
  void loop();
  return {
    catchUp,
    stop: () => {
      stopped = true;
      streams.destroy();
    },
  };
}
