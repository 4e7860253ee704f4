import type { ProgramWageReference } from '../shared/domain/wage-references.js';
import type { SubsidyScheme } from '../shared/domain/subsidy-schemes.js';
import { GetCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, getManyById } from '../shared/dynamodb/batch-get.js';
import type { Connection, PageArgs } from '../shared/graphql/connection.js';
import { filterScope, queryFacetPage } from '../shared/dynamodb/facet-query.js';
import { ifVersion, transactUnlessStale } from '../shared/dynamodb/versioned-write.js';
import { notFound } from '../shared/graphql/errors.js';
import { provinceCodeOf } from '../shared/domain/regions.js';
import { cancellationReasons, transactWrite } from '../shared/dynamodb/transactions.js';
import { employerProgramsKey, eventKey, facetKey, programEmployerKey, programKey, statsKey, statsPk, withoutKeys, type StatisticsScope } from './keys.js';

export type ProgramKind = 'EAST_WEST' | 'INTRA_PROVINCE' | 'PROJECT_COUNTY';
export type ResponsibilityStatus = 'OPEN' | 'IN_PROGRESS' | 'DONE';
export type WorkstationDuty = 'COOPERATION' | 'LABOR_EXPORT' | 'RIGHTS_PROTECTION' | 'SERVICES';

export interface JobDemandRecord {
  readonly employerId?: string;
  readonly sector: string;
  readonly regionCode: string;
  readonly positions: number;
}
export interface JobSupplyRecord {
  readonly sendingCountyCode: string;
  readonly skill: string;
  readonly workers: number;
}
export interface ResponsibilityRecord {
  readonly party: string;
  readonly duty: string;
  readonly dueOn: string;
  readonly status: ResponsibilityStatus;
}
export interface ProgramReportRecord {
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly workersRegistered: number;
  readonly workersRegisteredChange: number;
  readonly newlyHelpedPoorLaborers: number;
  readonly source: string;
}
export interface WorkstationRecord {
  readonly id: string;
  readonly programId: string;
  readonly hostArea: string;
  readonly hostRegionCodes: string[];
  readonly sendingRegionCode: string;
  readonly duties: WorkstationDuty[];
  readonly contact: string;
}

export interface PairingRecord {
  readonly receivingRegionCode: string;
  readonly sendingCountyCodes: string[];
  readonly agreedOn?: string;
  readonly terms: string[];
}
/** A pairing as the API resolves it: with its program, whose county statistics it sums. */
export type PairingView = PairingRecord & { readonly programId: string };
export interface PairingRuleRecord {
  readonly minimumSendingCountiesPerReceiver: number;
  readonly fullCoverage: boolean;
  readonly description: string;
}

