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
import { employerProgramsKey, eventKey, facetKey, programKey, statsKey, statsPk, withoutKeys, type StatisticsScope } from './keys.js';

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
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ParticipantRecord {
  readonly employerId: string;
  readonly positions: number;
  readonly postingIds: string[];
}

export interface EventRecord {
  readonly id: string;
  readonly programId: string;
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

  /** The counter items an event's participants count in: the event's and its program's, whole. */
  static participantCounterKeys(event: Pick<EventRecord, 'id' | 'programId'>): { pk: string; sk: string }[] {
    return [statsKey('EVENT', event.id, null), statsKey('PROGRAM', event.programId, null)];
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
   * Writes the event's new participant list if its version is unchanged, and moves the employer and
   * position counters of the event and its program by the difference, in one transaction, so the
   * statistics can never disagree with the participants. False when the event moved first.
   */
  async replaceParticipants(previous: EventRecord, next: EventRecord): Promise<boolean> {
    const employers = next.participants.length - previous.participants.length;
    const positions = next.participants.reduce((s, p) => s + p.positions, 0) - previous.participants.reduce((s, p) => s + p.positions, 0);
    const added = next.participants.filter((p) => !previous.participants.some((q) => q.employerId === p.employerId));
    const deltas = { employers, positionsOffered: positions };
    const written = await transactUnlessStale(this.documents, [
      {
        Update: ifVersion(previous.version, {
          TableName: this.tableName,
          Key: eventKey(previous.id),
          UpdateExpression: 'SET participants = :participants, version = :version',
          ExpressionAttributeValues: { ':participants': next.participants, ':version': next.version },
        }),
      },
      ...(employers !== 0 || positions !== 0
        ? ProgramRepository.participantCounterKeys(previous).map((key) => counterUpdate(this.tableName, key, deltas))
        : []),
    ]);
    if (!written) return false;
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
