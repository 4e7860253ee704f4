import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, getManyById } from '../shared/dynamodb/batch-get.js';
import type { Connection, PageArgs } from '../shared/graphql/connection.js';
import { filterScope, queryFacetPage } from '../shared/dynamodb/facet-query.js';
import { ifVersion, transactUnlessStale } from '../shared/dynamodb/versioned-write.js';
import { provinceCodeOf } from '../shared/domain/regions.js';
import { cancellationReasons, transactWrite } from '../shared/dynamodb/transactions.js';
import { auditPut, type AuditEntry } from './audit.js';
import { idNumberKey, personFacetKey, personKey, withoutKeys } from './keys.js';

export type EmploymentStatus = 'SEEKING_WORK' | 'EMPLOYED' | 'NOT_SEEKING_WORK';

export interface JobIntentionRecord {
  readonly occupations: string[];
  readonly destinationProvinceCodes: string[];
  readonly minimumMonthlyWageYuan?: number;
}

export interface EmploymentRegistrationRecord {
  readonly id: string;
  readonly employerId?: string;
  readonly employerName: string;
  readonly workplaceCode: string;
  readonly startDate: string;
  readonly endDate?: string;
  readonly recordedAt: string;
}

/** A person as stored. `idNumber` and `phone` are stored whole; the API decides what to show. */
export interface PersonRecord {
  readonly id: string;
  readonly name: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly gender: 'FEMALE' | 'MALE';
  readonly birthYear: number;
  readonly hometownCode: string;
  readonly povertyRegistered: boolean;
  readonly householdId?: string;
  readonly skills: string[];
  readonly jobIntention?: JobIntentionRecord;
  readonly employmentStatus: EmploymentStatus;
  readonly registrations: EmploymentRegistrationRecord[];
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface PeopleFilter {
  readonly hometownProvinceCode?: string;
  readonly hometownCountyCode?: string;
  readonly povertyRegistered?: boolean;
  readonly skill?: string;
  readonly employmentStatus?: EmploymentStatus;
}

/** The person's values that filters test; copied onto every facet item so one index serves all filters. */
function filterValues(person: PersonRecord) {
  return {
    hometownProvinceCode: provinceCodeOf(person.hometownCode),
    hometownCountyCode: person.hometownCode,
    povertyRegistered: person.povertyRegistered,
    employmentStatus: person.employmentStatus,
    skills: person.skills,
  };
}

/** One facet per value a person can be found by; `ALL` lists everyone. */
function facetsOf(person: PersonRecord): string[] {
  const values = filterValues(person);
  return [
    'ALL',
    `PROVINCE#${values.hometownProvinceCode}`,
    `COUNTY#${values.hometownCountyCode}`,
    `POOR#${values.povertyRegistered}`,
    `STATUS#${values.employmentStatus}`,
    ...person.skills.map((skill) => `SKILL#${skill}`),
  ];
}

/** The most selective facet the filter names: it keys the Query, the rest become a FilterExpression. */
function primaryFacet(filter: PeopleFilter): { facet: string; covered: keyof PeopleFilter | null } {
  if (filter.hometownCountyCode) return { facet: `COUNTY#${filter.hometownCountyCode}`, covered: 'hometownCountyCode' };
  if (filter.skill) return { facet: `SKILL#${filter.skill}`, covered: 'skill' };
  if (filter.hometownProvinceCode) return { facet: `PROVINCE#${filter.hometownProvinceCode}`, covered: 'hometownProvinceCode' };
  if (filter.employmentStatus) return { facet: `STATUS#${filter.employmentStatus}`, covered: 'employmentStatus' };
  if (filter.povertyRegistered !== undefined) return { facet: `POOR#${filter.povertyRegistered}`, covered: 'povertyRegistered' };
  return { facet: 'ALL', covered: null };
}

const sameFilterValues = (a: PersonRecord, b: PersonRecord) => JSON.stringify(filterValues(a)) === JSON.stringify(filterValues(b));

/** `create` found the ID number registered already; the resolver decides what the caller may be told. */
/** DynamoDB's limit of items in one TransactWriteItems. */
const TRANSACTION_ITEM_LIMIT = 100;

export class IdNumberTaken extends Error {
  constructor() {
    super('A person with this resident ID number is already registered.');
  }
}

export class PersonRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records in the order of `ids`, null where none exists. One BatchGetItem per 100 distinct ids. */
  async getMany(ids: readonly string[]): Promise<(PersonRecord | null)[]> {
    return getManyById<PersonRecord>(this.documents, this.tableName, ids, personKey);
  }

