import type { WageReferenceRecord } from '../shared/domain/wage-references.js';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, getManyById } from '../shared/dynamodb/batch-get.js';
import type { Connection, PageArgs } from '../shared/graphql/connection.js';
import { filterScope, queryFacetPage } from '../shared/dynamodb/facet-query.js';
import { ifVersion, transactUnlessStale } from '../shared/dynamodb/versioned-write.js';
import { conflict } from '../shared/graphql/errors.js';
import { cancellationReasons, transactWrite } from '../shared/dynamodb/transactions.js';
import { facetKey, intentionKey, personPlacementsKey, personProfileKey, placementKey, postingTermsKey, statsKey, withoutKeys } from './keys.js';
import { nextRetentionCheck, type PlacementStatus } from './placement-rules.js';
import { counterUpdate, ProgramRepository, type Counter, type EventRecord } from './program-repository.js';

/** What the people stream tells this subgraph about a person. */
export interface PersonProfile {
  readonly povertyRegistered: boolean;
  /** Absent in projections made before it was kept. */
  readonly hometownProvinceCode?: string;
}

export interface TransitionRecord {
  readonly status: PlacementStatus;
  readonly at: string;
  readonly by: string | null;
}
export interface TravelClaimRecord {
  readonly amountFen: number;
  readonly filedAt: string;
  readonly monthsWorked: number;
}
export interface SubsidyClaimRecord {
  readonly month: number;
  readonly contributionFen: number;
  readonly subsidyFen: number;
  readonly filedAt: string;
}

/** A placement in its county's follow-up list: the retention check it waits for and when that falls due. */
export interface FollowUpEntry {
  readonly placementId: string;
  readonly check: PlacementStatus;
  readonly dueOn: string;
}

/** What a RetentionFollowUp resolves from: the entry, its placement, and whether it is overdue as of the query's day. */
export interface FollowUpView extends FollowUpEntry {
  readonly placement: PlacementRecord;
  readonly asOf: string;
}

const followUpFacet = (countyCode: string) => `FOLLOWUP#COUNTY#${countyCode}`;

export interface PlacementRecord {
  readonly id: string;
  readonly personId: string;
  readonly postingId: string;
  readonly programId: string;
  readonly eventId?: string;
  readonly sendingCountyCode: string;
  readonly status: PlacementStatus;
  readonly history: TransitionRecord[];
  /** The registered-poor flag this placement is counted with; the people-stream projection keeps it right. */
  readonly povertyRegistered: boolean;
  readonly hireId?: string;
  readonly hiredAt?: string;
  readonly monthlyWageYuan?: number;
  readonly monthlyWageUpliftYuan?: number;
  /** The like-for-like reference `monthlyWageUpliftYuan` is measured against, as it stood at HIRED. */
  readonly wageReference?: WageReferenceRecord;
  readonly travelReimbursementClaim?: TravelClaimRecord;
  readonly subsidyClaims: SubsidyClaimRecord[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** What the employers stream tells this subgraph about a posting. */
export interface PostingTermsRecord {
  readonly postingId: string;
  /** Whose candidates the posting's placements are (an employer user sees those of its own postings). */
  readonly employerId: string;
  /** The receiving side of its placements: its caseworkers may change them. Absent in projections made before it was kept. */
  readonly workplaceProvinceCode?: string;
  readonly travelReimbursementAfterMonths: number | null;
  readonly hiredPersonIds: string[];
  /** For like-for-like wage comparison. Absent in projections made before they were kept. */
  readonly occupation?: string;
  readonly monthlyWageMinYuan?: number;
}

/** A statistics counter item a placement counts in; county items carry their county code. */
export interface CounterTarget {
  readonly key: { pk: string; sk: string };
  readonly countyCode?: string;
}

/**
 * The counter changes that writing `events` and `placements` one by one would have made: what bulk
 * loaders (the demo, scripts/seed.ts) sum with `counterItems` instead of sending every update.
 */
export function* counterChangesOf(load: { readonly events: readonly EventRecord[]; readonly placements: readonly PlacementRecord[] }) {
  const counted = new Set<string>();
  for (const event of load.events) {
    const deltas = { employers: event.participants.length, positionsOffered: event.participants.reduce((sum, p) => sum + p.positions, 0) };
    for (const key of ProgramRepository.participantCounterKeys(event)) yield { key, deltas };
  }
  for (const placement of load.placements) {
    const deltas: Partial<Record<Counter, number>> = { registeredPoorIntentions: placement.povertyRegistered ? 1 : 0 };
    for (const step of placement.history) deltas[STATUS_COUNTER[step.status]] = (deltas[STATUS_COUNTER[step.status]] ?? 0) + 1;
    if (placement.monthlyWageUpliftYuan !== undefined) Object.assign(deltas, { wageUpliftSumYuan: placement.monthlyWageUpliftYuan, wageUpliftCount: 1 });
    for (const target of PlacementRepository.counterTargets(placement)) {
      const first = !counted.has(`${target.key.pk}|${target.key.sk}|${placement.personId}`);
      counted.add(`${target.key.pk}|${target.key.sk}|${placement.personId}`);
      yield { ...target, deltas: first ? { ...deltas, ...PlacementRepository.personDeltas(placement.povertyRegistered) } : deltas };
    }
  }
}

const targetId = (target: CounterTarget) => `${target.key.pk}|${target.key.sk}`;

/** The counter each status adds one to when a placement reaches it. */
export const STATUS_COUNTER: Readonly<Record<PlacementStatus, Counter>> = {
  INTENT: 'intentions',
  HIRED: 'hires',
  REGISTERED: 'registrations',
  RETAINED_3M: 'retained3m',
  RETAINED_6M: 'retained6m',
  RETAINED_12M: 'retained12m',
  LEFT: 'left',
};

export class PlacementRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(ids: readonly string[]): Promise<(PlacementRecord | null)[]> {
    return getManyById<PlacementRecord>(this.documents, this.tableName, ids, placementKey);
  }

  async get(id: string): Promise<PlacementRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: placementKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<PlacementRecord>(Item) : null;
  }

