import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** DynamoDB's limit of keys per BatchGetItem call. */
export const BATCH_GET_LIMIT = 100;
const MAX_ATTEMPTS = 6;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reads many items by key: duplicates removed, chunks of 100 read in parallel, UnprocessedKeys
 * retried with backoff. Returns items in no particular order; callers index them by key.
 */
export async function batchGetItems(
  documents: DynamoDBDocumentClient,
  tableName: string,
  keys: readonly Record<string, string>[],
  options: { consistentRead?: boolean } = {},
): Promise<Record<string, unknown>[]> {
  const unique = [...new Map(keys.map((key) => [JSON.stringify(key), key])).values()];
  const chunks: Record<string, string>[][] = [];
  for (let i = 0; i < unique.length; i += BATCH_GET_LIMIT) chunks.push(unique.slice(i, i + BATCH_GET_LIMIT));

  const results = await Promise.all(
    chunks.map(async (chunk) => {
      const found: Record<string, unknown>[] = [];
      let pending: Record<string, unknown>[] = chunk;
      for (let attempt = 1; pending.length > 0; attempt++) {
        if (attempt > MAX_ATTEMPTS) {
          throw new Error(`BatchGetItem left ${pending.length} keys unprocessed after ${MAX_ATTEMPTS} attempts.`);
        }
        if (attempt > 1) await sleep(Math.min(1000, 25 * 2 ** attempt) * Math.random());
        const response = await documents.send(
          new BatchGetCommand({
            RequestItems: { [tableName]: { Keys: pending, ConsistentRead: options.consistentRead } },
          }),
        );
        found.push(...(response.Responses?.[tableName] ?? []));
        pending = response.UnprocessedKeys?.[tableName]?.Keys ?? [];
      }
      return found;
    }),
  );
  return results.flat();
}

/** An item as read from a table, without the storage keys and type tag only repositories know about. */
export function withoutKeys<T>(item: Record<string, unknown>): T {
  const { pk: _pk, sk: _sk, entity: _entity, ...record } = item;
  return record as T;
}

/** Records in the order of `ids`, null where none exists: one BatchGetItem per 100 distinct ids. */
export async function getManyById<T>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  ids: readonly string[],
  keyOf: (id: string) => Record<string, string>,
): Promise<(T | null)[]> {
  const items = await batchGetItems(documents, tableName, ids.map(keyOf));
  const byId = new Map(items.map((item) => [item.id as string, withoutKeys<T>(item)]));
  return ids.map((id) => byId.get(id) ?? null);
}
