/**
 * Attacks the gateway must stop before any subgraph is called: each is rejected with a clear
 * error, no subgraph receives a request, and nothing is written.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { startGatewayServer, type RunningGateway } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { graphqlClient, type Execute } from '../support/graphql.js';
import { testGatewaySecurity, useLocalSystem } from '../support/local-system.js';

const subgraphCalls: string[] = [];
let system: Awaited<ReturnType<typeof useLocalSystem>>;
let caseworker: Execute;
let production: RunningGateway;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: false, onSubgraphRequest: (name) => subgraphCalls.push(name) });
  caseworker = system.executeAs({ roles: ['caseworker'], provinces: ['500000'] });
  const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), system.subgraphUrls);
  production = await startGatewayServer({ supergraph, port: 0, host: '127.0.0.1', production: true, security: testGatewaySecurity() });
});
afterAll(() => production?.close());
beforeEach(() => {
  subgraphCalls.length = 0;
});

/** The request was refused with one error and no subgraph heard of it. */
function expectStopped(response: { data?: unknown; errors?: { message: string }[] }, message: RegExp) {
  expect(response.data ?? null).toBeNull();
  expect(response.errors?.[0]?.message).toMatch(message);
  expect(subgraphCalls).toEqual([]);
}

/** No error message may state a limit: nothing to tune the next attempt with. */
function expectNoLimitStated(response: { errors?: { message: string }[] }) {
  for (const error of response.errors ?? []) expect(error.message).not.toMatch(/\d/);
}