export interface ProgramRecord {
  readonly id: string;
  readonly name: string;
  readonly kind: ProgramKind;
  readonly sendingRegionCodes: string[];
  readonly receivingRegionCodes: string[];
  readonly organisingDepartment: string;
  readonly startsOn: string;
  readonly endsOn?: string;
  readonly agreementTerms: string[];
  readonly jobDemandList: JobDemandRecord[];
  readonly jobSupplyList: JobSupplyRecord[];
  readonly responsibilityList: ResponsibilityRecord[];
  /** Few per program (one per reporting period): kept on the record, read with it. */
  readonly reports: ProgramReportRecord[];
  /** Tens per program at most (Yunnan: 26): kept on the record, read with it. */
  readonly workstations: WorkstationRecord[];
  /** "Similar jobs in the sending region" as the program's source states it: the uplift reference. */
  readonly wageReference?: ProgramWageReference;
  /** The social insurance subsidy the program's terms carry; subsidy claims need one. */
  readonly socialInsuranceSubsidyScheme?: SubsidyScheme;
  readonly provenance?: ProvenanceRecord;
  /** Tens per program at most (Hebei: 9): kept on the record. Absent in programs stored before pairings. */
  readonly pairings?: PairingRecord[];
  readonly pairingRule?: PairingRuleRecord;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/**
 * What a program counts of one employer, however many of its events the employer took part in: the
 * employer once, the most positions it offered at one event, and every posting it brought (Yichang's
 * 206 employers at four quarterly fairs are 206 employers of the program, not 824).
 */
export interface ProgramEmployerRecord {
  readonly programId: string;
  readonly employerId: string;
  readonly positions: number;
  readonly postingIds: string[];
  readonly version: number;
}

/** The record after `participant` took part in one more of the program's events, and what the program's counters gain. */
export function mergeProgramEmployer(programId: string, before: ProgramEmployerRecord | null, participant: ParticipantRecord) {
  const postingIds = [...new Set([...(before?.postingIds ?? []), ...participant.postingIds])].sort();
  const positions = Math.max(before?.positions ?? 0, participant.positions);
  const deltas = {
    employers: before ? 0 : 1,
    positionsOffered: positions - (before?.positions ?? 0),
    postingsOffered: postingIds.length - (before?.postingIds.length ?? 0),
  };
  const changed = !before || Object.values(deltas).some((d) => d !== 0);
  const record: ProgramEmployerRecord = { programId, employerId: participant.employerId, positions, postingIds, version: (before?.version ?? 0) + 1 };
  return { record, deltas, changed };
}

/** An event's own counters for its participant list: every participant and posting at that event. */
const eventTotals = (participants: readonly ParticipantRecord[]) => ({
  employers: participants.length,
  positionsOffered: participants.reduce((sum, p) => sum + p.positions, 0),
  postingsOffered: participants.reduce((sum, p) => sum + p.postingIds.length, 0),
});

/**
 * The counter changes and program-employer records a bulk load of `events` leaves (the demo,
 * scripts/seed.ts): each event counts its participants; each program its distinct employers once.
 */
export function participantChangesOf(events: readonly EventRecord[]) {
  const records = new Map<string, ProgramEmployerRecord>();
  const changes: { key: { pk: string; sk: string }; deltas: Partial<Record<Counter, number>> }[] = [];
  for (const event of events) {
    changes.push({ key: statsKey('EVENT', event.id, null), deltas: eventTotals(event.participants) });
    for (const participant of event.participants) {
      const id = `${event.programId}|${participant.employerId}`;
      const merged = mergeProgramEmployer(event.programId, records.get(id) ?? null, participant);
      records.set(id, merged.record);
      changes.push({ key: statsKey('PROGRAM', event.programId, null), deltas: merged.deltas });
    }
  }
  return { changes, records: [...records.values()] };
}

/** Where a demo record comes from (the API's own writes carry none). */
export interface ProvenanceRecord {
  readonly illustrative: boolean;
  readonly source: string;
  readonly note?: string;
}

export interface ParticipantRecord {
  readonly employerId: string;
  readonly positions: number;
  readonly postingIds: string[];
}

export interface EventRecord {
  readonly id: string;
  readonly programId: string;
  /** FAIR when absent (events stored before campaigns were told apart). */
  readonly kind?: 'FAIR' | 'CAMPAIGN';
  /** The CAMPAIGN of the same program this fair is one event of. */
  readonly campaignId?: string;
  readonly provenance?: ProvenanceRecord;
  readonly name: string;
  readonly heldOn: string;
  readonly venueCode: string;
  /** Hundreds at most (Fengdu: 212), so the event keeps them. */
  readonly participants: ParticipantRecord[];
  readonly attendance?: number;
  readonly version: number;
  readonly createdAt: string;
}

export interface ProgramsFilter {
  readonly kind?: ProgramKind;
  readonly sendingProvinceCode?: string;
  readonly receivingProvinceCode?: string;
}
export interface EventsFilter {
  readonly programId?: string;
  readonly venueProvinceCode?: string;
  readonly from?: string;
  readonly to?: string;
}

/** Attributes every statistics counter item carries, all starting at zero (ADD creates them). */
export type Counter =
  | 'employers'
  | 'positionsOffered'
  | 'postingsOffered'
  | 'intentions'
  | 'registeredPoorIntentions'
  | 'hires'
  | 'registrations'
  | 'retained3m'
  | 'retained6m'
  | 'retained12m'
  | 'left'
  | 'wageUpliftSumYuan'
  | 'wageUpliftCount'
  // Distinct people with an intention in the scope, and of them the registered poor: a person with
  // intentions for four postings is four `intentions` (placements) and one of `people`.
  | 'people'
  | 'registeredPoorPeople';

/** An Update that adds `deltas` to one counter item; ADD creates missing attributes and items. */
export function counterUpdate(tableName: string, key: Record<string, string>, deltas: Partial<Record<Counter, number>>, countyCode?: string) {
  const entries = Object.entries(deltas).filter(([, d]) => d !== 0);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const adds = entries.map(([counter, delta], i) => {
    names[`#c${i}`] = counter;
    values[`:c${i}`] = delta;
    return `#c${i} :c${i}`;
  });
  return {
    Update: {
      TableName: tableName,
      Key: key,
      UpdateExpression: `ADD ${adds.join(', ')}${countyCode ? ' SET countyCode = :county' : ''}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: { ...values, ...(countyCode ? { ':county': countyCode } : {}) },
    },
  };
}

export type StatisticsItem = Partial<Record<Counter, number>> & { readonly countyCode?: string; readonly sk: string };

/** What statistics are kept for: a program, an event or a posting. */
export interface StatisticsOwner {
  readonly scope: StatisticsScope;
  readonly id: string;
}
export const statisticsOwnerKey = (owner: StatisticsOwner) => `${owner.scope}#${owner.id}`;

/**
 * Counter items as the ADD updates of many changes leave them, summed per item: for bulk loaders
 * (scripts/seed.ts), which write the items the transactions would have built up.
 */
export function counterItems(
  changes: Iterable<{ key: { pk: string; sk: string }; countyCode?: string; deltas: Partial<Record<Counter, number>> }>,
): Record<string, unknown>[] {
  const items = new Map<string, Record<string, unknown>>();
  for (const { key, countyCode, deltas } of changes) {
    const id = `${key.pk}|${key.sk}`;
    const item = items.get(id) ?? { ...key, ...(countyCode ? { countyCode } : {}) };
    for (const [counter, delta] of Object.entries(deltas)) if (delta) item[counter] = Number(item[counter] ?? 0) + delta;
    items.set(id, item);
  }
  return [...items.values()];
}

export class ProgramRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** The item of a program-employer record, as replaceParticipants keeps it and bulk loaders write it. */
  programEmployerItem(record: ProgramEmployerRecord): Record<string, unknown> {
    return { ...programEmployerKey(record.programId, record.employerId), entity: 'ProgramEmployer', ...record };
  }

  async getMany(ids: readonly string[]): Promise<(ProgramRecord | null)[]> {
    return getManyById<ProgramRecord>(this.documents, this.tableName, ids, programKey);
  }

  async get(id: string): Promise<ProgramRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: programKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<ProgramRecord>(Item) : null;
  }

  async getEvents(ids: readonly string[]): Promise<(EventRecord | null)[]> {
    return getManyById<EventRecord>(this.documents, this.tableName, ids, eventKey);
  }

  async getEvent(id: string): Promise<EventRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: eventKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<EventRecord>(Item) : null;
  }

  /** Program ids per employer: one BatchGetItem per 100 employers. */
  async programIdsOfEmployers(employerIds: readonly string[]): Promise<string[][]> {
    const items = await batchGetItems(this.documents, this.tableName, employerIds.map(employerProgramsKey));
    const byEmployer = new Map(items.map((item) => [item.employerId as string, [...((item.programIds as Set<string> | undefined) ?? [])].sort()]));
    return employerIds.map((id) => byEmployer.get(id) ?? []);
  }

  /**
   * The whole-scope (TOTAL) counter items of many programs, events or postings, in the order of
   * `owners`, null where nothing was counted yet: one BatchGetItem per 100.
   */
  async statisticsTotals(owners: readonly StatisticsOwner[]): Promise<(StatisticsItem | null)[]> {
    const keys = owners.map((owner) => statsKey(owner.scope, owner.id, null));
    const items = await batchGetItems(this.documents, this.tableName, keys);
    const byPk = new Map(items.map((item) => [item.pk as string, item as StatisticsItem]));
    return keys.map((key) => byPk.get(key.pk) ?? null);
  }

  /** The per-county counter items of a program or event: one Query on its own partition, never a Scan. */
  async countyStatistics({ scope, id }: StatisticsOwner): Promise<StatisticsItem[]> {
    const items: StatisticsItem[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.documents.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :county)',
          ExpressionAttributeValues: { ':pk': statsPk(scope, id), ':county': 'COUNTY#' },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...((page.Items ?? []) as StatisticsItem[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  programItems(program: ProgramRecord): Record<string, unknown>[] {
    const pk = programKey(program.id).pk;
    const facetSort = `${program.createdAt}#${program.id}`;
    const common = {
      programId: program.id,
      kind: program.kind,
      sendingProvinceCodes: [...new Set(program.sendingRegionCodes.map(provinceCodeOf))],
      receivingProvinceCodes: [...new Set(program.receivingRegionCodes.map(provinceCodeOf))],
    };
    const facets = [
      'PROGRAM#ALL',
      `PROGRAM#KIND#${program.kind}`,
      ...common.sendingProvinceCodes.map((p) => `PROGRAM#SENDING#${p}`),
      ...common.receivingProvinceCodes.map((p) => `PROGRAM#RECEIVING#${p}`),
    ];
    return [
      ...facets.map((facet) => ({ ...facetKey(pk, facet), facet, facetSort, ...common })),
      { ...programKey(program.id), entity: 'CooperationProgram', ...program },
    ];
  }

  async create(program: ProgramRecord): Promise<ProgramRecord> {
    const items = this.programItems(program);
    await transactWrite(
      this.documents,
      items.map((Item) => ({ Put: { TableName: this.tableName, Item, ...(Item.entity ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) } })),
    );
    return program;
  }

  /** Replaces the program record if its version is still `previous.version`; false when it moved (nothing written). Facets never change: kind and regions are fixed at creation. */
  async replace(previous: ProgramRecord, next: ProgramRecord): Promise<boolean> {
    return transactUnlessStale(this.documents, [
      { Put: ifVersion(previous.version, { TableName: this.tableName, Item: { ...programKey(next.id), entity: 'CooperationProgram', ...next } }) },
    ]);
  }

  async findProgramIds(filter: ProgramsFilter, page: PageArgs): Promise<Connection<string>> {
    const facet = filter.sendingProvinceCode
      ? `PROGRAM#SENDING#${filter.sendingProvinceCode}`
      : filter.receivingProvinceCode
        ? `PROGRAM#RECEIVING#${filter.receivingProvinceCode}`
        : filter.kind
          ? `PROGRAM#KIND#${filter.kind}`
          : 'PROGRAM#ALL';
    const connection = await queryFacetPage<Record<string, unknown>>(
      this.documents,
      this.tableName,
      {
        facet,
        equals: filter.kind && !facet.startsWith('PROGRAM#KIND') ? { kind: filter.kind } : {},
        contains: filter.sendingProvinceCode && filter.receivingProvinceCode ? { receivingProvinceCodes: filter.receivingProvinceCode } : {},
        descending: true,
        scope: filterScope('programs', filter),
      },
      page,
    );
    return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.programId as string })), pageInfo: connection.pageInfo };
  }

