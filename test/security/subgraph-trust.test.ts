/**
 * A subgraph endpoint alone is worth nothing: without a gateway token addressed to it, no query,
 * `_service` or `_entities` is answered; with one, personal data follows the caller's hometown
 * province on every path, writes need the scope, and filter values cannot inject into DynamoDB
 * expressions. (Which fields each role reads, and the province rules of writes: people-gate.test.ts.)
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { SignJWT, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it, inject } from 'vitest';
import { importGatewayPrivateKey } from '../../gateway/auth/subgraph-tokens.js';
import { demoPersonId, loadPeopleDemoData, NAMED_PEOPLE } from '../../scripts/demo/people.js';
import { GATEWAY_ISSUER } from '../../subgraphs/shared/auth/caller.js';
import { errorCodes, gatewayToken, graphqlClient, type Execute } from '../support/graphql.js';
import { startPeopleSubgraph } from '../people/people-fixture.js';

let fixture: Awaited<ReturnType<typeof startPeopleSubgraph>>;
const wang = NAMED_PEOPLE[0]!; // hometown Fengdu, Chongqing (500000)
const liLi = NAMED_PEOPLE[1]!; // hometown Shaanxi (610000), working in Nanjing, Jiangsu (320000)

beforeAll(async () => {
  fixture = await startPeopleSubgraph();
  await loadPeopleDemoData(fixture.storage, 5);
});

const raw =
  (authorization?: string): Execute =>
  (query, variables) =>
    graphqlClient(fixture.url)(query, variables, authorization === undefined ? {} : { authorization });

const REQUESTS: [string, string, Record<string, unknown>?][] = [
  ['_service', '{ _service { sdl } }'],
  [
    '_entities',
    'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { name idNumber } } }',
    { r: [{ __typename: 'Person', id: demoPersonId(wang) }] },
  ],
  ['a query', '{ people(first: 1) { edges { node { name } } } }'],
];

async function signed(options: { key?: Parameters<SignJWT['sign']>[0]; audience?: string; issuer?: string; expiresIn?: string; issuedAt?: number }) {
  const key = options.key ?? (await importGatewayPrivateKey(inject('keys').gatewayPrivateKey));
  return new SignJWT({ roles: ['admin'] })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(options.issuer ?? GATEWAY_ISSUER)
    .setAudience(options.audience ?? 'people')
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '60s')
    .sign(key);
}

describe('direct calls to a subgraph', () => {
  const cases: [string, () => Promise<string | undefined>][] = [
    ['no token', async () => undefined],
    ['a token signed by another key', async () => `Bearer ${await signed({ key: (await generateKeyPair('ES256')).privateKey })}`],
    ['an expired token', async () => `Bearer ${await signed({ issuedAt: Math.floor(Date.now() / 1000) - 120, expiresIn: '-60s' })}`],
    ['a token for another subgraph', async () => `Bearer ${await signed({ audience: 'employers' })}`],
    ['a token from another issuer', async () => `Bearer ${await signed({ issuer: 'someone-else' })}`],
    [
      'a client token instead of a gateway token',
      async () => {
        const { signDevToken } = await import('../../scripts/dev-keys.js');
        return `Bearer ${await signDevToken(inject('keys').issuerPrivateKey, { roles: ['admin'] })}`;
      },
    ],
  ];

  for (const [what, authorization] of cases) {
    it.each(REQUESTS)(`refuse %s with ${what}: 401 UNAUTHENTICATED`, async (_, query, variables) => {
      const response = await fetch(fixture.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...((await authorization()) ? { authorization: (await authorization())! } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      expect(response.status).toBe(401);
      const body = await response.json();
      expect(body.data ?? null).toBeNull();
      expect(body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
      expect(JSON.stringify(body)).not.toContain('王龙彪');
    });
  }

  it('answers the same requests with a valid gateway token', async () => {
    const execute = raw(`Bearer ${await gatewayToken('people')}`);
    for (const [, query, variables] of REQUESTS) expect((await execute(query, variables)).errors).toBeUndefined();
  });
});

describe('personal data across provinces', () => {
  const QUERY = /* GraphQL */ `
    query ($id: ID!) {
      person(id: $id) { idNumber phone household { members { idNumber } } }
    }
  `;
  const caseworkerOf = (...provinces: string[]) => fixture.executeAs({ roles: ['caseworker'], provinces });

  it("shows a caseworker of the person's hometown province the whole numbers", async () => {
    const response = await caseworkerOf('500000')(QUERY, { id: demoPersonId(wang) });
    expect(response.data.person).toMatchObject({ idNumber: wang.idNumber, phone: wang.phone });
  });

  it('masks them for a caseworker of the province where the person works: receiving a worker never unmasks them', async () => {
    const response = await caseworkerOf('320000')(QUERY, { id: demoPersonId(liLi) });
    expect(response.data.person).toMatchObject({ idNumber: `${liLi.idNumber.slice(0, 6)}************`, phone: `*******${liLi.phone.slice(7)}` });
  });

  it('masks them for a caseworker of another province: directly, nested and through _entities', async () => {
    const other = caseworkerOf('370000');
    const direct = await other(QUERY, { id: demoPersonId(wang) });
    expect(direct.data.person.idNumber).toBe(`${wang.idNumber.slice(0, 6)}************`);
    expect(direct.data.person.phone).toBe(`*******${wang.phone.slice(7)}`);
    const entities = await other('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber phone } } }', {
      r: [
        { __typename: 'Person', id: demoPersonId(wang) },
        { __typename: 'Person', id: demoPersonId(liLi) },
      ],
    });
    for (const person of entities.data._entities) expect(person.idNumber).toMatch(/^\d{6}\*{12}$/);
    const list = await other('{ people(first: 20) { edges { node { idNumber household { members { idNumber phone } } } } } }');
    const numbers = list.data.people.edges.flatMap((e: { node: { idNumber: string; household: { members: { idNumber: string }[] } | null } }) => [
      e.node.idNumber,
      ...(e.node.household?.members.map((m) => m.idNumber) ?? []),
    ]);
    expect(numbers.length).toBeGreaterThan(5);
    for (const number of numbers) expect(number).toMatch(/^\d{6}\*{12}$/);
  });

  it('gives an employer none of them, whatever its provinces claim: FORBIDDEN, no data', async () => {
    const employer = fixture.executeAs({ roles: ['employer'], provinces: ['500000'], employerId: 'emp_x' });
    const direct = await employer(QUERY, { id: demoPersonId(wang) });
    expect(direct.data).toEqual({ person: null });
    expect(errorCodes(direct)).toEqual(['FORBIDDEN']);
    const entities = await employer('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { idNumber phone } } }', {
      r: [{ __typename: 'Person', id: demoPersonId(wang) }],
    });
    expect(entities.data).toEqual({ _entities: [null] });
    expect(new Set(errorCodes(entities))).toEqual(new Set(['FORBIDDEN']));
    expect(JSON.stringify(entities)).not.toContain(wang.idNumber.slice(14));
  });
});

describe('writes without the scope', () => {
  it('refuses registerPerson to an employer with FORBIDDEN and stores nothing', async () => {
    const response = await fixture.executeAs({ roles: ['employer'], employerId: 'emp_x' })(
      'mutation { registerPerson(input: { name: "越权", idNumber: "11010519491231002X", phone: "13800000000", hometownCountyCode: "500230", povertyRegistered: true }) { id } }',
    );
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toBe('registerPerson needs the people:write scope, which the roles caseworker, admin have.');
    const { Items } = await fixture.storage.documents.send(
      new QueryCommand({
        TableName: fixture.storage.tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'IDNUMBER#11010519491231002X' },
      }),
    );
    expect(Items).toEqual([]);
  });
});

describe('expression injection through filters', () => {
  it.each([
    ['a condition in a skill', 'x) OR attribute_exists(pk'],
    ['an attribute placeholder in a skill', '#hometownCountyCode'],
    ['a value placeholder in a skill', ':facet'],
  ])('treats %s as a plain value: no match, no error', async (_, skill) => {
    const response = await fixture.execute('query ($f: PeopleFilter) { people(filter: $f) { edges { node { id } } } }', { f: { skill } });
    expect(response).toEqual({ data: { people: { edges: [] } } });
  });
});
