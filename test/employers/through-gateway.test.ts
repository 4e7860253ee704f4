import { beforeAll, describe, expect, it } from 'vitest';
import { haomanId } from '../../scripts/demo/employers.js';
import { demoPersonId, NAMED_PEOPLE } from '../../scripts/demo/people.js';
import type { Execute, GraphQLResponse } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
/** A caseworker: people are only shown to signed-in users. */
let execute: Execute;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true });
  execute = system.executeAs({ roles: ['caseworker'] });
  // Loading both subgraphs' demo data on a busy two-core machine can take a while.
}, 180_000);

describe('the employers subgraph through the gateway', () => {
  it('recommends Haoman Auto Parts to Wang Longbiao, with the wage uplift over a welder’s wage in his home county', async () => {
    const response = await execute(
      /* GraphQL */ `
        query ($id: ID!) {
          person(id: $id) {
            name
            recommendedPostings(first: 2) {
              occupationMatch inDestinationProvince hometownAverageMonthlyWageYuan monthlyWageUpliftYuan
              posting { title monthlyWageMinYuan monthlyWageMaxYuan benefits { travelReimbursementAfterMonths } employer { name } }
            }
          }
        }
      `,
      { id: demoPersonId(NAMED_PEOPLE[0]!) },
    );
    expect(response).toEqual({
      data: {
        person: {
          name: '王龙彪',
          recommendedPostings: [
            {
              occupationMatch: 'JOB_INTENTION',
              inDestinationProvince: true,
              hometownAverageMonthlyWageYuan: 5907,
              // Like for like: the posting's mid-range wage over a Fengdu welder's 2,000 (wage-references.ts).
              monthlyWageUpliftYuan: 5000,
              posting: {
                title: '电焊工',
                monthlyWageMinYuan: 6000,
                monthlyWageMaxYuan: 8000,
                benefits: { travelReimbursementAfterMonths: 3 },
                employer: { name: '济南市豪曼汽车配件有限公司' },
              },
            },
            {
              occupationMatch: 'JOB_INTENTION',
              inDestinationProvince: true,
              hometownAverageMonthlyWageYuan: 5907,
              monthlyWageUpliftYuan: 4250,
              posting: {
                title: '二氧化碳气体保护焊工',
                monthlyWageMinYuan: 5500,
                monthlyWageMaxYuan: 7000,
                benefits: { travelReimbursementAfterMonths: 3 },
                employer: { name: '济南市豪曼汽车配件有限公司' },
              },
            },
          ],
        },
      },
    });
  });

  it("adds up the Shandong employers' positions to 20,605", async () => {
    let positions = 0;
    let employers = 0;
    let after: string | null = null;
    do {
      const response: GraphQLResponse = await execute(
        'query ($after: String) { employers(filter: { provinceCode: "370000" }, first: 100, after: $after) { edges { node { positionsOffered } } pageInfo { hasNextPage endCursor } } }',
        { after },
      );
      expect(response.errors).toBeUndefined();
      for (const edge of response.data.employers.edges) positions += edge.node.positionsOffered;
      employers += response.data.employers.edges.length;
      after = response.data.employers.pageInfo.hasNextPage ? response.data.employers.pageInfo.endCursor : null;
    } while (after);
    expect({ employers, positions }).toEqual({ employers: 212, positions: 20_605 });
  });

  it("hires Wang into Haoman's welder posting and shows the hire from both sides", async () => {
    const wangId = demoPersonId(NAMED_PEOPLE[0]!);
    const postings = await execute('query ($id: ID!) { employer(id: $id) { postings(first: 1) { edges { node { id } } } } }', { id: haomanId() });
    const postingId = postings.data.employer.postings.edges[0].node.id;
    const hired = await execute(
      'mutation ($input: HireInput!) { hire(input: $input) { person { name hometown { county } } posting { title filled employer { name } } } }',
      { input: { postingId, personId: wangId, idempotencyKey: 'e2e-wang-haoman' } },
    );
    expect(hired).toEqual({
      data: {
        hire: {
          person: { name: '王龙彪', hometown: { county: '丰都县' } },
          posting: { title: '电焊工', filled: 1, employer: { name: '济南市豪曼汽车配件有限公司' } },
        },
      },
    });
    const fromPerson = await execute('query ($id: ID!) { person(id: $id) { hires { posting { title } } } }', { id: wangId });
    expect(fromPerson.data.person.hires).toEqual([{ posting: { title: '电焊工' } }]);
    const fromPosting = await execute('query ($id: ID!) { jobPosting(id: $id) { hires { person { name } } } }', { id: postingId });
    expect(fromPosting.data.jobPosting.hires).toEqual([{ person: { name: '王龙彪' } }]);
  });
});
