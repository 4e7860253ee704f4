/**
 * The audit trail of changes to personal data: one item per successful mutation, written in the
 * same transaction as the change (so a failed change leaves no record and a change never lacks
 * one). The one refusal recorded is a registration whose ID number belongs to a person the caller
 * may not read (`outcome`), because a run of those is someone guessing ID numbers. No GraphQL field reads or writes these items; they are for the province's auditors, read
 * from DynamoDB (or its exports) directly.
 */
import { randomBytes } from 'node:crypto';
import type { Caller } from '../shared/auth/caller.js';

export interface AuditEntry {
  readonly caller: Caller;
  readonly requestId: string;
  /** The mutation, e.g. `updatePerson`. */
  readonly operation: string;
  /** The person or household changed. */
  readonly targetId: string;
  /** Set only for a recorded refusal, e.g. `REFUSED_ALREADY_REGISTERED`; absent for a change made. */
  readonly outcome?: string;
}

export const auditKey = (at: string, requestId: string) => ({
  pk: `AUDIT#${at.slice(0, 10)}`,
  sk: `${at}#${requestId}#${randomBytes(4).toString('hex')}`,
});

/** The Put that appends the entry; it can only create, never overwrite. */
export function auditPut(tableName: string, entry: AuditEntry, at = new Date().toISOString()) {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...auditKey(at, entry.requestId),
        entity: 'Audit',
        at,
        subject: entry.caller.subject,
        roles: [...entry.caller.roles],
        operation: entry.operation,
        targetId: entry.targetId,
        requestId: entry.requestId,
        ...(entry.outcome ? { outcome: entry.outcome } : {}),
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