const post = (url: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(url, { method: 'POST', headers, body });

describe('operation limits', () => {
  it('alias overloading: rejects 16 aliases of one field', async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: region(code: "500230") { name }`).join(' ');
    const response = await system.execute(`{ ${aliases} }`);
    expectStopped(response, /aliases/i);
    expectNoLimitStated(response);
  });

  it('deep nesting: rejects a query nested deeper than the limit', async () => {
    let selection = 'id';
    for (let i = 0; i < 7; i++) selection = `household { members { ${selection} } }`;
    const response = await caseworker(`{ person(id: "per_x") { ${selection} } }`);
    expectStopped(response, /nested too deeply/);
    expectNoLimitStated(response);
  });

  it('circular fragments: rejects fragments that spread each other', async () => {
    const response = await system.execute('{ region(code: "500230") { ...A } } fragment A on Region { name ...B } fragment B on Region { code ...A }');
    expectStopped(response, /Cannot spread fragment "A" within itself/);
  });

  it('exponential fragments: rejects fragments that double at every level', async () => {
    const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i + 1} on Region { ...F${i} ...F${i} }`).join(' ');
    const started = Date.now();
    const response = await system.execute(`{ region(code: "500230") { ...F12 } } fragment F0 on Region { name } ${levels}`);
    expectStopped(response, /too many fields once its fragments are expanded/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('field duplication: rejects a field repeated thousands of times', async () => {
    const response = await system.execute(`{ region(code: "500230") { ${'name '.repeat(3000)} } }`);
    expectStopped(response, /token/i);
    expectNoLimitStated(response);
  });

  it('directive overloading: rejects dozens of directives on one field', async () => {
    const response = await system.execute(`{ region(code: "500230") { name ${'@include(if: true) '.repeat(50)} } }`);
    expectStopped(response, /directive/i);
    expectNoLimitStated(response);
  });

  it('too many root fields: rejects an operation fanning out to many fetches', async () => {
    const fields = Array.from({ length: 11 }, (_, i) => `r${i}: region(code: "500230") { name }`).join(' ');
    const response = await system.execute(`{ ${fields.replace(/r1[0]:/, 'r10:')} }`);
    expect(response.errors?.map((e) => e.message).join(' ')).toMatch(/too many root fields|aliases/);
    expect(subgraphCalls).toEqual([]);
  });

  it('oversized body: answers 413 before reading the operation', async () => {
    const response = await post(system.gatewayUrl, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(70 * 1024)}` }));
    expect(response.status).toBe(413);
    expect(subgraphCalls).toEqual([]);
  });

  it('oversized variables: answers 413', async () => {
    const response = await post(
      system.gatewayUrl,
      JSON.stringify({ query: 'query ($c: String!) { region(code: $c) { name } }', variables: { c: 'x'.repeat(40 * 1024) } }),
    );
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ message: 'The variables are too large.' }] });
    expect(subgraphCalls).toEqual([]);
  });

  it('list amplification: rejects 100 postings × 100 postings of their employers by estimated cost, before any subgraph', async () => {
    const response = await system.execute(
      '{ jobPostings(first: 100) { edges { node { title employer { postings(first: 100) { edges { node { title employer { name } } } } } } } } }',
    );
    expectStopped(response, /too expensive/);
    expect(response.errors?.[0]?.extensions?.code).toBe('COST_ESTIMATED_TOO_EXPENSIVE');
    expectNoLimitStated(response);
    // Page sizes are the estimate's list sizes: the same shape with small pages is allowed.
    const small = await system.execute('{ jobPostings(first: 5) { edges { node { title employer { postings(first: 5) { edges { node { title } } } } } } } }');
    expect(small.errors).toBeUndefined();
    expect(subgraphCalls.length).toBeGreaterThan(0);
  });

  it('batching: refuses a JSON array of operations', async () => {
    const response = await post(
      system.gatewayUrl,
      JSON.stringify([{ query: '{ region(code: "500230") { name } }' }, { query: '{ region(code: "500230") { code } }' }]),
    );
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(subgraphCalls).toEqual([]);
  });
});

describe('production hardening', () => {
  it('introspection is refused', async () => {
    const response = await graphqlClient(production.url)('{ __schema { types { name } } }');
    expectStopped(response, /introspection/i);
  });

  it('field suggestions are not given', async () => {
    const response = await graphqlClient(production.url)('{ regio(code: "500230") { name } }');
    expectStopped(response, /Cannot query field "regio" on type "Query"/);
    expect(response.errors![0]!.message).not.toMatch(/Did you mean/);
  });
});

describe('cross-site request forgery', () => {
  it('refuses a mutation sent by GET, and writes nothing', async () => {
    const query = encodeURIComponent(
      'mutation { registerPerson(input: { name: "x", idNumber: "11010519491231002X", phone: "13800000000", hometownCountyCode: "500230", povertyRegistered: true }) { id } }',
    );
    const response = await fetch(`${system.gatewayUrl}?query=${query}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(405);
    expect(subgraphCalls).toEqual([]);
  });

  it('refuses a text/plain POST, the kind a form on another site can send', async () => {
    const response = await post(system.gatewayUrl, JSON.stringify({ query: '{ region(code: "500230") { name } }' }), { 'content-type': 'text/plain' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(subgraphCalls).toEqual([]);
  });
});

describe('authentication and authorization at the gateway', () => {
  it('refuses a token signed by another key with 401', async () => {
    const forged = await import('jose').then(async ({ SignJWT, generateKeyPair }) => {
      const { privateKey } = await generateKeyPair('ES256');
      return new SignJWT({ roles: ['admin'] })
        .setProtectedHeader({ alg: 'ES256' })
        .setIssuer('labor-cooperation-dev')
        .setAudience('labor-cooperation-api')
        .setExpirationTime('1h')
        .sign(privateKey);
    });
    const response = await post(system.gatewayUrl, JSON.stringify({ query: '{ people(first: 1) { edges { cursor } } }' }), {
      'content-type': 'application/json',
      authorization: `Bearer ${forged}`,
    });
    expect(response.status).toBe(401);
    expect(subgraphCalls).toEqual([]);
  });

  it('refuses an expired token with 401', async () => {
    const { signDevToken } = await import('../../scripts/dev-keys.js');
    const { inject } = await import('vitest');
    const expired = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['admin'], expiresIn: '-1m' });
    const response = await post(system.gatewayUrl, JSON.stringify({ query: '{ people(first: 1) { edges { cursor } } }' }), {
      'content-type': 'application/json',
      authorization: `Bearer ${expired}`,
    });
    expect(response.status).toBe(401);
    expect(subgraphCalls).toEqual([]);
  });

  // The gateway verifies a client token once, then remembers it (gateway/auth/client-auth.ts): what it
  // remembers must never outlive the token, nor vouch for a token built from it.
  describe('a token the gateway has verified and remembers', () => {
    const ask = (token: string) =>
      post(system.gatewayUrl, JSON.stringify({ query: '{ people(first: 1) { edges { cursor } } }' }), {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
      });
    const signed = async (expiresIn: string) => {
      const { signDevToken } = await import('../../scripts/dev-keys.js');
      const { inject } = await import('vitest');
      return signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'], expiresIn });
    };

    it('is refused with 401 once it expires', async () => {
      const token = await signed('2s');
      expect((await ask(token)).status).toBe(200);
      const { exp } = (await import('jose')).decodeJwt(token);
      await new Promise((resolve) => setTimeout(resolve, exp! * 1000 - Date.now() + 100));
      subgraphCalls.length = 0;
      const response = await ask(token);
      expect(response.status).toBe(401);
      expect(subgraphCalls).toEqual([]);
    });

    it('lends nothing to a token with its signature and other claims', async () => {
      const token = await signed('1h');
      expect((await ask(token)).status).toBe(200);
      const [header, payload, signature] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
      const escalated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
      subgraphCalls.length = 0;
      const response = await ask(`${header}.${escalated}.${signature}`);
      expect(response.status).toBe(401);
      expect(subgraphCalls).toEqual([]);
    });
  });

  it('refuses a mutation to a role without its scope, and calls no subgraph', async () => {
    const employer = system.executeAs({ roles: ['employer'], employerId: 'emp_x' });
    const response = await employer(
      'mutation { registerPerson(input: { name: "x", idNumber: "11010519491231002X", phone: "13800000000", hometownCountyCode: "500230", povertyRegistered: true }) { id } }',
    );
    expectStopped(response, /Unauthorized field or type/);
    expect(response.errors![0]).toMatchObject({ path: ['registerPerson'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } });
  });

  it('answers a refused field 401 without a token (signing in may help) and 403 with one whose roles fall short', async () => {
    const { signDevToken } = await import('../../scripts/dev-keys.js');
    const { inject } = await import('vitest');
    const employer = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['employer'], employerId: 'emp_x' });
    const body = JSON.stringify({ query: '{ people(first: 1) { edges { cursor } } }' });
    const anonymous = await post(system.gatewayUrl, body);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).errors[0].message).toBe(
      'Unauthorized field or type: Query.people needs the scope people:read (roles caseworker, program_officer, admin), which an anonymous caller lacks: send a token.',
    );
    const signedIn = await post(system.gatewayUrl, body, { 'content-type': 'application/json', authorization: `Bearer ${employer}` });
    expect(signedIn.status).toBe(403);
    expect((await signedIn.json()).errors[0]).toMatchObject({ path: ['people'], extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE' } });
    expect(subgraphCalls).toEqual([]);
  });

  it('refuses people data to an anonymous caller even through another entity', async () => {
    const response = await system.execute('{ jobPostings(first: 1) { edges { node { title hires { person { name } } } } } }');
    expectStopped(response, /Unauthorized field or type/);
  });
});
