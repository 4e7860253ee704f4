import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoEmployers, HAOMAN, haomanId, loadEmployersDemoData } from '../../scripts/demo/employers.js';
import type { PostingRecord } from '../../subgraphs/employers/posting-repository.js';
import { findRegion, provinceCodeOf } from '../../subgraphs/shared/domain/regions.js';
import type { CallCounter } from '../support/dynamo.js';
import { errorCodes, type Execute, type GraphQLResponse } from '../support/graphql.js';
import { startEmployersSubgraph } from './employers-fixture.js';

let execute: Execute;
let calls: CallCounter;
const demo = generateDemoEmployers();
beforeAll(async () => {
  // The run's demo data, loaded once by global-setup with this same loader.
  const fixture = await startEmployersSubgraph({ sharedDemo: true });
  execute = fixture.execute;
  calls = fixture.tables.calls;
  // Loading again finds everything and writes nothing.
  expect(await loadEmployersDemoData(fixture.storage)).toEqual({
    employers: { created: 0, existing: demo.employers.length },
    postings: { created: 0, existing: demo.postings.length },
  });
});

/** Reads every page of a list query and returns the nodes in the order served. */
async function readAll(query: string, field: string, variables: Record<string, unknown>, first: number): Promise<any[]> {
  const nodes: any[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const response: GraphQLResponse = await execute(query, { ...variables, first, after });
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo } = response.data[field];
    nodes.push(...edges.map((e: { node: unknown }) => e.node));
    if (!pageInfo.hasNextPage) return nodes;
    expect(edges).toHaveLength(first);
    expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
    after = pageInfo.endCursor;
  }
  throw new Error('More than 200 pages');
}

