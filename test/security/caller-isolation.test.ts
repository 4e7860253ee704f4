/**
 * Concurrent requests of different callers never share a subgraph answer. The gateway engine can
 * merge identical subgraph requests that are in flight at the same time; each caller's gateway
 * token is added after that point, so merged requests would answer every caller with what the
 * first one may see (a Chongqing caseworker's unmasked ID numbers for a Shandong caseworker).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { NAMED_PEOPLE, demoPersonId } from '../../scripts/demo/people.js';
import type { Execute } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

let chongqing: Execute;
let shandong: Execute;
const wang = NAMED_PEOPLE[0]!;

beforeAll(async () => {
  const system = await useLocalSystem({ loadDemoData: true });
  chongqing = system.executeAs({ roles: ['caseworker'], provinces: ['500000'] });
  shandong = system.executeAs({ roles: ['caseworker'], provinces: ['370000'] });
});

describe('Callers in flight at the same time', () => {
  it("each get the personal data their own scope allows, never another caller's", async () => {
    const query = /* GraphQL */ `query ($id: ID!) { person(id: $id) { idNumber } }`;
    const variables = { id: demoPersonId(wang) };
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 === 0 ? chongqing : shandong)(query, variables).then((response) => ({ scope: i % 2 === 0 ? 'chongqing' : 'shandong', response })),
      ),
    );
    for (const { scope, response } of answers) {
      expect(response.errors).toBeUndefined();
      const idNumber = response.data.person.idNumber as string;
      if (scope === 'chongqing') expect(idNumber).toBe(wang.idNumber);
      else expect(idNumber).not.toBe(wang.idNumber);
    }
  });
});
