import { beforeAll, describe, expect, it } from 'vitest';
import { demoPersonId, generatePeople, loadPeopleDemoData, NAMED_PEOPLE } from '../../scripts/demo/people.js';
import { generateDemoEmployers } from '../../scripts/demo/employers.js';
import { provinceCodeOf } from '../../subgraphs/shared/domain/regions.js';
import { errorCodes, type Execute, type GraphQLResponse } from '../support/graphql.js';
import { startPeopleSubgraph } from './people-fixture.js';

const PEOPLE_COUNT = 120;
let execute: Execute;
const everyone = [...NAMED_PEOPLE, ...generatePeople(PEOPLE_COUNT)];

beforeAll(async () => {
  const fixture = await startPeopleSubgraph();
  execute = fixture.execute;
  await loadPeopleDemoData(fixture.storage, PEOPLE_COUNT);
});

const PEOPLE = /* GraphQL */ `
  query People($filter: PeopleFilter, $first: Int, $after: String) {
    people(filter: $filter, first: $first, after: $after) {
      edges { cursor node { id } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** Reads every page of a filter and returns the ids in the order served. */
async function readAll(filter: Record<string, unknown>, first: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 100; page++) {
    const response: GraphQLResponse = await execute(PEOPLE, { filter, first, after });
    expect(response.errors).toBeUndefined();
    const { edges, pageInfo } = response.data.people;
    ids.push(...edges.map((e: { node: { id: string } }) => e.node.id));
    if (!pageInfo.hasNextPage) return ids;
    expect(edges).toHaveLength(first);
    expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
    after = pageInfo.endCursor;
  }
  throw new Error('More than 100 pages');
}

const expectedIds = (match: (person: (typeof everyone)[number]) => boolean) => everyone.filter(match).map(demoPersonId).sort();

describe('people(filter)', () => {
  it('pages through everyone with no duplicate and no gap', async () => {
    const ids = await readAll({}, 7);
    expect(ids).toEqual(expectedIds(() => true));
  });

  const filters: [string, Record<string, unknown>, (p: (typeof everyone)[number]) => boolean][] = [
    ['hometown province', { hometownProvinceCode: '500000' }, (p) => provinceCodeOf(p.hometownCode) === '500000'],
    ['hometown county', { hometownCountyCode: '500230' }, (p) => p.hometownCode === '500230'],
    ['registered-poor', { povertyRegistered: true }, (p) => p.povertyRegistered],
    ['not registered-poor', { povertyRegistered: false }, (p) => !p.povertyRegistered],
    ['skill', { skill: '焊工' }, (p) => p.skills.includes('焊工')],
    ['employment status', { employmentStatus: 'EMPLOYED' }, (p) => (p.registrations?.length ?? 0) > 0],
    [
      'province, registered-poor and skill together',
      { hometownProvinceCode: '420000', povertyRegistered: true, skill: '普工' },
      (p) => provinceCodeOf(p.hometownCode) === '420000' && p.povertyRegistered && p.skills.includes('普工'),
    ],
    [
      'county and status together',
      { hometownCountyCode: '610924', employmentStatus: 'SEEKING_WORK' },
      (p) => p.hometownCode === '610924' && !(p.registrations?.length ?? 0),
    ],
  ];

  it.each(filters)('filters by %s, across pages', async (_, filter, match) => {
    const expected = expectedIds(match);
    expect(expected.length).toBeGreaterThan(0);
    expect(await readAll(filter, 5)).toEqual(expected);
  });

  it('returns an empty page, not an error, when nobody matches', async () => {
    const empty = await execute(PEOPLE, { filter: { skill: '不存在的技能' } });
    expect(empty.data.people).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it.each([
    ['a cursor that is not base64 JSON', { after: '%%%' }, 'after', /not a cursor this list produced/],
    ['a cursor with other keys', { after: Buffer.from(JSON.stringify({ s: 'x', k: { a: 1 } })).toString('base64url') }, 'after', /not a cursor/],
    ['first: 0', { first: 0 }, 'first', /from 1 to 100/],
    ['first: 101', { first: 101 }, 'first', /from 1 to 100/],
    ['an unknown province', { filter: { hometownProvinceCode: '990000' } }, 'filter.hometownProvinceCode', /not a province-level code/],
    ['a city as county', { filter: { hometownCountyCode: '370100' } }, 'filter.hometownCountyCode', /not county level/],
    ['an empty skill', { filter: { skill: ' ' } }, 'filter.skill', /must not be empty/],
  ])('rejects %s with BAD_USER_INPUT', async (_, variables, field, message) => {
    const response = await execute(PEOPLE, variables);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect(response.errors![0]!.message).toMatch(message);
  });

  it('rejects a cursor from another filter', async () => {
    const first = await execute(PEOPLE, { filter: { povertyRegistered: true }, first: 2 });
    const response = await execute(PEOPLE, { filter: { povertyRegistered: false }, after: first.data.people.pageInfo.endCursor });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/different list or filter/);
  });
});

describe('person(id)', () => {
  it('returns a named person of DOMAIN.md with every field', async () => {
    const liLi = NAMED_PEOPLE[1]!;
    const employers = generateDemoEmployers();
    const nanjing = employers.employers.find((e) => e.id === employers.campaigns.nanjing[0])!;
    const response = await execute(
      /* GraphQL */ `
        query ($id: ID!) {
          person(id: $id) {
            name gender povertyRegistered employmentStatus skills
            hometown { province county nameEn }
            employmentRegistrations { employerName startDate endDate employer { id } workplace { city province } }
          }
        }
      `,
      { id: demoPersonId(liLi) },
    );
    expect(response).toEqual({
      data: {
        person: {
          name: '李莉',
          gender: 'FEMALE',
          povertyRegistered: true,
          employmentStatus: 'EMPLOYED',
          skills: ['装配工'],
          hometown: { province: '陕西省', county: '紫阳县', nameEn: 'Ziyang County' },
          employmentRegistrations: [
            // With the Nanjing employer her placement is into (programs demo): one record for both.
            {
              employerName: nanjing.name,
              startDate: '2017-06-01',
              endDate: null,
              employer: { id: nanjing.id },
              workplace: { city: '南京市', province: '江苏省' },
            },
          ],
        },
      },
    });
  });

  it('returns null for an unknown id', async () => {
    expect(await execute('{ person(id: "per_unknown") { id } }')).toEqual({ data: { person: null } });
  });
});

describe('household(id)', () => {
  it('lists its members, each pointing back at it', async () => {
    const someone = await execute(`query ($id: ID!) { person(id: $id) { household { id povertyStatus region { county } members { id household { id } } } } }`, {
      id: demoPersonId(everyone[2]!),
    });
    const household = someone.data.person.household;
    expect(household.members.map((m: { id: string }) => m.id)).toContain(demoPersonId(everyone[2]!));
    for (const member of household.members) expect(member.household.id).toBe(household.id);
    const direct = await execute(`query ($id: ID!) { household(id: $id) { id } }`, { id: household.id });
    expect(direct.data.household.id).toBe(household.id);
  });

  it('returns null for an unknown id', async () => {
    expect(await execute('{ household(id: "hh_unknown") { id } }')).toEqual({ data: { household: null } });
  });
});

describe('region(code)', () => {
  it('resolves a county with its province, and null for an unknown code', async () => {
    expect(
      await execute('{ fengdu: region(code: "500230") { name nameEn provinceCode province cityCode city } nowhere: region(code: "123") { code } }'),
    ).toEqual({
      data: { fengdu: { name: '丰都县', nameEn: 'Fengdu County', provinceCode: '500000', province: '重庆市', cityCode: null, city: null }, nowhere: null },
    });
  });
});