  async findEventIds(filter: EventsFilter, page: PageArgs): Promise<Connection<string>> {
    const facet = filter.programId ? `EVENT#PROGRAM#${filter.programId}` : filter.venueProvinceCode ? `EVENT#VENUE#${filter.venueProvinceCode}` : 'EVENT#ALL';
    const connection = await queryFacetPage<Record<string, unknown>>(
      this.documents,
      this.tableName,
      {
        facet,
        equals: filter.programId && filter.venueProvinceCode ? { venueProvinceCode: filter.venueProvinceCode } : {},
        // Events sort by date: a date range is a key condition, not a filter.
        sort: { from: filter.from ?? '0000-00-00', to: `${filter.to ?? '9999-12-31'}#~` },
        scope: filterScope('events', filter),
      },
      page,
    );
    return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.eventId as string })), pageInfo: connection.pageInfo };
  }

  /** The item listing the programs at whose events an employer took part, as `replaceParticipants` keeps it. */
  employerProgramsItem(employerId: string, programIds: Iterable<string>): Record<string, unknown> {
    return { ...employerProgramsKey(employerId), employerId, programIds: new Set(programIds) };
  }

  eventItems(event: EventRecord): Record<string, unknown>[] {
    const pk = eventKey(event.id).pk;
    const common = {
      eventId: event.id,
      programId: event.programId,
      venueProvinceCode: provinceCodeOf(event.venueCode),
      facetSort: `${event.heldOn}#${event.id}`,
    };
    const facets = ['EVENT#ALL', `EVENT#PROGRAM#${event.programId}`, `EVENT#VENUE#${common.venueProvinceCode}`];
    return [...facets.map((facet) => ({ ...facetKey(pk, facet), facet, ...common })), { ...eventKey(event.id), entity: 'RecruitmentEvent', ...event }];
  }

  /** Stores a new event of an existing program. */
  async createEvent(event: EventRecord): Promise<EventRecord> {
    const items = this.eventItems(event);
    try {
      await transactWrite(this.documents, [
        ...items.map((Item) => ({ Put: { TableName: this.tableName, Item, ...(Item.entity ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) } })),
        { ConditionCheck: { TableName: this.tableName, Key: programKey(event.programId), ConditionExpression: 'attribute_exists(pk)' } },
      ]);
    } catch (error) {
      if (cancellationReasons(error)?.[items.length] === 'ConditionalCheckFailed') throw notFound('program', event.programId);
      throw error;
    }
    return event;
  }

  /**
   * Writes the event's new participant list if its version is unchanged, moves the event's counters
   * by the difference, and counts each employer new to the program once (its program-employer record,
   * conditioned on being as read), all in one transaction, so the statistics can never disagree with
   * the participants. False when the event or a program-employer record moved first (retry).
   */
  async replaceParticipants(previous: EventRecord, next: EventRecord): Promise<boolean> {
    const before = eventTotals(previous.participants);
    const after = eventTotals(next.participants);
    const eventDeltas = {
      employers: after.employers - before.employers,
      positionsOffered: after.positionsOffered - before.positionsOffered,
      postingsOffered: after.postingsOffered - before.postingsOffered,
    };
    const touched = next.participants.filter((p) => {
      const old = previous.participants.find((q) => q.employerId === p.employerId);
      return !old || old.positions !== p.positions || old.postingIds.join() !== p.postingIds.join();
    });
    const items = await batchGetItems(
      this.documents,
      this.tableName,
      touched.map((p) => programEmployerKey(previous.programId, p.employerId)),
    );
    const byEmployer = new Map(items.map((item) => [item.employerId as string, withoutKeys<ProgramEmployerRecord>(item)]));
    const stored = touched.map((p) => byEmployer.get(p.employerId) ?? null);
    const programDeltas: Partial<Record<Counter, number>> = { employers: 0, positionsOffered: 0, postingsOffered: 0 };
    const recordWrites = touched.flatMap((participant, i) => {
      const merged = mergeProgramEmployer(previous.programId, stored[i] ?? null, participant);
      if (!merged.changed) return [];
      for (const [counter, delta] of Object.entries(merged.deltas)) programDeltas[counter as Counter]! += delta;
      const was = stored[i];
      return [
        {
          Put: {
            TableName: this.tableName,
            Item: this.programEmployerItem(merged.record),
            ...(was
              ? { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': was.version } }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
      ];
    });
    const added = next.participants.filter((p) => !previous.participants.some((q) => q.employerId === p.employerId));
    try {
      await transactWrite(this.documents, [
        {
          Update: ifVersion(previous.version, {
            TableName: this.tableName,
            Key: eventKey(previous.id),
            UpdateExpression: 'SET participants = :participants, version = :version',
            ExpressionAttributeValues: { ':participants': next.participants, ':version': next.version },
          }),
        },
        ...(Object.values(eventDeltas).some((d) => d !== 0) ? [counterUpdate(this.tableName, statsKey('EVENT', previous.id, null), eventDeltas)] : []),
        ...(Object.values(programDeltas).some((d) => d !== 0)
          ? [counterUpdate(this.tableName, statsKey('PROGRAM', previous.programId, null), programDeltas)]
          : []),
        ...recordWrites,
      ]);
    } catch (error) {
      if (cancellationReasons(error)?.includes('ConditionalCheckFailed')) return false;
      throw error;
    }
    // Employer.programs is a lookup aid, not an invariant: added after the transaction (a string set, so retries are harmless).
    await Promise.all(
      added.map((p) =>
        this.documents.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: employerProgramsKey(p.employerId),
            UpdateExpression: 'ADD programIds :ids SET employerId = :employer',
            ExpressionAttributeValues: { ':ids': new Set([previous.programId]), ':employer': p.employerId },
          }),
        ),
      ),
    );
    return true;
  }

  async setAttendance(previous: EventRecord, attendance: number): Promise<EventRecord | null> {
    const next = { ...previous, attendance, version: previous.version + 1 };
    try {
      await this.documents.send(
        new UpdateCommand(
          ifVersion(previous.version, {
            TableName: this.tableName,
            Key: eventKey(previous.id),
            UpdateExpression: 'SET attendance = :attendance, version = :version',
            ExpressionAttributeValues: { ':attendance': attendance, ':version': next.version },
          }),
        ),
      );
      return next;
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return null;
      throw error;
    }
  }
}
