/**
 * The employers subgraph's own gate on links to people (issue 16, items 2 and 5), straight at its
 * real Lambda handler on DynamoDB Local with gateway tokens, so no gateway check helps: who was hired
 * is visible to people:read, and to an employer for its own postings only, on the root fields,
 * `_entities` and nested paths; `hire` keeps idempotency keys per caller and refuses unknown people.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, gatewayToken, graphqlClient, type Execute } from '../support/graphql.js';
import { employerWithPosting, startEmployersSubgraph } from '../employers/employers-fixture.js';

let fixture: Awaited<ReturnType<typeof startEmployersSubgraph>>;
let employerA: string;
let postingA: string;
let postingB: string;

/** Straight to the subgraph with a gateway token for these claims and subject ('' = anonymous: no subject). */
const as =
  (claims: Record<string, unknown>, subject = 'test-user'): Execute =>
  async (query, variables) =>
    graphqlClient(fixture.url)(query, variables, { authorization: `Bearer ${await gatewayToken('employers', claims, subject)}` });

const anonymous = () => as({ roles: [] }, '');
const noRole = () => as({ roles: [] }, 'user-without-roles');
const partner = () => as({ roles: ['partner'] }, 'partner-user');
const employerUserOf = (employerId: string) => as({ roles: ['employer'], employerId }, `hr-of-${employerId}`);
const caseworker = (subject = 'caseworker-1') => as({ roles: ['caseworker'], provinces: ['510000'] }, subject);

const HIRE = 'mutation ($i: HireInput!) { hire(input: $i) { id person { id } posting { id } } }';

beforeAll(async () => {
  fixture = await startEmployersSubgraph();
  const a = await employerWithPosting(fixture.execute, { headcount: 5 });
  const b = await employerWithPosting(fixture.execute, { headcount: 5 });
  [employerA, postingA, postingB] = [a.employer.id, a.posting.id, b.posting.id];
  await fixture.registerPeople('per_shared', 'per_only_b', 'per_key_1', 'per_key_2');
  // per_shared is hired by both employers, per_only_b by B only.
  for (const [postingId, personId] of [
    [postingA, 'per_shared'],
    [postingB, 'per_shared'],
    [postingB, 'per_only_b'],
  ] as const) {
    const hired = await caseworker()(HIRE, { i: { postingId, personId, idempotencyKey: `setup-${postingId}-${personId}` } });
    expect(hired.errors).toBeUndefined();
  }
});

const POSTING_HIRES = 'query ($id: ID!) { jobPosting(id: $id) { id hires { id person { id } } } }';
const ENTITY_POSTING_HIRES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobPosting { id hires { person { id } } } } }';
const ENTITY_PERSON_HIRES = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id hires { posting { id } person { id } } } } }';
const LIST_HIRES = '{ jobPostings(first: 50) { edges { node { id hires { id hiredAt person { id } } } } } }';
const NESTED_HIRES = 'query ($id: ID!) { employer(id: $id) { postings(first: 10) { edges { node { hires { person { id } } } } } } }';
const RECOMMENDED = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { recommendedPostings(first: 1) { posting { id } } } } }';
const PERSON_REPRESENTATION = { __typename: 'Person', id: 'per_shared', skills: ['焊工'], hometown: { provinceCode: '510000' }, jobIntention: null };

