import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getManyById } from '../shared/dynamodb/batch-get.js';
import type { Connection, PageArgs } from '../shared/graphql/connection.js';
import { conflict } from '../shared/graphql/errors.js';
import { findRegion, provinceCodeOf } from '../shared/domain/regions.js';
import { cancellationReasons, transactWrite } from '../shared/dynamodb/transactions.js';
import { queryFacetPage, filterScope } from '../shared/dynamodb/facet-query.js';
import { ifVersion, transactUnlessStale } from '../shared/dynamodb/versioned-write.js';
import { creditCodeKey, employerFacet, employerFacetKey, employerKey, withoutKeys } from './keys.js';

export type Industry =
  | 'AGRICULTURE'
  | 'MINING'
  | 'MANUFACTURING'
  | 'UTILITIES'
  | 'CONSTRUCTION'
  | 'WHOLESALE_RETAIL'
  | 'TRANSPORT_LOGISTICS'
  | 'HOSPITALITY_CATERING'
  | 'INFORMATION_TECHNOLOGY'
  | 'FINANCE'
  | 'REAL_ESTATE'
  | 'BUSINESS_SERVICES'
  | 'RESIDENT_SERVICES'
  | 'EDUCATION'
  | 'HEALTH_SOCIAL_WORK'
  | 'CULTURE_SPORTS';

export type EmployerSize = 'MICRO' | 'SMALL' | 'MEDIUM' | 'LARGE';

/** Stored whole; the API masks it. */
export interface ContactPersonRecord {
  readonly name: string;
  readonly phone: string;
}

export interface EmployerRecord {
  readonly id: string;
  readonly name: string;
  readonly unifiedSocialCreditCode: string;
  readonly regionCode: string;
  readonly industry: Industry;
  readonly size: EmployerSize;
  readonly contactPerson: ContactPersonRecord;
  /** Sum of the headcount of the employer's postings; kept by the posting writes, not by `version`. */
  readonly positionsOffered: number;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields `updateEmployer` may change. */
export type EmployerDetails = Pick<EmployerRecord, 'name' | 'regionCode' | 'industry' | 'size' | 'contactPerson'>;

export interface EmployersFilter {
  readonly provinceCode?: string;
  readonly cityCode?: string;
  readonly industry?: Industry;
}

/** The employer's values that filters test; copied onto every facet item so one index serves all filters. */
function filterValues(employer: Pick<EmployerRecord, 'regionCode' | 'industry'>) {
  const cityCode = findRegion(employer.regionCode)?.city?.code;
  return {
    provinceCode: provinceCodeOf(employer.regionCode),
    ...(cityCode ? { cityCode } : {}),
    industry: employer.industry,
  };
}

/** One facet per value an employer can be found by; `ALL` lists every employer. */
function facetsOf(employer: Pick<EmployerRecord, 'regionCode' | 'industry'>): string[] {
  const values = filterValues(employer);
  return ['ALL', `PROVINCE#${values.provinceCode}`, ...(values.cityCode ? [`CITY#${values.cityCode}`] : []), `INDUSTRY#${values.industry}`];
}

/** The most selective facet the filter names keys the Query; the rest are tested on its items. */
function primaryFacet(filter: EmployersFilter): { facet: string; covered: keyof EmployersFilter | null } {
  if (filter.cityCode) return { facet: `CITY#${filter.cityCode}`, covered: 'cityCode' };
  if (filter.provinceCode) return { facet: `PROVINCE#${filter.provinceCode}`, covered: 'provinceCode' };
  if (filter.industry) return { facet: `INDUSTRY#${filter.industry}`, covered: 'industry' };
  return { facet: 'ALL', covered: null };
}

export class EmployerRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  /** Records in the order of `ids`, null where none exists. One BatchGetItem per 100 distinct ids. */
  async getMany(ids: readonly string[]): Promise<(EmployerRecord | null)[]> {
    return getManyById<EmployerRecord>(this.documents, this.tableName, ids, employerKey);
  }

