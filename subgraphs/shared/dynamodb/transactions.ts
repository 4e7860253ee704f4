import { TransactionCanceledException, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * For a cancelled TransactWriteItems, the reason code of each item in request order
 * ('None' for items that were fine, 'ConditionalCheckFailed' for a failed condition…);
 * null for any other error.
 */
export function cancellationReasons(error: unknown): string[] | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  return (error.CancellationReasons ?? []).map((reason) => reason.Code ?? 'None');
}

/** As cancellationReasons, with the stored item DynamoDB returns for a failed condition that asked for it (ReturnValuesOnConditionCheckFailure). */
export function cancellationReasonsWithItems(error: unknown): { code: string; item?: Record<string, AttributeValue> }[] | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  return (error.CancellationReasons ?? []).map((reason) => ({ code: reason.Code ?? 'None', ...(reason.Item ? { item: reason.Item } : {}) }));
}

/** True when the transaction failed only because another write got there first. */
export const isConflict = (reasons: readonly string[]) => reasons.some((code) => code === 'ConditionalCheckFailed' || code === 'TransactionConflict');

/**
 * DynamoDB Local's answer to a transaction that waited too long for another transaction's lock: an
 * InternalServerError saying it "will succeed in actual DynamoDB API". Contention, to retry.
 */
export const isLockTimeout = (error: unknown) => error instanceof Error && error.name === 'InternalServerError' && error.message.includes('waiting for a lock');

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const MAX_ATTEMPTS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * TransactWriteItems that retries when DynamoDB cancelled it only because another transaction held
 * one of the items (TransactionConflict, or DynamoDB Local's lock timeout, which applied nothing):
 * the retry then meets the winner's committed state and its conditions decide. A failed condition is
 * never retried; it is thrown for the caller to explain.
 */
export async function transactWrite(documents: DynamoDBDocumentClient, items: TransactItems): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documents.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const reasons = cancellationReasons(error);
      const onlyContention = isLockTimeout(error) || (reasons?.includes('TransactionConflict') === true && !reasons.includes('ConditionalCheckFailed'));
      if (!onlyContention || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.random() * 20 * 2 ** attempt);
    }
  }
}
