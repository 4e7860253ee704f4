/**
 * `registerPerson` with an ID number someone already registered is an oracle: "already registered"
 * confirms a guessed number. A caller who may read that person's personal data is told who it is;
 * anyone else gets a refusal that neither names nor links the person, and each such refusal is
 * counted per caller and clock hour (an item with a TTL) and audited. After
 * `MAX_REFUSED_REGISTRATIONS_PER_HOUR` of them the caller may not register anyone until the hour is
 * over, so at most that many guesses an hour are confirmed, each one on the audit trail.
 *
 * The count is read before the registration and raised after the refusal, so a burst of concurrent
 * guesses can pass the limit by the size of the burst; every one of them is still audited.
 */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GraphQLError } from 'graphql';
import type { Caller } from '../shared/auth/caller.js';
import { transactWrite } from '../shared/dynamodb/transactions.js';
import { auditPut, type AuditEntry } from './audit.js';
import { registrationConflictKey } from './keys.js';

/** A caseworker meets a person registered by another province now and then, not several times an hour. */
export const MAX_REFUSED_REGISTRATIONS_PER_HOUR = 3;

export const REFUSED_ALREADY_REGISTERED = 'REFUSED_ALREADY_REGISTERED';

/** `2026-12-03T07`: the clock hour (UTC) a count belongs to. */
const hourOf = (now: Date) => now.toISOString().slice(0, 13);
const nextHour = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), now.getUTCHours() + 1));
/** Callers without a subject (a token without `sub`) share one count, which only makes them stricter. */
const subjectOf = (caller: Caller) => caller.subject ?? '(no subject)';

export class RegistrationConflicts {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Refuses, FORBIDDEN, a caller who reached the limit this hour; reads one item, writes nothing. */
  async requireUnderLimit(caller: Caller, now = new Date()): Promise<void> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: registrationConflictKey(subjectOf(caller), hourOf(now)), ConsistentRead: true }),
    );
    if (((Item?.count as number | undefined) ?? 0) < MAX_REFUSED_REGISTRATIONS_PER_HOUR) return;
    throw new GraphQLError(
      `registerPerson: ${MAX_REFUSED_REGISTRATIONS_PER_HOUR} of your registrations this hour were refused because the ID number was already registered, ` +
        `so registering is paused for you until ${nextHour(now).toISOString().slice(11, 16)} UTC. ` +
        'If you are looking for a registered person, ask a caseworker of their hometown province.',
      { extensions: { code: 'FORBIDDEN' } },
    );
  }

  /** Counts the refusal and writes its audit item, in one transaction; returns the refusal to throw. */
  async refuse(audit: AuditEntry, now = new Date()): Promise<GraphQLError> {
    const at = now.toISOString();
    await transactWrite(this.documents, [
      {
        Update: {
          TableName: this.tableName,
          Key: registrationConflictKey(subjectOf(audit.caller), hourOf(now)),
          UpdateExpression: 'ADD #count :one SET entity = :entity, expiresAt = :expiresAt',
          ExpressionAttributeNames: { '#count': 'count' },
          // Kept an hour past its own, for whoever reads the table after an incident.
          ExpressionAttributeValues: { ':one': 1, ':entity': 'RegistrationConflicts', ':expiresAt': Math.floor(nextHour(now).getTime() / 1000) + 3600 },
        },
      },
      auditPut(this.tableName, { ...audit, outcome: REFUSED_ALREADY_REGISTERED }, at),
    ]);
    return new GraphQLError(
      'registerPerson: this person cannot be registered by you. If they are registered already, a caseworker of their hometown province can find them ' +
        '(or move their hometown to your province); such refusals are recorded and limited per hour.',
      { extensions: { code: 'CONFLICT' } },
    );
  }
}
