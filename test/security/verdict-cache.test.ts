/**
 * The gateway's per-document answers (gateway/limits/operation-fields.ts answersPerDocument) — the auth
 * verdict and the cost estimate — must be kept under what decides the execution: the variables as
 * the engine coerces them, a variable left out (its default applies) distinct from an explicit
 * null (no default). Issue 16, item 1: the same document sent first without variables, then with
 * `null`, was answered from the first request's verdict.
 */
import { beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { generateDemoEmployers } from '../../scripts/demo/employers.js';
import { generateProgramsDemo } from '../../scripts/demo/programs.js';
import { signDevToken } from '../../scripts/dev-keys.js';
import { useLocalSystem } from '../support/local-system.js';

const subgraphCalls: string[] = [];
const subgraphBodies: { subgraph: string; query: string; variables?: Record<string, unknown> }[] = [];
let system: Awaited<ReturnType<typeof useLocalSystem>>;

beforeAll(async () => {
  // The demo data, so that a leak would have names and poverty status to show.
  system = await useLocalSystem({
    loadDemoData: true,
    onSubgraphRequest: (name, body) => {
      subgraphCalls.push(name);
      subgraphBodies.push({ subgraph: name, ...JSON.parse(body ?? '{}') });
    },
  });
});
beforeEach(() => {
  subgraphCalls.length = 0;
  subgraphBodies.length = 0;
});

/** Anonymous, over HTTP. */
async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await fetch(system.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: await response.json() };
}

// Since the hires themselves need a reader (people:read, or candidates:read for the posting's own
// employer), no anonymous path leads to a person at all; the reproduction runs as the employer of
// a demo posting with hires, who may read a hired person's name but not their poverty status or
// household: the fields the cached verdict let through.
const employers = generateDemoEmployers();
const hire = generateProgramsDemo(employers).hires[0]!;
const employerId = employers.postings.find((p) => p.id === hire.postingId)!.employerId;
const asEmployer = async () => ({
  authorization: `Bearer ${await signDevToken(inject('keys').issuerPrivateKey, { roles: ['employer'], employerId, subject: 'recruiter' })}`,
});

const refusedToEmployer = (field: string) => ({
  message: `Unauthorized field or type: Person.${field} needs the scope people:read (roles caseworker, program_officer, admin), which your roles do not grant.`,
  locations: expect.any(Array),
  path: ['jobPosting', 'hires', 'person', field],
  extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' },
});

