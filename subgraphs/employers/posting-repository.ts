import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchGetItems, getManyById } from '../shared/dynamodb/batch-get.js';
import type { Connection, PageArgs } from '../shared/graphql/connection.js';
import { conflict, notFound } from '../shared/graphql/errors.js';
import { stableId } from '../shared/domain/ids.js';
import { findRegion, provinceCodeOf } from '../shared/domain/regions.js';
import { cancellationReasons, isConflict, isLockTimeout, transactWrite } from '../shared/dynamodb/transactions.js';
import type { Industry } from './employer-repository.js';
import { filterScope, queryFacetPage, type FacetQuery } from '../shared/dynamodb/facet-query.js';
import { transactUnlessStale } from '../shared/dynamodb/versioned-write.js';
import {
  employerKey,
  hireKey,
  hireRequestKey,
  knownPersonKey,
  personHiresKey,
  postingFacet,
  postingFacetKey,
  postingFacetSort,
  postingKey,
  wageFloor,
  withoutKeys,
} from './keys.js';

export type PostingStatus = 'OPEN' | 'CLOSED' | 'FILLED';
export type Housing = 'NONE' | 'FREE_DORMITORY' | 'SUBSIDIZED_DORMITORY' | 'ALLOWANCE';

export interface BenefitsRecord {
  /** Absent when travel is not reimbursed. */
  readonly travelReimbursementAfterMonths?: number;
  readonly housing: Housing;
  readonly socialInsurance: boolean;
}

/** A hire as the posting lists it; the posting's headcount (≤ 1000) bounds the list. */
export interface PostingHire {
  readonly personId: string;
  readonly hiredAt: string;
}

