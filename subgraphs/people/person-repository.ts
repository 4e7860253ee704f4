import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getManyById } from '../shared/dynamodb/batch-get.js';
import type { Connection, PageArgs } from '../shared/graphql/connection.js';
import { filterScope, queryFacetPage } from '../shared/dynamodb/facet-query.js';
import { ifVersion, transactUnlessStale } from '../shared/dynamodb/versioned-write.js';
import { provinceCodeOf } from '../shared/domain/regions.js';
import { cancellationReasons, transactWrite } from '../shared/dynamodb/transactions.js';
import type { PovertyRegistrationRecord } from '../shared/domain/poverty-registration.js';
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
  /**
   * Not a fact of its own: the household's registration (`povertyRegistration`, copied from the
   * household) as of the day it was written, kept for the people filter's index and the programs
   * subgraph's stream. Only the household's transactions write both (household-repository.ts).
   */
  readonly povertyRegistered: boolean;
  /** The household's registration on the poverty register, copied in the household's own transaction. */
  readonly povertyRegistration?: PovertyRegistrationRecord;
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
    // Conditions on the first and last items: the ID number is new, and so is the person.
    const items = this.itemsOf(person).map((Item, i, all) => ({
      Put: { TableName: this.tableName, Item, ...(i === 0 || i === all.length - 1 ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
    }));
    try {
      await transactWrite(this.documents, [...items, ...(audit ? [auditPut(this.tableName, audit)] : [])]);
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') throw new IdNumberTaken();
      throw error;
    }
    return person;
  }

  /**
   * Replaces `previous` by `next` only if the stored version is still `previous.version`; index
   * items are rewritten in the same transaction, so they always agree with the person.
   * Returns false when someone else changed the person first (nothing is written then).
   */
  async replace(previous: PersonRecord, next: PersonRecord, audit?: AuditEntry): Promise<boolean> {
    return transactUnlessStale(this.documents, [
      this.conditionalPut(previous, next),
      ...this.facetWrites(previous, next),
      ...(audit ? [auditPut(this.tableName, audit)] : []),
    ]);
  }

  /**
   * The Put of `next` over `previous`, only while the stored version is still `previous.version`;
   * with `outsideHousehold`, also only while the person belongs to no household. On a failed
   * condition DynamoDB returns the stored item (none: the person does not exist).
   */
  conditionalPut(previous: PersonRecord, next: PersonRecord, options: { outsideHousehold?: boolean } = {}) {
    const put = ifVersion(previous.version, { TableName: this.tableName, Item: { ...personKey(next.id), entity: 'Person', ...next } });
    return {
      Put: {
        ...put,
        ...(options.outsideHousehold ? { ConditionExpression: `${put.ConditionExpression} AND attribute_not_exists(householdId)` } : {}),
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
      },
    };
  }

  /** The index items to rewrite when `previous` becomes `next` (none when no filtered value changed). */
  facetWrites(previous: PersonRecord, next: PersonRecord) {
    if (sameFilterValues(previous, next)) return [];
    return [
      ...facetsOf(previous)
        .filter((facet) => !facetsOf(next).includes(facet))
        .map((facet) => ({ Delete: { TableName: this.tableName, Key: personFacetKey(previous.id, facet) } })),
      ...this.facetPuts(next),
    ];
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