describe("an employer user reads only its own postings' hires", () => {
  it("gets FORBIDDEN for employer B's posting, by the root field and by _entities, and A's own hires in full", async () => {
    const employerA_ = employerUserOf(employerA);
    const root = await employerA_(POSTING_HIRES, { id: postingB });
    expect(errorCodes(root)).toEqual(['FORBIDDEN']);
    expect(root.errors![0]!.message).toBe(
      `JobPosting.hires: job posting "${postingB}" is not a posting of employer "${employerA}", which you act for; an employer sees the hires and candidates of its own postings only.`,
    );
    expect(root.data).toEqual({ jobPosting: null });
    const entity = await employerA_(ENTITY_POSTING_HIRES, { r: [{ __typename: 'JobPosting', id: postingB }] });
    expect(errorCodes(entity)).toEqual(['FORBIDDEN']);
    const own = await employerA_(POSTING_HIRES, { id: postingA });
    expect(own).toEqual({ data: { jobPosting: { id: postingA, hires: [{ id: expect.any(String), person: { id: 'per_shared' } }] } } });
  });

  it("sees of a person's hires only those into its own postings (Person.hires through _entities)", async () => {
    const r = [
      { __typename: 'Person', id: 'per_shared' },
      { __typename: 'Person', id: 'per_only_b' },
    ];
    expect(await employerUserOf(employerA)(ENTITY_PERSON_HIRES, { r })).toEqual({
      data: {
        _entities: [
          { id: 'per_shared', hires: [{ posting: { id: postingA }, person: { id: 'per_shared' } }] },
          { id: 'per_only_b', hires: [] },
        ],
      },
    });
    // people:read sees both employers' hires.
    expect((await caseworker()(ENTITY_PERSON_HIRES, { r })).data._entities[0].hires).toEqual([
      { posting: { id: postingA }, person: { id: 'per_shared' } },
      { posting: { id: postingB }, person: { id: 'per_shared' } },
    ]);
  });

  it("gets no recommendations for a person (they follow from the person's skills and intention)", async () => {
    const response = await employerUserOf(employerA)(RECOMMENDED, { r: [PERSON_REPRESENTATION] });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toMatch(/^Person\.recommendedPostings reveals a person's data: it needs the people:read scope/);
  });

  it('with a token naming no employer gets FORBIDDEN saying so', async () => {
    const response = await as({ roles: ['employer'] }, 'hr-nobody')(POSTING_HIRES, { id: postingA });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toMatch(/your employer token names no employer \(claim employerId\)/);
  });
});

describe('anonymous, role-less and partner tokens straight to the subgraph see no hires', () => {
  const callers = [
    ['anonymous', anonymous, 'UNAUTHENTICATED'],
    ['no role', noRole, 'FORBIDDEN'],
    ['partner', partner, 'FORBIDDEN'],
  ] as const;

  it.each(callers)('%s: refused on the root list, the nested list, _entities of postings and of people, and recommendations', async (_, caller, code) => {
    const execute = caller();
    const list = await execute(LIST_HIRES);
    expect(errorCodes(list)[0]).toBe(code);
    expect(list.data).toBeNull();
    for (const [query, variables] of [
      [POSTING_HIRES, { id: postingA }],
      [NESTED_HIRES, { id: employerA }],
      [ENTITY_POSTING_HIRES, { r: [{ __typename: 'JobPosting', id: postingA }] }],
      [ENTITY_PERSON_HIRES, { r: [{ __typename: 'Person', id: 'per_shared' }] }],
      [RECOMMENDED, { r: [PERSON_REPRESENTATION] }],
    ] as const) {
      const response = await execute(query, variables);
      expect(errorCodes(response), query).toEqual([code]);
      expect(JSON.stringify(response.data ?? null), query).not.toContain('per_shared');
    }
  });

  it('the public fields of a posting still answer anonymously: counts, no people', async () => {
    const response = await anonymous()('query ($id: ID!) { jobPosting(id: $id) { id filled openings } }', { id: postingA });
    expect(response).toEqual({ data: { jobPosting: { id: postingA, filled: 1, openings: 4 } } });
  });
});

async function tableSnapshot() {
  const { Items = [] } = await fixture.tables.clients.documents.send(new ScanCommand({ TableName: fixture.storage.tableName, ConsistentRead: true }));
  return Items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

describe('hire', () => {
  it("keeps idempotency keys per caller: another caller's same key neither replays nor reveals the first hire", async () => {
    const first = await caseworker('caseworker-1')(HIRE, { i: { postingId: postingA, personId: 'per_key_1', idempotencyKey: 'shared-key' } });
    expect(first.errors).toBeUndefined();
    // Before: CONFLICT "was already used to hire person "per_key_1" into job posting …", naming the other caller's hire.
    const other = await caseworker('caseworker-2')(HIRE, { i: { postingId: postingA, personId: 'per_key_2', idempotencyKey: 'shared-key' } });
    expect(other).toEqual({ data: { hire: { id: expect.any(String), person: { id: 'per_key_2' }, posting: { id: postingA } } } });
    expect(other.data.hire.id).not.toBe(first.data.hire.id);
    // The first caller's retry is still its own hire.
    expect(await caseworker('caseworker-1')(HIRE, { i: { postingId: postingA, personId: 'per_key_1', idempotencyKey: 'shared-key' } })).toEqual(first);
  });

  it('refuses a person the people subgraph does not have with NOT_FOUND, and writes nothing', async () => {
    const before = await tableSnapshot();
    const response = await caseworker()(HIRE, { i: { postingId: postingA, personId: 'per_nobody_registered', idempotencyKey: 'ghost-1' } });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors![0]!.message).toBe(
      'No person with id "per_nobody_registered" exists in the people subgraph. A person registered in the last few seconds may not have reached the employers subgraph yet: retry shortly.',
    );
    expect(response.errors![0]!.extensions!.field).toBe('input.personId');
    expect(await tableSnapshot()).toEqual(before);
  });

  it('refuses a token without a subject: keys are kept per caller', async () => {
    const response = await as({ roles: ['caseworker'] }, '')(HIRE, { i: { postingId: postingA, personId: 'per_key_1', idempotencyKey: 'no-subject' } });
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
  });
});
