/**
 * Projections of other subgraphs' tables, fed by their DynamoDB streams. This subgraph never reads
 * the people or employers tables: it keeps what it needs (a person's registered-poor status with its household registration, home province and employment registrations; a
 * posting's employer, travel terms, hires, occupation and lowest wage) in its own table, from the change records those tables
 * publish. In AWS a Lambda event-source mapping delivers the records (stream-handler.ts); locally
 * scripts/stream-poller.ts reads them from DynamoDB Local. The record handling the employers
 * subgraph's projection shares is in ../shared/stream-records.ts.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { applyInItemOrder, type ProjectedItem, type StreamRecordImage } from '../shared/dynamodb/stream-records.js';
import { provinceCodeOf } from '../shared/domain/regions.js';
import type { PovertyRegistrationRecord } from '../shared/domain/poverty-registration.js';
import type { PersonProfile, PlacementRepository, PostingTermsRecord } from './placement-repository.js';

/**
 * The items of other subgraphs' tables this projection reads, by the subgraph that owns the table
 * and the item's sort key: the AWS event-source mappings filter on these, the local poller reads
 * these tables' streams.
 */
export const PROJECTED_ITEMS: readonly ProjectedItem[] = [
  { subgraph: 'people', sortKey: 'PERSON' },
  { subgraph: 'employers', sortKey: 'POSTING' },
];

export type { StreamRecordImage };

/** What this subgraph keeps of an employers-table posting: its employer, workplace province, travel terms and hires. */
export function postingTermsOf(posting: {
  readonly id: string;
  readonly employerId: string;
  readonly workplaceCode?: string;
  readonly benefits?: { readonly travelReimbursementAfterMonths?: number };
  readonly hires?: readonly { readonly personId: string }[];
  readonly occupation?: string;
  readonly monthlyWageMinYuan?: number;
}): PostingTermsRecord {
  return {
    postingId: posting.id,
    employerId: posting.employerId,
    ...(typeof posting.workplaceCode === 'string' ? { workplaceProvinceCode: provinceCodeOf(posting.workplaceCode) } : {}),
    travelReimbursementAfterMonths: posting.benefits?.travelReimbursementAfterMonths ?? null,
    hiredPersonIds: (posting.hires ?? []).map((h) => h.personId),
    ...(typeof posting.occupation === 'string' ? { occupation: posting.occupation } : {}),
    ...(typeof posting.monthlyWageMinYuan === 'number' ? { monthlyWageMinYuan: posting.monthlyWageMinYuan } : {}),
  };
}

/**
 * What this subgraph keeps of a people-table person: the registered-poor status and the household
 * registration it comes from (copied onto the person by the household's own write), the home
 * province, and the employment registrations a placement's REGISTERED links to.
 */
export function personProfileOf(person: {
  readonly povertyRegistered: boolean;
  readonly hometownCode?: string;
  readonly povertyRegistration?: PovertyRegistrationRecord;
  readonly registrations?: readonly { readonly id: string; readonly employerId?: string; readonly startDate: string; readonly endDate?: string }[];
}): PersonProfile {
  return {
    povertyRegistered: person.povertyRegistered,
    ...(typeof person.hometownCode === 'string' ? { hometownProvinceCode: provinceCodeOf(person.hometownCode) } : {}),
    ...(person.povertyRegistration ? { povertyRegistration: person.povertyRegistration } : {}),
    employmentRegistrations: (person.registrations ?? []).map((r) => ({
      id: r.id,
      ...(r.employerId ? { employerId: r.employerId } : {}),
      startDate: r.startDate,
      ...(r.endDate ? { endDate: r.endDate } : {}),
    })),
  };
}

/** Applies one change record of the people or employers table; records of other items are ignored. */
export async function applyStreamRecord(placements: PlacementRepository, record: StreamRecordImage): Promise<void> {
  if (!record.newImage) return; // REMOVE: people and postings are never deleted.
  const item = unmarshall(record.newImage);
  if (typeof item.pk !== 'string') return;
  if (item.pk.startsWith('PERSON#') && item.sk === 'PERSON' && typeof item.povertyRegistered === 'boolean') {
    await placements.applyPersonFlag(item.id as string, personProfileOf(item as Parameters<typeof personProfileOf>[0]));
  } else if (item.pk.startsWith('POSTING#') && item.sk === 'POSTING') {
    await placements.applyPostingTerms(postingTermsOf(item as Parameters<typeof postingTermsOf>[0]));
  }
}

/** Applies records in order, each person's or posting's changes in the order the stream gave them. */
export async function applyStreamRecords(placements: PlacementRepository, records: readonly StreamRecordImage[]): Promise<void> {
  await applyInItemOrder(records, (record) => applyStreamRecord(placements, record));
}