  async get(id: string): Promise<PersonRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: personKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<PersonRecord>(Item) : null;
  }

  /** Ids of the people matching every filter, one page at a time. */
  async findIds(filter: PeopleFilter, page: PageArgs): Promise<Connection<string>> {
    const { facet, covered } = primaryFacet(filter);
    const { skill, ...tested } = filter;
    const equals = Object.fromEntries(Object.entries(tested).filter(([field, value]) => value !== undefined && value !== null && field !== covered)) as Record<
      string,
      string | boolean
    >;
    // Skills are a list on the facet items: a skill not used as the facet is a `contains` filter.
    const contains: Record<string, string> = skill !== undefined && covered !== 'skill' ? { skills: skill } : {};
    const connection = await queryFacetPage<{ personId: string }>(
      this.documents,
      this.tableName,
      { facet, equals, contains, sortKey: 'personId', scope: filterScope('people', filter) },
      page,
    );
    return {
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: node.personId })),
      pageInfo: connection.pageInfo,
    };
  }

  /** The id of the person registered with this (normalised) ID number, or null. */
  async idOfIdNumber(idNumber: string): Promise<string | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: idNumberKey(idNumber), ConsistentRead: true }));
    return typeof Item?.personId === 'string' ? Item.personId : null;
  }

  /**
   * Every item a new person is stored as: the ID number's uniqueness item, the index items, and the
   * person last (a bulk load that stops early leaves no person without its index items).
   */
  itemsOf(person: PersonRecord): Record<string, unknown>[] {
    return [
      { ...idNumberKey(person.idNumber), personId: person.id },
      ...this.facetPuts(person).map((put) => put.Put.Item),
      { ...personKey(person.id), entity: 'Person', ...person },
    ];
  }

  /**
   * Stores a new person. The ID number's uniqueness item is written in the same transaction, so
   * two concurrent registrations of one number cannot both succeed: the loser gets IdNumberTaken.
   */
  async create(person: PersonRecord, audit?: AuditEntry): Promise<PersonRecord> {
    const items = this.conditionalPuts(person);
    try {
      await transactWrite(this.documents, [...items, ...(audit ? [auditPut(this.tableName, audit)] : [])]);
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new IdNumberTaken();
      throw error;
    }
    return person;
  }

  /** Ids of the people registered with these (normalised) ID numbers: one BatchGetItem per 100. */
  async idsOfIdNumbers(idNumbers: readonly string[]): Promise<Map<string, string>> {
    const items = await batchGetItems(this.documents, this.tableName, idNumbers.map(idNumberKey), { consistentRead: true });
    return new Map(
      items.filter((item) => typeof item.personId === 'string').map((item) => [String(item.pk).slice('IDNUMBER#'.length), item.personId as string]),
    );
  }

  /**
   * Stores several new people in as few transactions as DynamoDB's 100 items a transaction allow
   * (a bulk import's chunk: one round trip for about ten people instead of ten). Each group is
   * all or nothing with the same conditions as `create`; a group that fails (an ID number taken
   * meanwhile) is returned for the caller to register person by person, so each gets its own answer.
   */
  async createMany(
    people: readonly { person: PersonRecord; audit: AuditEntry }[],
    concurrency = 4,
  ): Promise<{ created: PersonRecord[]; retry: PersonRecord[] }> {
    const groups: { person: PersonRecord; audit: AuditEntry }[][] = [];
    let group: { person: PersonRecord; audit: AuditEntry }[] = [];
    let size = 0;
    for (const entry of people) {
      const count = this.itemsOf(entry.person).length + 1;
      if (size + count > TRANSACTION_ITEM_LIMIT && group.length > 0) {
        groups.push(group);
        group = [];
        size = 0;
      }
      group.push(entry);
      size += count;
    }
    if (group.length > 0) groups.push(group);

    const created: PersonRecord[] = [];
    const retry: PersonRecord[] = [];
    let next = 0;
    const worker = async () => {
      while (next < groups.length) {
        const entries = groups[next++]!;
        const items = entries.flatMap(({ person, audit }) => [...this.conditionalPuts(person), auditPut(this.tableName, audit)]);
        try {
          await transactWrite(this.documents, items);
          created.push(...entries.map((e) => e.person));
        } catch (error) {
          if (cancellationReasons(error) === null) throw error;
          retry.push(...entries.map((e) => e.person));
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, groups.length) }, worker));
    return { created, retry };
  }

  /** A new person's items as Puts; conditions on the first and last: the ID number is new, and so is the person. */
  private conditionalPuts(person: PersonRecord) {
    return this.itemsOf(person).map((Item, i, all) => ({
      Put: { TableName: this.tableName, Item, ...(i === 0 || i === all.length - 1 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
    }));
  }

  /**
   * Replaces `previous` by `next` only if the stored version is still `previous.version`; index
   * items are rewritten in the same transaction, so they always agree with the person.
   * Returns false when someone else changed the person first (nothing is written then).
   */
  async replace(previous: PersonRecord, next: PersonRecord, audit?: AuditEntry): Promise<boolean> {
    const facetWrites = sameFilterValues(previous, next)
      ? []
      : [
          ...facetsOf(previous)
            .filter((facet) => !facetsOf(next).includes(facet))
            .map((facet) => ({ Delete: { TableName: this.tableName, Key: personFacetKey(previous.id, facet) } })),
          ...this.facetPuts(next),
        ];
    return transactUnlessStale(this.documents, [
      { Put: ifVersion(previous.version, { TableName: this.tableName, Item: { ...personKey(next.id), entity: 'Person', ...next } }) },
      ...facetWrites,
      ...(audit ? [auditPut(this.tableName, audit)] : []),
    ]);
  }

  private facetPuts(person: PersonRecord) {
    const values = filterValues(person);
    return facetsOf(person).map((facet) => ({
      Put: {
        TableName: this.tableName,
        Item: { ...personFacetKey(person.id, facet), entity: 'PersonFacet', facet, personId: person.id, ...values },
      },
    }));
  }
}
