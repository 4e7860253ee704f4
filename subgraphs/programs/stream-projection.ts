/**
 * Projections of other subgraphs' tables, fed by their DynamoDB streams. This subgraph never reads
 * the people or employers tables: it keeps what it needs (a person's registered-poor flag; a
 * posting's employer, travel terms, hires, occupation and lowest wage) in its own table, from the change records those tables
 * publish. In AWS a Lambda event-source mapping delivers the records (stream-handler.ts); locally
 * scripts/stream-poller.ts reads them from DynamoDB Local. The record handling the employers
 * subgraph's projection shares is in ../shared/stream-records.ts.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { applyInItemOrder, type ProjectedItem, type StreamRecordImage } from '../shared/dynamodb/stream-records.js';
import { provinceCodeOf } from '../shared/domain/regions.js';
import type { PlacementRepository, PostingTermsRecord } from './placement-repository.js';

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

/** Applies one change record of the people or employers table; records of other items are ignored. */
export async function applyStreamRecord(placements: PlacementRepository, record: StreamRecordImage): Promise<void> {
  if (!record.newImage) return; // REMOVE: people and postings are never deleted.
  const item = unmarshall(record.newImage);
  if (typeof item.pk !== 'string') return;
  if (item.pk.startsWith('PERSON#') && item.sk === 'PERSON' && typeof item.povertyRegistered === 'boolean') {
    await placements.applyPersonFlag(
      item.id as string,
      item.povertyRegistered,
      typeof item.hometownCode === 'string' ? provinceCodeOf(item.hometownCode) : undefined,
    );
  } else if (item.pk.startsWith('POSTING#') && item.sk === 'POSTING') {
    await placements.applyPostingTerms(postingTermsOf(item as Parameters<typeof postingTermsOf>[0]));
  }
}

/** Applies records in order, each person's or posting's changes in the order the stream gave them. */
export async function applyStreamRecords(placements: PlacementRepository, records: readonly StreamRecordImage[]): Promise<void> {
  await applyInItemOrder(records, (record) => applyStreamRecord(placements, record));
}
