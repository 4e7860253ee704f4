/**
 * Optimistic locking (DESIGN.md, Conventions): a write lands only while the stored `version` is
 * still the one the writer read, so of two racing writers one wins and the other learns it lost.
 */
import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { cancellationReasons, transactWrite } from './transactions.js';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/** `write` (a Put or an Update) made conditional on the stored version being `expectedVersion`. */
export function ifVersion<T extends { TableName: string; ExpressionAttributeValues?: Record<string, unknown> }>(
  expectedVersion: number,
  write: T,
): NoInfer<T> & { ConditionExpression: string; ExpressionAttributeValues: Record<string, unknown> } {
  return {
    ...write,
    ConditionExpression: 'version = :expected',
    ExpressionAttributeValues: { ...write.ExpressionAttributeValues, ':expected': expectedVersion },
  };
}

/**
 * Runs one transaction whose first item is the conditioned write of the changed entity (usually
 * `ifVersion`). False when that condition failed, i.e. someone else changed the entity first
 * (nothing is written then); any other failure is thrown.
 */
export async function transactUnlessStale(documents: DynamoDBDocumentClient, items: TransactItems): Promise<boolean> {
  try {
    await transactWrite(documents, items);
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') return false;
    throw error;
  }
}
