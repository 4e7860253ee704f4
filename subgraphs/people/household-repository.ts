import { createHash } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { getManyById } from '../shared/dynamodb/batch-get.js';
import { conflict, notFound } from '../shared/graphql/errors.js';
import { transactWrite } from '../shared/dynamodb/transactions.js';
import { auditPut, type AuditEntry } from './audit.js';
import { householdKey, personKey, withoutKeys } from './keys.js';

export type PovertyStatus = 'REGISTERED' | 'LIFTED' | 'NOT_REGISTERED';

export interface HouseholdRecord {
  readonly id: string;
  readonly regionCode: string;
  readonly povertyStatus: PovertyStatus;
  readonly memberIds: string[];
  /** Fingerprint of the registering input, to tell a retry from a reuse of the idempotency key. */
  readonly inputFingerprint: string;
  readonly version: number;
  readonly createdAt: string;
}

/** Tells a retry (same input) from a reuse of an idempotency key for a different household. */
export const householdFingerprint = (regionCode: string, povertyStatus: PovertyStatus, memberIds: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify([regionCode, povertyStatus, memberIds]))
    .digest('base64url');

/** Why each member could not join, from the items DynamoDB returned with the failed conditions. */
function memberFailure(error: unknown, memberIds: readonly string[], offset: number): Error | null {
  if (!(error instanceof TransactionCanceledException)) return null;
  const reasons = error.CancellationReasons ?? [];
  for (let i = 0; i < memberIds.length; i++) {
    const reason = reasons[offset + i];
    if (reason?.Code !== 'ConditionalCheckFailed') continue;
    const item = reason.Item as Record<string, AttributeValue> | undefined;
    if (!item) return notFound('person', memberIds[i]!);
    return conflict(`Person "${memberIds[i]}" already belongs to household "${item.householdId?.S}"; a person belongs to one household.`, {
      personId: memberIds[i],
    });
  }
  return null;
}

export class HouseholdRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(ids: readonly string[]): Promise<(HouseholdRecord | null)[]> {
    return getManyById<HouseholdRecord>(this.documents, this.tableName, ids, householdKey);
  }

  async get(id: string): Promise<HouseholdRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: householdKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<HouseholdRecord>(Item) : null;
  }

  itemOf(household: HouseholdRecord): Record<string, unknown> {
    return { ...householdKey(household.id), entity: 'Household', ...household };
  }

  /**
   * Creates the household and links its members in one transaction: every member must exist and
   * belong to no household, or nothing is written. When a household with this id exists (a retry
   * with the same idempotency key) it is returned if it was created from the same input.
   */
  async create(household: HouseholdRecord, now: string, audit?: AuditEntry): Promise<HouseholdRecord> {
    try {
      await transactWrite(this.documents, [
        {
          Put: {
            TableName: this.tableName,
            Item: this.itemOf(household),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...household.memberIds.map((personId) => this.linkMember(personId, household.id, now)),
        ...(audit ? [auditPut(this.tableName, audit, now)] : []),
      ]);
      return household;
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') {
        const existing = await this.get(household.id);
        if (existing && existing.inputFingerprint === household.inputFingerprint) return existing;
        throw conflict('idempotencyKey was already used for a different household; use a new key for a new household.', {
          field: 'idempotencyKey',
        });
      }
      throw memberFailure(error, household.memberIds, 1) ?? error;
    }
  }

  async addMember(householdId: string, personId: string, now: string, audit?: AuditEntry): Promise<HouseholdRecord> {
    try {
      await transactWrite(this.documents, [
        {
          Update: {
            TableName: this.tableName,
            Key: householdKey(householdId),
            UpdateExpression: 'SET memberIds = list_append(memberIds, :member), version = version + :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':member': [personId], ':one': 1 },
          },
        },
        this.linkMember(personId, householdId, now),
        ...(audit ? [auditPut(this.tableName, audit, now)] : []),
      ]);
    } catch (error) {
      const reasons = error instanceof TransactionCanceledException ? (error.CancellationReasons ?? []) : [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') throw notFound('household', householdId);
      throw memberFailure(error, [personId], 1) ?? error;
    }
    const household = await this.get(householdId);
    if (!household) throw notFound('household', householdId);
    return household;
  }

  private linkMember(personId: string, householdId: string, now: string) {
    return {
      Update: {
        TableName: this.tableName,
        Key: personKey(personId),
        UpdateExpression: 'SET householdId = :household, version = version + :one, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(householdId)',
        ExpressionAttributeValues: { ':household': householdId, ':one': 1, ':now': now },
        // Tells a missing person (no item) from one already in a household.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  }
}
