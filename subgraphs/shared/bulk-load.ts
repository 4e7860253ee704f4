import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { transactWrite } from './transactions.js';

/** DynamoDB's limit of items per TransactWriteItems. */
const TRANSACTION_LIMIT = 100;

/**
 * Puts items 100 to a transaction, `concurrency` transactions at a time, for demo and bulk data.
 * Not BatchWriteItem (25 per call): DynamoDB Local commits each request to its SQLite file, so
 * 100-item requests load about twice as fast (measured here: 32 s against 56 s for a fresh
 * `.data/dynamodb`).
 */
export async function putInTransactions(
  documents: DynamoDBDocumentClient,
  tableName: string,
  items: readonly Record<string, unknown>[],
  concurrency = 4,
): Promise<void> {
  const chunks: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += TRANSACTION_LIMIT) chunks.push(items.slice(i, i + TRANSACTION_LIMIT));
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        await transactWrite(documents, chunk.map((Item) => ({ Put: { TableName: tableName, Item } })));
      }
    }),
  );
}