export interface PostingRecord {
  readonly id: string;
  readonly employerId: string;
  readonly title: string;
  readonly occupation: string;
  readonly industry: Industry;
  readonly headcount: number;
  readonly filled: number;
  readonly monthlyWageMinYuan: number;
  readonly monthlyWageMaxYuan: number;
  readonly workplaceCode: string;
  readonly requirements: string[];
  readonly benefits: BenefitsRecord;
  readonly status: PostingStatus;
  readonly postedOn: string;
  readonly closingOn?: string;
  /** Kept by `hire` alongside `filled`, so a posting's hires need no read beyond the posting. */
  readonly hires: PostingHire[];
  /** Counts changes of terms and status; hires change `filled`, not the version. */
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The fields `updateJobPosting` may change. */
export type PostingTerms = Pick<
  PostingRecord,
  'title' | 'occupation' | 'industry' | 'headcount' | 'monthlyWageMinYuan' | 'monthlyWageMaxYuan' | 'workplaceCode' | 'requirements' | 'benefits' | 'closingOn'
>;

const TERM_FIELDS = [
  'title',
  'occupation',
  'industry',
  'headcount',
  'monthlyWageMinYuan',
  'monthlyWageMaxYuan',
  'workplaceCode',
  'requirements',
  'benefits',
  'closingOn',
] as const satisfies readonly (keyof PostingTerms)[];

export interface HireRecord {
  readonly id: string;
  readonly postingId: string;
  readonly personId: string;
  readonly hiredAt: string;
}

export interface JobPostingsFilter {
  readonly workplaceProvinceCode?: string;
  readonly workplaceCityCode?: string;
  readonly occupation?: string;
  readonly minimumMonthlyWageYuan?: number;
  readonly status?: PostingStatus;
}

/** What job matching needs to rank a posting, read straight off its facet items. */
export interface PostingCandidate {
  readonly postingId: string;
  readonly occupation: string;
  readonly workplaceProvinceCode: string;
  readonly monthlyWageMinYuan: number;
  readonly monthlyWageMaxYuan: number;
}

/** A person is hired into a posting at most once, so the pair names the hire. */
export const hireIdOf = (postingId: string, personId: string) => stableId('hire', `${postingId}|${personId}`);

type FacetSubject = Pick<PostingRecord, 'id' | 'employerId' | 'occupation' | 'workplaceCode' | 'status' | 'monthlyWageMinYuan' | 'monthlyWageMaxYuan'>;

/** The posting's values that filters test and matching ranks by; copied onto every facet item. */
function filterValues(posting: FacetSubject) {
  const cityCode = findRegion(posting.workplaceCode)?.city?.code;
  return {
    postingId: posting.id,
    employerId: posting.employerId,
    workplaceProvinceCode: provinceCodeOf(posting.workplaceCode),
    ...(cityCode ? { workplaceCityCode: cityCode } : {}),
    occupation: posting.occupation,
    status: posting.status,
    monthlyWageMinYuan: posting.monthlyWageMinYuan,
    monthlyWageMaxYuan: posting.monthlyWageMaxYuan,
  };
}

/**
 * One facet per value a posting can be found by. `OPEN_OCCUPATION` serves job matching and the
 * common "open postings of an occupation" filter without reading closed and filled ones.
 */
function facetsOf(posting: FacetSubject): string[] {
  const values = filterValues(posting);
  return [
    'ALL',
    `PROVINCE#${values.workplaceProvinceCode}`,
    ...(values.workplaceCityCode ? [`CITY#${values.workplaceCityCode}`] : []),
    `OCCUPATION#${posting.occupation}`,
    `STATUS#${posting.status}`,
    `EMPLOYER#${posting.employerId}`,
    ...(posting.status === 'OPEN' ? [`OPEN_OCCUPATION#${posting.occupation}`] : []),
  ];
}

function primaryFacet(filter: JobPostingsFilter): { facet: string; covered: (keyof JobPostingsFilter)[] } {
  if (filter.occupation && filter.status === 'OPEN') return { facet: `OPEN_OCCUPATION#${filter.occupation}`, covered: ['occupation', 'status'] };
  if (filter.workplaceCityCode) return { facet: `CITY#${filter.workplaceCityCode}`, covered: ['workplaceCityCode'] };
  if (filter.occupation) return { facet: `OCCUPATION#${filter.occupation}`, covered: ['occupation'] };
  if (filter.workplaceProvinceCode) return { facet: `PROVINCE#${filter.workplaceProvinceCode}`, covered: ['workplaceProvinceCode'] };
  if (filter.status) return { facet: `STATUS#${filter.status}`, covered: ['status'] };
  return { facet: 'ALL', covered: [] };
}

/** The CONFLICT every hire into a posting without a free place gets. */
export const postingFull = (posting: Pick<PostingRecord, 'id' | 'headcount'>) =>
  conflict(`Job posting "${posting.id}" is full: all ${posting.headcount} places are filled. Choose another posting.`, {
    id: posting.id,
    field: 'input.postingId',
  });

const alreadyHired = (postingId: string, personId: string) =>
  conflict(`Person "${personId}" is already hired into job posting "${postingId}"; a person is hired into a posting once.`, {
    id: postingId,
    field: 'input.personId',
  });

/**
 * Attempts of one hire. Each attempt that loses a race re-reads the posting and re-plans (a
 * non-last place or the last one); 50 concurrent hires into one posting settle well within this.
 */
const HIRE_ATTEMPTS = 40;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class PostingRepository {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getMany(ids: readonly string[]): Promise<(PostingRecord | null)[]> {
    return getManyById<PostingRecord>(this.documents, this.tableName, ids, postingKey);
  }

  async get(id: string): Promise<PostingRecord | null> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: postingKey(id), ConsistentRead: true }));
    return Item ? withoutKeys<PostingRecord>(Item) : null;
  }

  /** Ids of the postings matching every filter, best-paid first, one page at a time. */
  async findIds(filter: JobPostingsFilter, page: PageArgs): Promise<Connection<string>> {
    const { facet, covered } = primaryFacet(filter);
    const { minimumMonthlyWageYuan, ...tested } = filter;
    const equals = Object.fromEntries(
      Object.entries(tested).filter(([field, value]) => value !== undefined && !covered.includes(field as keyof JobPostingsFilter)),
    ) as Record<string, string>;
    return this.facetIds(
      {
        facet,
        equals,
        ...(minimumMonthlyWageYuan !== undefined ? { sort: { from: wageFloor(minimumMonthlyWageYuan) } } : {}),
        scope: filterScope('jobPostings', filter),
      },
      page,
    );
  }

  /** An employer's postings, best-paid first. */
  async findIdsOfEmployer(employerId: string, status: PostingStatus | undefined, page: PageArgs): Promise<Connection<string>> {
    return this.facetIds({ facet: `EMPLOYER#${employerId}`, equals: status ? { status } : {}, scope: filterScope(`postings:${employerId}`, { status }) }, page);
  }

  /**
   * The best-paid OPEN postings of an occupation (or of any occupation when null): one Query of at
   * most `limit` facet items, which carry everything ranking needs.
   */
  async openCandidates(occupation: string | null, limit: number): Promise<PostingCandidate[]> {
    const facet = postingFacet(occupation === null ? 'STATUS#OPEN' : `OPEN_OCCUPATION#${occupation}`);
    const { Items = [] } = await this.documents.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: 'byFacet',
        KeyConditionExpression: 'facet = :facet',
        ExpressionAttributeValues: { ':facet': facet },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return Items.map((item) => ({
      postingId: item.postingId as string,
      occupation: item.occupation as string,
      workplaceProvinceCode: item.workplaceProvinceCode as string,
      monthlyWageMinYuan: item.monthlyWageMinYuan as number,
      monthlyWageMaxYuan: item.monthlyWageMaxYuan as number,
    }));
  }

  /** Each person's hires, oldest first, in the order of `personIds`: one BatchGetItem per 100 people. */
  async hiresOfPeople(personIds: readonly string[]): Promise<HireRecord[][]> {
    const items = await batchGetItems(this.documents, this.tableName, personIds.map(personHiresKey));
    const byPerson = new Map(items.map((item) => [item.personId as string, (item.hires ?? []) as HireRecord[]]));
    return personIds.map((id) => byPerson.get(id) ?? []);
  }

  async findHireRequest(callerSubject: string, idempotencyKey: string): Promise<HireRecord | null> {
    const { Item } = await this.documents.send(
      new GetCommand({ TableName: this.tableName, Key: hireRequestKey(callerSubject, idempotencyKey), ConsistentRead: true }),
    );
    return Item ? (Item.hire as HireRecord) : null;
  }

  /** Whether the people subgraph has the person, as its table's stream told this one. */
  async isKnownPerson(personId: string): Promise<boolean> {
    const { Item } = await this.documents.send(new GetCommand({ TableName: this.tableName, Key: knownPersonKey(personId), ConsistentRead: true }));
    return Item !== undefined;
  }

  /** The projection item that says a person exists; the stream projection and bulk loaders write it. */
  knownPersonItem(personId: string): Record<string, unknown> {
    return { ...knownPersonKey(personId), entity: 'KnownPerson', personId };
  }

  /** Applies a person record of the people table's stream: the person exists (people are never deleted). */
  async applyKnownPerson(personId: string): Promise<void> {
    await this.documents.send(new PutCommand({ TableName: this.tableName, Item: this.knownPersonItem(personId) }));
  }

  /**
   * Every item a new posting consists of, index items first and the posting last. `create` writes
   * them in one transaction; the demo loader writes the same items in batches.
   */
  itemsOf(posting: PostingRecord): Record<string, unknown>[] {
    return [...this.facetItems(posting), { ...postingKey(posting.id), entity: 'JobPosting', ...posting }];
  }

  /** The item that makes a hire of a person into a posting unique; `hire` writes it, with who asked. */
  hireItem(hire: HireRecord, request: { callerSubject: string; idempotencyKey: string }): Record<string, unknown> {
    return { ...hireKey(hire.postingId, hire.personId), entity: 'Hire', ...hire, hiredBy: request.callerSubject, idempotencyKey: request.idempotencyKey };
  }

  /** The item listing a person's hires, oldest first, as `hire` builds it up. */
  personHiresItem(personId: string, hires: readonly HireRecord[]): Record<string, unknown> {
    return { ...personHiresKey(personId), personId, entity: 'PersonHires', hires: [...hires] };
  }

  /** Stores a new posting and adds its headcount to its employer's positions, in one transaction. */
  async create(posting: PostingRecord): Promise<PostingRecord> {
    const items = this.itemsOf(posting);
    try {
      await transactWrite(this.documents, [
        ...items.map((Item) => ({
          Put: { TableName: this.tableName, Item, ...(Item.entity === 'JobPosting' ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}) },
        })),
        this.addPositions(posting.employerId, posting.headcount),
      ]);
    } catch (error) {
      if (cancellationReasons(error)?.[items.length] === 'ConditionalCheckFailed') throw notFound('employer', posting.employerId);
      throw error;
    }
    return posting;
  }

  /**
   * Replaces the posting's terms and status by `next`'s, only if neither its version nor its
   * `filled` count moved since `previous` was read (status depends on `filled`). Index items and the
   * employer's positions change in the same transaction. Hires and `filled` are never written here.
   * Returns false when the posting changed first (nothing is written then).
   */
  async change(previous: PostingRecord, next: PostingRecord): Promise<boolean> {
    const names: Record<string, string> = { '#status': 'status', '#version': 'version', '#updatedAt': 'updatedAt', '#filled': 'filled' };
    const values: Record<string, unknown> = {
      ':status': next.status,
      ':version': next.version,
      ':updatedAt': next.updatedAt,
      ':expectedVersion': previous.version,
      ':filled': previous.filled,
    };
    const sets = ['#status = :status', '#version = :version', '#updatedAt = :updatedAt'];
    const removes: string[] = [];
    for (const field of TERM_FIELDS) {
      names[`#${field}`] = field;
      if (next[field] === undefined) {
        removes.push(`#${field}`);
      } else {
        values[`:${field}`] = next[field];
        sets.push(`#${field} = :${field}`);
      }
    }
    const headcountDelta = next.headcount - previous.headcount;
    return transactUnlessStale(this.documents, [
      {
        Update: {
          TableName: this.tableName,
          Key: postingKey(previous.id),
          UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: '#version = :expectedVersion AND #filled = :filled',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
        },
      },
      ...this.facetRewrite(previous, next),
      ...(headcountDelta !== 0 ? [this.addPositions(previous.employerId, headcountDelta)] : []),
    ]);
  }

  /**
   * Hires `personId` into the posting in one TransactWriteItems: raise `filled` only while a place is
   * free, record the hire under posting + person (once per pair), record the idempotency key, add
   * the hire to the person's list, and on the last place turn the posting FILLED with its index
   * items. Keys are the caller's own (`callerSubject`): a replayed key returns that caller's first
   * hire and writes nothing; a key the caller reuses for another posting or person is a CONFLICT.
   */
  async hire(request: { postingId: string; personId: string; idempotencyKey: string; callerSubject: string }, now: string): Promise<HireRecord> {
    const { postingId, personId, idempotencyKey, callerSubject } = request;
    const replay = (first: HireRecord): HireRecord => {
      if (first.postingId === postingId && first.personId === personId) return first;
      throw conflict(
        `input.idempotencyKey: you already used this key to hire person "${first.personId}" into job posting "${first.postingId}"; use a new key for a new hire.`,
        { field: 'input.idempotencyKey' },
      );
    };
    const earlier = await this.findHireRequest(callerSubject, idempotencyKey);
    if (earlier) return replay(earlier);
    // A concurrent call with the same key may commit after the check above: before refusing, look
    // again, so that a retry racing its first call gets the first call's hire, not "full".
    const refuse = async (error: Error): Promise<HireRecord> => {
      const first = await this.findHireRequest(callerSubject, idempotencyKey);
      if (first) return replay(first);
      throw error;
    };

    for (let attempt = 1; attempt <= HIRE_ATTEMPTS; attempt++) {
      const posting = await this.get(postingId);
      if (!posting) throw notFound('job posting', postingId);
      if (posting.status === 'CLOSED') {
        return refuse(
          conflict(`Job posting "${postingId}" is closed and takes no hires; choose an open posting.`, { id: postingId, field: 'input.postingId' }),
        );
      }
      if (posting.hires.some((h) => h.personId === personId)) return refuse(alreadyHired(postingId, personId));
      if (posting.filled >= posting.headcount) return refuse(postingFull(posting));

      const hire: HireRecord = { id: hireIdOf(postingId, personId), postingId, personId, hiredAt: now };
      const lastPlace = posting.headcount - 1;
      const isLast = posting.filled === lastPlace;
      const filledPosting: PostingRecord = { ...posting, filled: posting.headcount, status: 'FILLED' };
      try {
        // Sent directly, not through transactWrite: a TransactionConflict here means another hire
        // into the same posting is in flight, and re-reading the posting (below) beats backing off blind.
        await this.documents.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: postingKey(postingId),
                  UpdateExpression: `SET #filled = #filled + :one, #hires = list_append(#hires, :hire), #updatedAt = :now${isLast ? ', #status = :filledStatus' : ''}`,
                  // A non-last hire may not take the last place: that one must also flip the status, so
                  // it is planned (and conditioned) separately. `headcount` pins the plan to what was read.
                  ConditionExpression: `#status = :open AND #headcount = :headcount AND #filled ${isLast ? '=' : '<'} :lastPlace`,
                  ExpressionAttributeNames: {
                    '#filled': 'filled',
                    '#hires': 'hires',
                    '#updatedAt': 'updatedAt',
                    '#status': 'status',
                    '#headcount': 'headcount',
                  },
                  ExpressionAttributeValues: {
                    ':one': 1,
                    ':hire': [{ personId, hiredAt: now }],
                    ':now': now,
                    ':open': 'OPEN',
                    ':headcount': posting.headcount,
                    ':lastPlace': lastPlace,
                    ...(isLast ? { ':filledStatus': 'FILLED' } : {}),
                  },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: this.hireItem(hire, { callerSubject, idempotencyKey }),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { ...hireRequestKey(callerSubject, idempotencyKey), entity: 'HireRequest', hire },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: this.tableName,
                  Key: personHiresKey(personId),
                  UpdateExpression: 'SET personId = :personId, entity = :entity, hires = list_append(if_not_exists(hires, :none), :hire)',
                  ExpressionAttributeValues: { ':personId': personId, ':entity': 'PersonHires', ':none': [], ':hire': [hire] },
                },
              },
              ...(isLast ? this.facetRewrite(posting, filledPosting) : []),
            ],
          }),
        );
        return hire;
      } catch (error) {
        // DynamoDB Local answers a transaction that waited too long for another's lock with a 500
        // ("would succeed in actual DynamoDB"): contention like TransactionConflict, so plan again.
        if (isLockTimeout(error)) {
          await sleep(Math.random() * 5 * Math.min(attempt, 10));
          continue;
        }
        const reasons = cancellationReasons(error);
        if (!reasons) throw error;
        // The same key committed meanwhile (a concurrent retry): that call's hire is the answer.
        if (reasons[1] === 'ConditionalCheckFailed' || reasons[2] === 'ConditionalCheckFailed') return refuse(alreadyHired(postingId, personId));
        if (!isConflict(reasons)) throw error;
        // Another hire (or a change of terms) got there first: re-read and plan again.
        if (reasons.includes('TransactionConflict')) await sleep(Math.random() * 5 * Math.min(attempt, 10));
      }
    }
    throw conflict(`Job posting "${postingId}" is taking many hires at once; try again in a moment.`, { id: postingId });
  }

  private addPositions(employerId: string, headcount: number) {
    return {
      Update: {
        TableName: this.tableName,
        Key: employerKey(employerId),
        UpdateExpression: 'SET positionsOffered = positionsOffered + :headcount',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':headcount': headcount },
      },
    };
  }

  /** Deletes the facets `next` no longer has and rewrites the rest, unless nothing they carry changed. */
  private facetRewrite(previous: PostingRecord, next: PostingRecord) {
    if (JSON.stringify(filterValues(previous)) === JSON.stringify(filterValues(next))) return [];
    const nextFacets = facetsOf(next);
    return [
      ...facetsOf(previous)
        .filter((facet) => !nextFacets.includes(facet))
        .map((facet) => ({ Delete: { TableName: this.tableName, Key: postingFacetKey(previous.id, facet) } })),
      ...this.facetItems(next).map((Item) => ({ Put: { TableName: this.tableName, Item } })),
    ];
  }

  private facetItems(posting: FacetSubject): Record<string, unknown>[] {
    const values = filterValues(posting);
    return facetsOf(posting).map((facet) => ({
      ...postingFacetKey(posting.id, facet),
      entity: 'JobPostingFacet',
      facet: postingFacet(facet),
      facetSort: postingFacetSort(posting.monthlyWageMinYuan, posting.id),
      ...values,
    }));
  }

  private async facetIds(query: FacetQuery, page: PageArgs): Promise<Connection<string>> {
    const connection = await queryFacetPage<{ postingId: string }>(
      this.documents,
      this.tableName,
      { ...query, facet: postingFacet(query.facet), descending: true },
      page,
    );
    return {
      edges: connection.edges.map(({ cursor, node }) => ({ cursor, node: node.postingId })),
      pageInfo: connection.pageInfo,
    };
  }
}