const EMPLOYERS = /* GraphQL */ `
  query ($filter: EmployersFilter, $first: Int, $after: String) {
    employers(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id positionsOffered industry } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const POSTINGS = /* GraphQL */ `
  query ($filter: JobPostingsFilter, $first: Int, $after: String) {
    jobPostings(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id headcount monthlyWageMinYuan industry } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

const employersOf = (campaign: keyof typeof demo.campaigns) => new Set(demo.campaigns[campaign]);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
/** The order jobPostings serves: best-paid first, then by id, both descending. */
const byWageDescending = (a: PostingRecord, b: PostingRecord) => b.monthlyWageMinYuan - a.monthlyWageMinYuan || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
const expectedPostingIds = (match: (p: PostingRecord) => boolean) =>
  demo.postings
    .filter(match)
    .sort(byWageDescending)
    .map((p) => p.id);

describe('the demo data through the employers subgraph', () => {
  it("has Shandong's 212 employers from 14 cities offering exactly 20,605 positions, mostly manufacturing, averaging over 3,000 yuan", async () => {
    const employers = await readAll(EMPLOYERS, 'employers', { filter: { provinceCode: '370000' } }, 100);
    expect(employers).toHaveLength(212);
    expect(sum(employers.map((e) => e.positionsOffered))).toBe(20_605);
    const cities = new Set(demo.employers.filter((e) => employersOf('shandong').has(e.id)).map((e) => findRegion(e.regionCode)!.city!.code));
    expect(cities.size).toBe(14);

    const postings = await readAll(POSTINGS, 'jobPostings', { filter: { workplaceProvinceCode: '370000' } }, 100);
    const positions = sum(postings.map((p) => p.headcount));
    expect(positions).toBe(20_605);
    const manufacturing = sum(postings.filter((p) => p.industry === 'MANUFACTURING').map((p) => p.headcount));
    expect(manufacturing / positions).toBeGreaterThan(0.5);
    const averageMinimumWage = sum(postings.map((p) => p.headcount * p.monthlyWageMinYuan)) / positions;
    expect(averageMinimumWage).toBeGreaterThanOrEqual(3000);
    expect(averageMinimumWage).toBeLessThan(4000);
  });

  it("has Zhejiang's 122 employers with exactly 13,000 positions", async () => {
    const employers = await readAll(EMPLOYERS, 'employers', { filter: { provinceCode: '330000' } }, 100);
    expect(employers).toHaveLength(122);
    expect(sum(employers.map((e) => e.positionsOffered))).toBe(13_000);
  });

  it("has Yichang's 200+ key employers, Xiaogan's 30+ and employers in Nanjing", async () => {
    expect((await readAll(EMPLOYERS, 'employers', { filter: { cityCode: '420500' } }, 100)).length).toBeGreaterThan(200);
    expect((await readAll(EMPLOYERS, 'employers', { filter: { cityCode: '420900' } }, 100)).length).toBeGreaterThan(30);
    expect((await readAll(EMPLOYERS, 'employers', { filter: { cityCode: '320100' } }, 100)).length).toBeGreaterThan(0);
  });

  it('serves Jinan Haoman Auto Parts with its welder postings, travel reimbursed after 3 months and the recruiter masked', async () => {
    const response = await execute(
      /* GraphQL */ `
        query ($id: ID!) {
          employer(id: $id) {
            name unifiedSocialCreditCode industry positionsOffered
            region { name province }
            contactPerson { name phone }
            postings(status: OPEN) { edges { node { title occupation headcount monthlyWageMinYuan monthlyWageMaxYuan benefits { travelReimbursementAfterMonths housing } } } }
          }
        }
      `,
      { id: haomanId() },
    );
    expect(response).toEqual({
      data: {
        employer: {
          name: '济南市豪曼汽车配件有限公司',
          unifiedSocialCreditCode: HAOMAN.creditCode,
          industry: 'MANUFACTURING',
          positionsOffered: 90,
          region: { name: '济南市', province: '山东省' },
          contactPerson: { name: '刘**', phone: '138****0217' },
          postings: {
            edges: [
              {
                node: {
                  title: '电焊工',
                  occupation: '焊工',
                  headcount: 30,
                  monthlyWageMinYuan: 6000,
                  monthlyWageMaxYuan: 8000,
                  benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY' },
                },
              },
              {
                node: {
                  title: '二氧化碳气体保护焊工',
                  occupation: '焊工',
                  headcount: 20,
                  monthlyWageMinYuan: 5500,
                  monthlyWageMaxYuan: 7000,
                  benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY' },
                },
              },
              {
                node: {
                  title: '汽车配件装配工',
                  occupation: '装配工',
                  headcount: 40,
                  monthlyWageMinYuan: 3200,
                  monthlyWageMaxYuan: 4200,
                  benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY' },
                },
              },
            ],
          },
        },
      },
    });
  });
});

describe('employers(filter)', () => {
  it('pages through every employer with no duplicate and no gap', async () => {
    const employers = await readAll(EMPLOYERS, 'employers', {}, 37);
    expect(employers.map((e) => e.id)).toEqual(demo.employers.map((e) => e.id).sort());
  });

  it.each([
    ['province', { provinceCode: '420000' }, (e: (typeof demo.employers)[number]) => provinceCodeOf(e.regionCode) === '420000'],
    ['city', { cityCode: '370200' }, (e: (typeof demo.employers)[number]) => e.regionCode === '370200'],
    ['industry', { industry: 'CONSTRUCTION' }, (e: (typeof demo.employers)[number]) => e.industry === 'CONSTRUCTION'],
    [
      'province and industry',
      { provinceCode: '330000', industry: 'MANUFACTURING' },
      (e: (typeof demo.employers)[number]) => e.regionCode.startsWith('33') && e.industry === 'MANUFACTURING',
    ],
  ])('filters by %s, across pages', async (_, filter, match) => {
    const expected = demo.employers
      .filter(match)
      .map((e) => e.id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect((await readAll(EMPLOYERS, 'employers', { filter }, 23)).map((e) => e.id)).toEqual(expected);
  });
});

describe('jobPostings(filter)', () => {
  it('pages through every posting, best-paid first, with no duplicate and no gap', async () => {
    const postings = await readAll(POSTINGS, 'jobPostings', {}, 100);
    expect(postings.map((p) => p.id)).toEqual(expectedPostingIds(() => true));
  });

  it.each([
    ['workplace province', { workplaceProvinceCode: '330000' }, (p: PostingRecord) => p.workplaceCode.startsWith('33')],
    ['workplace city', { workplaceCityCode: '420500' }, (p: PostingRecord) => p.workplaceCode === '420500'],
    ['occupation', { occupation: '焊工' }, (p: PostingRecord) => p.occupation === '焊工'],
    ['minimum wage', { minimumMonthlyWageYuan: 4000 }, (p: PostingRecord) => p.monthlyWageMinYuan >= 4000],
    ['status', { status: 'OPEN' }, () => true],
    ['occupation and status', { occupation: ' 装配工 ', status: 'OPEN' }, (p: PostingRecord) => p.occupation === '装配工'],
    [
      'province, occupation and minimum wage together',
      { workplaceProvinceCode: '370000', occupation: '焊工', minimumMonthlyWageYuan: 3300 },
      (p: PostingRecord) => p.workplaceCode.startsWith('37') && p.occupation === '焊工' && p.monthlyWageMinYuan >= 3300,
    ],
  ])('filters by %s, across pages', async (_, filter, match) => {
    const expected = expectedPostingIds(match);
    expect(expected.length).toBeGreaterThan(0);
    expect((await readAll(POSTINGS, 'jobPostings', { filter }, 40)).map((p) => p.id)).toEqual(expected);
  });

  it('returns an empty page, not an error, when nothing matches', async () => {
    const response = await execute(POSTINGS, { filter: { status: 'CLOSED' } });
    expect(response.data.jobPostings).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each([
    [POSTINGS, 'a cursor that is not base64 JSON', { after: '%%%' }, 'after'],
    [POSTINGS, 'first: 0', { first: 0 }, 'first'],
    [POSTINGS, 'an unknown province', { filter: { workplaceProvinceCode: '990000' } }, 'filter.workplaceProvinceCode'],
    [POSTINGS, 'a county as city', { filter: { workplaceCityCode: '500230' } }, 'filter.workplaceCityCode'],
    [POSTINGS, 'an empty occupation', { filter: { occupation: '  ' } }, 'filter.occupation'],
    [POSTINGS, 'a negative minimum wage', { filter: { minimumMonthlyWageYuan: -1 } }, 'filter.minimumMonthlyWageYuan'],
    [POSTINGS, 'a minimum wage above 100000', { filter: { minimumMonthlyWageYuan: 100_001 } }, 'filter.minimumMonthlyWageYuan'],
    [EMPLOYERS, 'a city code as province', { filter: { provinceCode: '370100' } }, 'filter.provinceCode'],
    [EMPLOYERS, 'a province code as city', { filter: { cityCode: '370000' } }, 'filter.cityCode'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (query, _, variables, field) => {
    const response = await execute(query, variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
  });

  it('rejects a cursor from another filter', async () => {
    const first = await execute(POSTINGS, { filter: { occupation: '焊工' }, first: 2 });
    const response = await execute(POSTINGS, { filter: { occupation: '电工' }, after: first.data.jobPostings.pageInfo.endCursor });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/different list or filter/);
  });
});

describe('entity references (_entities)', () => {
  const ENTITIES = /* GraphQL */ `
    query ($r: [_Any!]!) {
      _entities(representations: $r) {
        ... on JobPosting { id title employer { id name } }
        ... on Employer { id name }
      }
    }
  `;

  it('resolves 250 posting references in 3 BatchGetItem calls, and their employers in 1 more per 100', async () => {
    const postings = demo.postings.slice(0, 250);
    const r = postings.map((p) => ({ __typename: 'JobPosting', id: p.id }));
    calls.reset();
    const response = await execute(ENTITIES, { r });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities.map((e: { id: string }) => e.id)).toEqual(postings.map((p) => p.id));
    expect(response.data._entities.map((e: { title: string }) => e.title)).toEqual(postings.map((p) => p.title));
    const employers = new Set(postings.map((p) => p.employerId)).size;
    expect(Object.fromEntries(calls.counts)).toEqual({ BatchGetItem: 3 + Math.ceil(employers / 100) });
  });

  it('resolves 250 employer references in 3 BatchGetItem calls, and null for an unknown one', async () => {
    const r = [...demo.employers.slice(0, 249).map((e) => ({ __typename: 'Employer', id: e.id })), { __typename: 'Employer', id: 'emp_missing' }];
    calls.reset();
    const response = await execute(ENTITIES, { r });
    expect(response.data._entities).toHaveLength(250);
    expect(response.data._entities.at(-1)).toBeNull();
    expect(response.data._entities[0]).toEqual({ id: demo.employers[0]!.id, name: demo.employers[0]!.name });
    expect(Object.fromEntries(calls.counts)).toEqual({ BatchGetItem: 3 });
  });
});