  async findByIntention(personId: string, postingId: string): Promise<PlacementRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: intentionKey(personId, postingId), ConsistentRead: true }));
    return Item ? this.get(Item.placementId as string) : null;
  }

  /** Placement ids per person, oldest first: one BatchGetItem per 100 people. */
  async idsOfPeople(personIds: readonly string[]): Promise<string[][]> {
    const items = await batchGetItems(this.documents, this.tableName, personIds.map(personPlacementsKey));
    const byPerson = new Map(items.map((item) => [item.personId as string, (item.placementIds ?? []) as string[]]));
    return personIds.map((id) => byPerson.get(id) ?? []);
  }

  async profile(personId: string): Promise<PersonProfile | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: personProfileKey(personId), ConsistentRead: true }));
    if (!Item) return null;
    return {
      povertyRegistered: Item.povertyRegistered === true,
      ...(typeof Item.hometownProvinceCode === 'string' ? { hometownProvinceCode: Item.hometownProvinceCode } : {}),
    };
  }

  /** The projected terms of many postings, in the order of `postingIds` (null: not projected yet). */
  async postingTermsOfMany(postingIds: readonly string[]): Promise<(PostingTermsRecord | null)[]> {
    const items = await batchGetItems(this.documents, this.tableName, postingIds.map(postingTermsKey));
    const byId = new Map(items.map((item) => [item.postingId as string, withoutKeys<PostingTermsRecord>(item)]));
    return postingIds.map((id) => byId.get(id) ?? null);
  }

  async postingTerms(postingId: string): Promise<PostingTermsRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: postingTermsKey(postingId), ConsistentRead: true }));
    return Item ? withoutKeys<PostingTermsRecord>(Item) : null;
  }

  async findIds(filter: { programId?: string; eventId?: string; postingId?: string; status?: PlacementStatus }, page: PageArgs): Promise<Connection<string>> {
    const facet = filter.eventId
      ? `PLACEMENT#EVENT#${filter.eventId}`
      : filter.programId
        ? `PLACEMENT#PROGRAM#${filter.programId}`
        : `PLACEMENT#POSTING#${filter.postingId}`;
    const connection = await queryFacetPage<Record<string, unknown>>(
      this.documents,
      this.tableName,
      { facet, equals: filter.status ? { status: filter.status } : {}, scope: filterScope('placements', filter) },
      page,
    );
    return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.placementId as string })), pageInfo: connection.pageInfo };
  }

  private facets(placement: PlacementRecord): string[] {
    return [
      `PLACEMENT#PROGRAM#${placement.programId}`,
      `PLACEMENT#POSTING#${placement.postingId}`,
      ...(placement.eventId ? [`PLACEMENT#EVENT#${placement.eventId}`] : []),
    ];
  }

  /**
   * The counter items one placement counts in: its program and event, whole and by sending county,
   * and its posting, whole (the posting's placement counts).
   */
  static counterTargets(placement: Pick<PlacementRecord, 'programId' | 'eventId' | 'postingId' | 'sendingCountyCode'>): CounterTarget[] {
    const county = placement.sendingCountyCode;
    return [
      { key: statsKey('PROGRAM', placement.programId, null) },
      { key: statsKey('PROGRAM', placement.programId, county), countyCode: county },
      ...(placement.eventId
        ? [{ key: statsKey('EVENT', placement.eventId, null) }, { key: statsKey('EVENT', placement.eventId, county), countyCode: county }]
        : []),
      { key: statsKey('POSTING', placement.postingId, null) },
    ];
  }

  /** What a person's first intention in a scope adds: one person, one registered-poor person if so. */
  static personDeltas(povertyRegistered: boolean): Partial<Record<Counter, number>> {
    return { people: 1, registeredPoorPeople: povertyRegistered ? 1 : 0 };
  }

  /**
   * The counter targets of `placement` in which none of the person's `earlier` placements counts:
   * there the placement adds a person besides an intention.
   */
  static newPersonTargets(placement: PlacementRecord, earlier: readonly PlacementRecord[]): Set<string> {
    const seen = new Set(earlier.filter((p) => p.id !== placement.id).flatMap((p) => PlacementRepository.counterTargets(p).map(targetId)));
    return new Set(
      PlacementRepository.counterTargets(placement)
        .map(targetId)
        .filter((id) => !seen.has(id)),
    );
  }

  /** The counter updates of one change of a placement. */
  private counters(placement: PlacementRecord, deltas: Partial<Record<Counter, number>>) {
    return PlacementRepository.counterTargets(placement).map((target) => counterUpdate(this.tableName, target.key, deltas, target.countyCode));
  }

  private mergedCounters(placements: readonly PlacementRecord[], delta: number) {
    const merged = new Map<string, CounterTarget & { count: number }>();
    for (const p of placements) {
      for (const target of PlacementRepository.counterTargets(p)) {
        const id = `${target.key.pk}|${target.key.sk}`;
        const entry = merged.get(id) ?? { ...target, count: 0 };
        entry.count += delta;
        merged.set(id, entry);
      }
    }
    // The person counts once per scope, however many of their placements are in it.
    return [...merged.values()].map((e) =>
      counterUpdate(this.tableName, e.key, { registeredPoorIntentions: e.count, registeredPoorPeople: Math.sign(e.count) }, e.countyCode),
    );
  }

  /**
   * The items a new placement consists of besides its counters and its place in the person's list:
   * the intention key (once per person and posting), the facet items and the record, last.
   * `create` writes them in one transaction; bulk loaders (scripts/seed.ts) write the same items.
   */
  itemsOf(placement: PlacementRecord): Record<string, unknown>[] {
    const pk = placementKey(placement.id).pk;
    const facetSort = `${placement.createdAt}#${placement.id}`;
    return [
      { ...intentionKey(placement.personId, placement.postingId), placementId: placement.id },
      ...this.facets(placement).map((facet) => ({ ...facetKey(pk, facet), facet, facetSort, placementId: placement.id, status: placement.status })),
      ...(this.followUpItem(placement) ? [this.followUpItem(placement)!] : []),
      { ...placementKey(placement.id), entity: 'Placement', ...placement },
    ];
  }

  /**
   * The placement's entry in its sending county's follow-up list (the retention check it waits for,
   * sorted by the day it falls due), or null when it waits for none. Kept by `change`.
   */
  private followUpItem(placement: PlacementRecord): Record<string, unknown> | null {
    const next = nextRetentionCheck(placement.status, placement.hiredAt);
    if (!next) return null;
    const facet = followUpFacet(placement.sendingCountyCode);
    return {
      ...facetKey(placementKey(placement.id).pk, facet),
      facet,
      facetSort: `${next.dueOn}#${placement.id}`,
      placementId: placement.id,
      check: next.check,
      dueOn: next.dueOn,
    };
  }

  /** The follow-up entries of a county due on or before `dueBy`, the longest overdue first. */
  async findFollowUps(countyCode: string, dueBy: string, page: PageArgs): Promise<Connection<FollowUpEntry>> {
    const connection = await queryFacetPage<Record<string, unknown>>(
      this.documents,
      this.tableName,
      { facet: followUpFacet(countyCode), sort: { from: '0', to: `${dueBy}#~` }, scope: `followUps:${countyCode}:${dueBy}` },
      page,
    );
    return {
      edges: connection.edges.map((e) => ({
        cursor: e.cursor,
        node: { placementId: e.node.placementId as string, check: e.node.check as PlacementStatus, dueOn: e.node.dueOn as string },
      })),
      pageInfo: connection.pageInfo,
    };
  }

  /**
   * The projection of a person, as the people stream leaves it: the registered-poor flag and the
   * home province (whose caseworkers may change the person's placements), nothing else.
   */
  personProfileItem(personId: string, povertyRegistered: boolean, hometownProvinceCode?: string): Record<string, unknown> {
    return { ...personProfileKey(personId), personId, povertyRegistered, ...(hometownProvinceCode ? { hometownProvinceCode } : {}) };
  }

  /** The projection of a posting, as the employers stream leaves it. */
  postingTermsItem(terms: PostingTermsRecord): Record<string, unknown> {
    return { ...postingTermsKey(terms.postingId), ...terms };
  }

  /** The item listing a person's placements, oldest first, as `create` keeps it. */
  personPlacementsItem(personId: string, placementIds: readonly string[]): Record<string, unknown> {
    return { ...personPlacementsKey(personId), personId, placementIds: [...placementIds] };
  }

  /**
   * Stores a new placement in INTENT with its facet items, its intention key (once per person and
   * posting), its place in the person's list and its counters, in one transaction. The flag it is
   * counted with must still be the projection's (ConditionCheck), so a concurrent flag change
   * either sees this placement in the person's list or makes this write retry.
   * Returns the existing placement when the intention was recorded before.
   */
  async create(placement: PlacementRecord, profile: { povertyRegistered: boolean } | null): Promise<PlacementRecord> {
    for (let attempt = 1; ; attempt++) {
      // The person's earlier placements tell in which scopes this one adds a person; the list must
      // not change before the write (a concurrent intention of the same person makes this retry).
      const { Item: list } = await this.documents.send(
        new GetCommand({ TableName: this.tableName, Key: personPlacementsKey(placement.personId), ConsistentRead: true }),
      );
      const earlierIds = (list?.placementIds ?? []) as string[];
      const earlier = (await this.getMany(earlierIds)).filter((p): p is PlacementRecord => p !== null);
      const newPerson = PlacementRepository.newPersonTargets(placement, earlier);
      const [intention, ...items] = this.itemsOf(placement);
      const deltas = { intentions: 1, registeredPoorIntentions: placement.povertyRegistered ? 1 : 0 };
      try {
        await transactWrite(this.documents, [
          { Put: { TableName: this.tableName, Item: intention!, ConditionExpression: 'attribute_not_exists(pk)' } },
          {
            ConditionCheck: {
              TableName: this.tableName,
              Key: personProfileKey(placement.personId),
              ...(profile
                ? { ConditionExpression: 'povertyRegistered = :flag', ExpressionAttributeValues: { ':flag': profile.povertyRegistered } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          {
            Update: {
              TableName: this.tableName,
              Key: personPlacementsKey(placement.personId),
              UpdateExpression: 'SET personId = :person, placementIds = list_append(if_not_exists(placementIds, :empty), :ids)',
              ConditionExpression: list ? 'size(placementIds) = :count' : 'attribute_not_exists(pk)',
              ExpressionAttributeValues: {
                ':person': placement.personId,
                ':empty': [],
                ':ids': [placement.id],
                ...(list ? { ':count': earlierIds.length } : {}),
              },
            },
          },
          ...items.map((Item) => ({ Put: { TableName: this.tableName, Item } })),
          ...PlacementRepository.counterTargets(placement).map((target) =>
            counterUpdate(
              this.tableName,
              target.key,
              newPerson.has(targetId(target)) ? { ...deltas, ...PlacementRepository.personDeltas(placement.povertyRegistered) } : deltas,
              target.countyCode,
            ),
          ),
        ]);
        return placement;
      } catch (error) {
        const reasons = cancellationReasons(error);
        if (reasons?.[0] === 'ConditionalCheckFailed') {
          const existing = await this.findByIntention(placement.personId, placement.postingId);
          if (existing) return existing;
        }
        if (reasons?.[1] === 'ConditionalCheckFailed') {
          throw conflict(`The registered-poor flag of person "${placement.personId}" changed while the intention was recorded; retry.`, {
            field: 'input.personId',
          });
        }
        if (reasons?.[2] === 'ConditionalCheckFailed' && attempt < 10) continue;
        throw error;
      }
    }
  }

  /**
   * Writes `next` over `previous` if the placement's version is still `previous.version`, with its
   * facet items' status and the counters `deltas`, in one transaction. False when another change
   * won (nothing is written then).
   */
  async change(previous: PlacementRecord, next: PlacementRecord, deltas: Partial<Record<Counter, number>>): Promise<boolean> {
    const pk = placementKey(next.id).pk;
    return transactUnlessStale(this.documents, [
      { Put: ifVersion(previous.version, { TableName: this.tableName, Item: { ...placementKey(next.id), entity: 'Placement', ...next } }) },
      ...(previous.status !== next.status
        ? this.facets(next).map((facet) => ({
            Update: {
              TableName: this.tableName,
              Key: facetKey(pk, facet),
              UpdateExpression: 'SET #status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':status': next.status },
            },
          }))
        : []),
      ...this.followUpWrites(previous, next),
      ...(Object.values(deltas).some((d) => d !== 0) ? this.counters(next, deltas) : []),
    ]);
  }

  /** The follow-up entry's change when a move changes the check awaited (one key per placement: put or delete). */
  private followUpWrites(previous: PlacementRecord, next: PlacementRecord) {
    const before = this.followUpItem(previous);
    const after = this.followUpItem(next);
    if (JSON.stringify(before) === JSON.stringify(after)) return [];
    if (after) return [{ Put: { TableName: this.tableName, Item: after } }];
    return [{ Delete: { TableName: this.tableName, Key: facetKey(placementKey(next.id).pk, followUpFacet(next.sendingCountyCode)) } }];
  }

  /**
   * Applies a person's registered-poor flag from the people table's stream: stores the projection
   * and, for every placement of the person counted with the other flag, flips the placement's flag
   * and moves `registeredPoorIntentions` of its program and event, all in one transaction conditioned
   * on the person's placement list not having changed since read. Applying the same image twice
   * changes nothing, so stream redelivery is harmless.
   */
  async applyPersonFlag(personId: string, povertyRegistered: boolean, hometownProvinceCode?: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const { Item: list } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: personPlacementsKey(personId), ConsistentRead: true }));
      const ids = (list?.placementIds ?? []) as string[];
      const placements = (await this.getMany(ids)).filter((p): p is PlacementRecord => p !== null);
      const stale = placements.filter((p) => p.povertyRegistered !== povertyRegistered);
      const delta = povertyRegistered ? 1 : -1;
      try {
        await transactWrite(this.documents, [
          { Put: { TableName: this.tableName, Item: this.personProfileItem(personId, povertyRegistered, hometownProvinceCode) } },
          {
            ConditionCheck: {
              TableName: this.tableName,
              Key: personPlacementsKey(personId),
              ...(list
                ? { ConditionExpression: 'size(placementIds) = :count', ExpressionAttributeValues: { ':count': ids.length } }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          ...stale.map((p) => ({
            Update: {
              TableName: this.tableName,
              Key: placementKey(p.id),
              UpdateExpression: 'SET povertyRegistered = :flag',
              ConditionExpression: 'povertyRegistered = :old',
              ExpressionAttributeValues: { ':flag': povertyRegistered, ':old': p.povertyRegistered },
            },
          })),
          // A transaction may touch an item once: placements sharing a program, event or county add up into one update each.
          ...this.mergedCounters(stale, delta),
        ]);
        return;
      } catch (error) {
        if (attempt >= 10 || cancellationReasons(error) === null) throw error;
      }
    }
  }

  /** Applies a posting image from the employers table's stream (last image wins: the stream is ordered per item). */
  async applyPostingTerms(terms: PostingTermsRecord): Promise<void> {
    await transactWrite(this.documents, [{ Put: { TableName: this.tableName, Item: this.postingTermsItem(terms) } }]);
  }
}
