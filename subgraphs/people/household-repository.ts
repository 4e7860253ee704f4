import { createHash } from 'node:crypto';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { getManyById } from '../shared/dynamodb/batch-get.js';
import { badUserInput, conflict, notFound } from '../shared/graphql/errors.js';
import { cancellationReasonsWithItems, transactWrite } from '../shared/dynamodb/transactions.js';
import { ifVersion } from '../shared/dynamodb/versioned-write.js';
import { isRegisteredPoorOn, povertyStatusOn, type PovertyRegistrationRecord, type PovertyStatus } from '../shared/domain/poverty-registration.js';
import { auditPut, type AuditEntry } from './audit.js';
import { householdKey, withoutKeys } from './keys.js';
import type { PersonRecord, PersonRepository } from './person-repository.js';

export type { PovertyStatus };

export interface HouseholdRecord {
  readonly id: string;
  readonly regionCode: string;
  /** The one stored truth of registered-poor status (poverty-registration.ts); absent: never on the register. */
  readonly registration?: PovertyRegistrationRecord;
  readonly memberIds: string[];
  /** Fingerprint of the registering input, to tell a retry from a reuse of the idempotency key. */
  readonly inputFingerprint: string;
  readonly version: number;
  readonly createdAt: string;
}

/** The household's status today (or on `date`), from its registration. */
export const householdStatusOn = (household: Pick<HouseholdRecord, 'registration'>, date = new Date().toISOString()): PovertyStatus =>
  povertyStatusOn(household.registration, date);

/** Tells a retry (same input) from a reuse of an idempotency key for a different household. */
export const householdFingerprint = (regionCode: string, registration: PovertyRegistrationRecord | undefined, memberIds: readonly string[]) =>
  createHash('sha256')
    .update(JSON.stringify([regionCode, registration ?? null, memberIds]))
    .digest('base64url');

/**
 * What a member's item carries of the household: its id, the registration and the status it gives
 * on `today`. The household's writes put these on every member in the same transaction, so a member
 * never disagrees with the household (registration dates are never in the future, registrationProblem).
 */
export function asMember(person: PersonRecord, household: Pick<HouseholdRecord, 'id' | 'registration'>, today: string): PersonRecord {
  const { povertyRegistration: _previous, ...rest } = person;
  return {
    ...rest,
    householdId: household.id,
    povertyRegistered: isRegisteredPoorOn(household.registration, today),
    ...(household.registration ? { povertyRegistration: household.registration } : {}),
    version: person.version + 1,
    updatedAt: today,
  };
}

/** A transaction's writes per member must fit DynamoDB's 100 items; real households are far smaller. */
export const MAX_TRANSACTION_ITEMS = 100;

/** Why a member's write failed, from the item DynamoDB returned with the failed condition. */
function memberFailure(personId: string, item: Record<string, AttributeValue> | undefined, householdId: string): Error {
  if (!item) return notFound('person', personId);
  if (item.householdId?.S && item.householdId.S !== householdId) {
    return conflict(`Person "${personId}" already belongs to household "${item.householdId.S}"; a person belongs to one household.`, { personId });
  }
  return conflict(`Person "${personId}" was changed by someone else meanwhile; nothing was written. Retry.`, { personId });
}

