import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PEOPLE_COUNT, demoPersonId, loadPeopleDemoData, NAMED_PEOPLE, ZHEJIANG_SICHUAN_FAIR_WORKERS } from '../../scripts/demo/people.js';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true });
});

describe('the local system through the gateway', () => {
  it("answers the README's first query with two people and their home counties", async () => {
    const caseworker = system.executeAs({ roles: ['caseworker'], provinces: ['500000'] });
    const response = await caseworker('{ people(first: 2) { edges { node { id name hometown { county } } } } }');
    expect(response.errors).toBeUndefined();
    expect(response.data.people.edges).toHaveLength(2);
    for (const { node } of response.data.people.edges) {
      expect(node).toEqual({ id: expect.stringMatching(/^per_/), name: expect.any(String), hometown: { county: expect.stringMatching(/(县|市)$/) } });
    }
  });

  it('serves Wang Longbiao of Fengdu County from the demo data', async () => {
    const wang = NAMED_PEOPLE[0]!;
    const response = await system.executeAs({ roles: ['caseworker'], provinces: ['500000'] })(
      `query ($id: ID!) { person(id: $id) { name povertyRegistered hometown { county province } jobIntention { occupations destinationProvinces { name } } } }`,
      {
        id: demoPersonId(wang),
      },
    );
    expect(response).toEqual({
      data: {
        person: {
          name: '王龙彪',
          povertyRegistered: true,
          hometown: { county: '丰都县', province: '重庆市' },
          jobIntention: { occupations: ['焊工'], destinationProvinces: [{ name: '山东省' }] },
        },
      },
    });
  });

  it('passes a subgraph validation error through with its code', async () => {
    const response = await system.executeAs({ roles: ['caseworker'], provinces: ['500000'] })(
      'mutation { registerPerson(input: { name: "", idNumber: "1", phone: "1", hometownCountyCode: "1", povertyRegistered: true }) { id } }',
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/^input\.name: must not be empty/);
  });

  it('refuses people data to an anonymous caller, naming the field', async () => {
    const response = await system.execute('{ people(first: 2) { edges { node { id name } } } }');
    expect(response).toEqual({
      data: null,
      errors: [expect.objectContaining({ path: ['people'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } })],
    });
  });

  it('answers GET /health with 200', async () => {
    const response = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/health'));
    expect(response.status).toBe(200);
  });

  it('loads the demo data only once: a second load adds nothing', async () => {
    const again = await loadPeopleDemoData({ documents: system.clients.documents, tableName: system.tableNames.people! });
    expect(again).toEqual({ created: 0, existing: NAMED_PEOPLE.length + DEMO_PEOPLE_COUNT + ZHEJIANG_SICHUAN_FAIR_WORKERS.count });
  });
});