describe('@skip/@include variables: the verdict follows the coerced values', () => {
  // The reproduction, on the one posting whose hires this employer may see.
  const skipped = `query Q($s: Boolean = true) { jobPosting(id: "${hire.postingId}") { hires { person { name povertyRegistered @skip(if: $s) household @skip(if: $s) { members { name } } } } } }`;

  it('refuses `{"s": null}` after the same document was allowed without variables (its default skipped the fields)', async () => {
    const headers = await asEmployer();
    const withDefault = await post(skipped, undefined, headers);
    expect(withDefault.status).toBe(200);
    expect(withDefault.body.errors).toBeUndefined();
    expect(JSON.stringify(withDefault.body)).not.toMatch(/"(povertyRegistered|household)"/);
    // There were hires to leak: the demo data has people hired on this posting.
    expect(JSON.stringify(withDefault.body)).toMatch(/"person":\{"name":/);

    subgraphCalls.length = 0;
    const withNull = await post(skipped, { s: null }, headers);
    // null is no default: the engine runs @skip(if: null) as not skipped, so the fields are examined.
    expect(withNull).toEqual({
      status: 403,
      body: { data: null, errors: [refusedToEmployer('povertyRegistered'), refusedToEmployer('household')] },
    });
    expect(subgraphCalls).toEqual([]);
    // And the values that decide: false examines the fields, true skips them.
    expect(await post(skipped, { s: false }, headers)).toMatchObject({ status: 403, body: { data: null } });
    expect(subgraphCalls).toEqual([]);
    const withTrue = await post(skipped, { s: true }, headers);
    expect(withTrue.status).toBe(200);
    expect(JSON.stringify(withTrue.body)).not.toMatch(/"(povertyRegistered|household)"/);
  });

  it('refuses `@include(if: $i)` with `{"i": null}` after the default left the field out: an undecided condition counts as included', async () => {
    const headers = await asEmployer();
    const included = `query I($i: Boolean = false) { jobPosting(id: "${hire.postingId}") { hires { person { name povertyRegistered @include(if: $i) } } } }`;
    expect((await post(included, undefined, headers)).status).toBe(200);
    subgraphCalls.length = 0;
    expect(await post(included, { i: null }, headers)).toEqual({ status: 403, body: { data: null, errors: [refusedToEmployer('povertyRegistered')] } });
    expect(subgraphCalls).toEqual([]);
  });

  it('leaves no anonymous path to a person: the hires themselves are refused, whatever the variables', async () => {
    const anonymous = 'query A($s: Boolean = true) { jobPostings(first: 5) { edges { node { hires { person { name @skip(if: $s) } } } } } }';
    for (const variables of [undefined, { s: null }, { s: true }]) {
      const response = await post(anonymous, variables);
      expect(response.status).toBe(401);
      expect(response.body.data).toBeNull();
    }
    expect(subgraphCalls).toEqual([]);
  });
});

describe('Int page sizes: the cost estimate follows the coerced values', () => {
  // 100 × 100 postings with their employers by its default (30,401 objects, over the budget); a
  // null page size is the subgraph's default page (20).
  const pages =
    'query P($n: Int = 100) { jobPostings(first: $n) { edges { node { employer { postings(first: $n) { edges { node { employer { name } } } } } } } } }';
  const tooExpensive = {
    status: 400,
    body: {
      errors: [
        {
          message: 'The operation is too expensive: ask for smaller pages (first) or fewer nested lists, or split it into several requests.',
          extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE' },
        },
      ],
    },
  };

  it('refuses the default page size after `{"n": null}` of the same document was estimated and allowed', async () => {
    const withNull = await post(pages, { n: null });
    expect(withNull.status).toBe(200);
    expect(withNull.body.errors).toBeUndefined();
    subgraphCalls.length = 0;
    expect(await post(pages)).toEqual(tooExpensive);
    expect(subgraphCalls).toEqual([]);
  });

  it('allows `{"n": null}` after the default page size of the same document was refused', async () => {
    const reversed = pages.replace('query P', 'query PReversed');
    expect(await post(reversed)).toEqual(tooExpensive);
    expect(subgraphCalls).toEqual([]);
    const withNull = await post(reversed, { n: null });
    expect(withNull.status).toBe(200);
    expect(withNull.body.errors).toBeUndefined();
    expect(withNull.body.data.jobPostings.edges.length).toBeGreaterThan(0);
  });
});

// What the keys and the walk rely on, pinned so that an engine upgrade that changes it is noticed
// (Hive Gateway runtime + Rust planner; a caseworker, whom the verdict allows).
describe('what the engine executes with', () => {
  const caseworker = () => system.executeAs({ roles: ['caseworker'], provinces: ['330000'] });
  const zhejiang = 'filter: { workplaceProvinceCode: "330000" }';

  it('coerces as graphql-js does: a default only for a variable left out, null kept, a variable without value not sent', async () => {
    const query = `query ($n: Int = 3) { jobPostings(first: $n, ${zhejiang}) { edges { node { id } } } }`;
    expect((await caseworker()(query)).data.jobPostings.edges).toHaveLength(3);
    expect((await caseworker()(query, { n: null })).data.jobPostings.edges).toHaveLength(20);
    await caseworker()(`query ($n: Int) { jobPostings(first: $n, ${zhejiang}) { edges { node { id } } } }`);
    expect(subgraphBodies.map(({ subgraph, variables }) => ({ subgraph, variables }))).toEqual([
      { subgraph: 'employers', variables: { n: 3 } },
      { subgraph: 'employers', variables: { n: null } },
      { subgraph: 'employers' },
    ]);
  });

  it("plans @skip(if: null) on another subgraph's field as not skipped, and @include(if: null) as not included", async () => {
    const hired = (directive: string) =>
      `query ($c: Boolean = ${directive === 'skip'}) { jobPostings(first: 5, ${zhejiang}) { edges { node { hires { person { name @${directive}(if: $c) } } } } } }`;
    const skipped = await caseworker()(hired('skip'), { c: null });
    expect(JSON.stringify(skipped.data)).toMatch(/"name":/);
    expect(subgraphBodies.map((b) => b.subgraph)).toEqual(['employers', 'people']);
    subgraphBodies.length = 0;
    const included = await caseworker()(hired('include'), { c: null });
    expect(JSON.stringify(included.data)).not.toMatch(/"name":/);
    expect(subgraphBodies.map((b) => b.subgraph)).toEqual(['employers']);
  });

  it("sends a condition it keeps inside one subgraph's query to that subgraph with the null, which refuses it", async () => {
    const response = await caseworker()(`query ($c: Boolean = true) { jobPostings(first: 1, ${zhejiang}) { edges { node { id title @skip(if: $c) } } } }`, {
      c: null,
    });
    expect(subgraphBodies).toEqual([{ subgraph: 'employers', query: expect.stringContaining('title @skip(if: $c)'), variables: { c: null } }]);
    expect(response.errors?.length).toBeGreaterThan(0);
  });
});