export class HouseholdRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly persons: PersonRepository,
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
   * The writes that make `members` (as read) members of `household` as it will be stored: each one's
   * Put (conditioned on its version, and with `joining` on belonging to no household) first, in the
   * order of `members`, then their index items.
   */
  private memberWrites(members: readonly PersonRecord[], household: HouseholdRecord, now: string, joining: ReadonlySet<string>) {
    const nexts = members.map((m) => asMember(m, household, now));
    const puts = members.map((m, i) => this.persons.conditionalPut(m, nexts[i]!, { outsideHousehold: joining.has(m.id) }));
    const facets = members.flatMap((m, i) => this.persons.facetWrites(m, nexts[i]!));
    return { puts, facets };
  }

  /** Runs `items` whose entries 1…members.length are the members' Puts, turning their failures into errors that say which member. */
  private async transact(items: Parameters<typeof transactWrite>[1], members: readonly PersonRecord[], householdId: string, first: () => Error | null) {
    if (items.length > MAX_TRANSACTION_ITEMS) {
      throw badUserInput(
        'input.memberIds',
        `this change would write ${items.length} items, more than one transaction holds (${MAX_TRANSACTION_ITEMS}): register the household with fewer members and add the rest with addHouseholdMember.`,
      );
    }
    try {
      await transactWrite(this.documents, items);
    } catch (error) {
      const reasons = cancellationReasonsWithItems(error);
      if (!reasons) throw error;
      if (reasons[0]?.code === 'ConditionalCheckFailed') throw first() ?? error;
      for (const [i, member] of members.entries()) {
        const reason = reasons[1 + i];
        if (reason?.code === 'ConditionalCheckFailed') throw memberFailure(member.id, reason.item, householdId);
      }
      throw error;
    }
  }

  /**
   * Creates the household and makes `members` (as read; null: not found) its members, their
   * registered-poor status copied from its registration, in one transaction: every member must be
   * unchanged since read and belong to no household, or nothing is written. When a household with
   * this id exists (a retry with the same idempotency key) it is returned if it was created from the
   * same input.
   */
  async create(household: HouseholdRecord, members: readonly (PersonRecord | null)[], now: string, audit?: AuditEntry): Promise<HouseholdRecord> {
    const existing = await this.get(household.id);
    if (existing) return this.sameInput(existing, household);
    const missing = household.memberIds.find((_, i) => members[i] === null);
    if (missing) throw notFound('person', missing);
    const found = members as PersonRecord[];
    const { puts, facets } = this.memberWrites(found, household, now, new Set(household.memberIds));
    const raced = new Error('raced');
    try {
      await this.transact(
        [
          { Put: { TableName: this.tableName, Item: this.itemOf(household), ConditionExpression: 'attribute_not_exists(pk)' } },
          ...puts,
          ...facets,
          ...(audit ? [auditPut(this.tableName, audit, now)] : []),
        ],
        found,
        household.id,
        () => raced,
      );
    } catch (error) {
      if (error !== raced) throw error;
      // A concurrent retry with the same key created it first.
      const stored = await this.get(household.id);
      if (!stored) throw conflict(`Household "${household.id}" is being created by another request; retry.`, { id: household.id });
      return this.sameInput(stored, household);
    }
    return household;
  }

  private sameInput(existing: HouseholdRecord, wanted: HouseholdRecord): HouseholdRecord {
    if (existing.inputFingerprint === wanted.inputFingerprint) return existing;
    throw conflict('idempotencyKey was already used for a different household; use a new key for a new household.', { field: 'idempotencyKey' });
  }

  /** Adds `person` (as read) to `household` (as read): the member takes the household's registration; both conditioned on their versions. */
  async addMember(household: HouseholdRecord, person: PersonRecord, now: string, audit?: AuditEntry): Promise<HouseholdRecord> {
    const next: HouseholdRecord = { ...household, memberIds: [...household.memberIds, person.id], version: household.version + 1 };
    const { puts, facets } = this.memberWrites([person], next, now, new Set([person.id]));
    await this.transact(
      [
        { Put: ifVersion(household.version, { TableName: this.tableName, Item: this.itemOf(next) }) },
        ...puts,
        ...facets,
        ...(audit ? [auditPut(this.tableName, audit, now)] : []),
      ],
      [person],
      household.id,
      () => conflict(`Household "${household.id}" was changed by someone else meanwhile; nothing was written. Read it again and retry.`, { id: household.id }),
    );
    return next;
  }

  /**
   * Replaces the household's registration and copies it onto every member (as read), in one
   * transaction conditioned on the household's and every member's version: the household and its
   * members cannot disagree, and of two concurrent changes one wins.
   */
  async changeRegistration(
    household: HouseholdRecord,
    members: readonly PersonRecord[],
    registration: PovertyRegistrationRecord,
    now: string,
    audit?: AuditEntry,
  ): Promise<HouseholdRecord> {
    const next: HouseholdRecord = { ...household, registration, version: household.version + 1 };
    const { puts, facets } = this.memberWrites(members, next, now, new Set());
    await this.transact(
      [
        { Put: ifVersion(household.version, { TableName: this.tableName, Item: this.itemOf(next) }) },
        ...puts,
        ...facets,
        ...(audit ? [auditPut(this.tableName, audit, now)] : []),
      ],
      members,
      household.id,
      () => conflict(`Household "${household.id}" was changed by someone else meanwhile; nothing was written. Read it again and retry.`, { id: household.id }),
    );
    return next;
  }
}