  async get(id: string): Promise<EmployerRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: employerKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<EmployerRecord>(Item) : null;
  }

  /** Ids of the employers matching every filter, one page at a time. */
  async findIds(filter: EmployersFilter, page: PageArgs): Promise<Connection<string>> {
    const { facet, covered } = primaryFacet(filter);
    const equals = Object.fromEntries(Object.entries(filter).filter(([field, value]) => value !== undefined && field !== covered)) as Record<string, string>;
    const connection = await queryFacetPage<{ employerId: string }>(
      this.documents,
      this.tableName,
      { facet: employerFacet(facet), equals, scope: filterScope('employers', filter) },
      page,
    );
    return {
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: node.employerId })),
      pageInfo: connection.pageInfo,
    };
  }

  /**
   * Every item a new employer consists of, in the order they must exist: index and uniqueness
   * items first, the employer last. `create` writes them in one transaction; the demo loader
   * writes the same items in batches, and seeing the employer item then means the rest is there.
   */
  itemsOf(employer: EmployerRecord): Record<string, unknown>[] {
    return [
      { ...creditCodeKey(employer.unifiedSocialCreditCode), entity: 'CreditCode', employerId: employer.id },
      ...this.facetItems(employer),
      { ...employerKey(employer.id), entity: 'Employer', ...employer },
    ];
  }

  /**
   * Stores a new employer. The credit code's uniqueness item is written in the same transaction,
   * so two concurrent registrations of one code cannot both succeed.
   */
  async create(employer: EmployerRecord): Promise<EmployerRecord> {
    try {
      await transactWrite(
        this.documents,
        this.itemsOf(employer).map((Item) => ({
          Put: {
            TableName: this.tableName,
            Item,
            ...(Item.entity === 'CreditCode' || Item.entity === 'Employer' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
          },
        })),
      );
    } catch (error) {
      if (cancellationReasons(error)?.[0] === 'ConditionalCheckFailed') {
        throw conflict(
          'input.unifiedSocialCreditCode: an employer with this unified social credit code is already registered; look it up instead of registering again.',
          { field: 'input.unifiedSocialCreditCode' },
        );
      }
      throw error;
    }
    return employer;
  }

  /**
   * Changes the employer's details only if the stored version is still `previous.version`; index
   * items are rewritten in the same transaction. Only the detail attributes are set, so counters
   * that posting writes keep (positionsOffered) are never overwritten with a stale value.
   * Returns false when someone else changed the employer first (nothing is written then).
   */
  async update(previous: EmployerRecord, details: EmployerDetails, now: string): Promise<EmployerRecord | null> {
    const next: EmployerRecord = { ...previous, ...details, version: previous.version + 1, updatedAt: now };
    const nextFacets = facetsOf(next);
    const facetsChanged = JSON.stringify(filterValues(previous)) !== JSON.stringify(filterValues(next));
    const written = await transactUnlessStale(this.documents, [
      {
        Update: ifVersion(previous.version, {
          TableName: this.tableName,
          Key: employerKey(previous.id),
          UpdateExpression:
            'SET #name = :name, regionCode = :regionCode, industry = :industry, #size = :size, contactPerson = :contactPerson, version = :version, updatedAt = :now',
          ExpressionAttributeNames: { '#name': 'name', '#size': 'size' },
          ExpressionAttributeValues: {
            ':name': next.name,
            ':regionCode': next.regionCode,
            ':industry': next.industry,
            ':size': next.size,
            ':contactPerson': next.contactPerson,
            ':version': next.version,
            ':now': now,
          },
        }),
      },
      ...(facetsChanged
        ? [
            ...facetsOf(previous)
              .filter((facet) => !nextFacets.includes(facet))
              .map((facet) => ({ Delete: { TableName: this.tableName, Key: employerFacetKey(previous.id, facet) } })),
            ...this.facetItems(next).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
          ]
        : []),
    ]);
    return written ? next : null;
  }

  private facetItems(employer: EmployerRecord): Record<string, unknown>[] {
    const values = filterValues(employer);
    return facetsOf(employer).map((facet) => ({
      ...employerFacetKey(employer.id, facet),
      entity: 'EmployerFacet',
      facet: employerFacet(facet),
      facetSort: employer.id,
      employerId: employer.id,
      ...values,
    }));
  }
}
