/**
 * The gateway as deployed with the stack's user pool (JWT_CLAIMS=cognito): it verifies Cognito's
 * ID and access tokens against the pool's JWKS, takes only the web app client's, and passes the
 * people subgraph the roles and provinces the user's groups give, nothing for a group it does not
 * know. The people subgraph is the real one, on DynamoDB Local; the JWKS is served here as Cognito
 * serves it.
 */
import { exportJWK, generateKeyPair, SignJWT, decodeJwt } from 'jose';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { startGatewayServer } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { loadPeopleDemoData } from '../../scripts/demo/people.js';
import { peopleSubgraph } from '../../subgraphs/people/subgraph.js';
import type { SubgraphHandler } from '../../subgraphs/shared/graphql/subgraph-server.js';
import { useTables } from '../support/dynamo.js';
import { serveSubgraph } from '../support/graphql.js';

const keys = inject('keys');
const ISSUER = 'https://cognito-idp.cn-north-1.amazonaws.com/cn-north-1_AbCdEfGhI';
const CLIENT_ID = '4ab5cd6ef7gh8ij9kl0mn1op2q';
const poolKey = await generateKeyPair('RS256');
const jwks = { keys: [{ ...(await exportJWK(poolKey.publicKey)), kid: 'pool-key-1', alg: 'RS256', use: 'sig' }] };
const jwksServer = createServer((request, response) => {
  response.writeHead(request.url === '/.well-known/jwks.json' ? 200 : 404, { 'content-type': 'application/json' });
  response.end(JSON.stringify(jwks));
});
await new Promise<void>((ready) => jwksServer.listen(0, '127.0.0.1', ready));
afterAll(() => new Promise((closed) => jwksServer.close(closed)));

const tables = await useTables(peopleSubgraph.table);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(peopleSubgraph.table) };
await loadPeopleDemoData(storage, 2);
/** What the people subgraph was told of each caller: the claims of the gateway token it received. */
const received: Record<string, unknown>[] = [];
const handler = peopleSubgraph.createHandler(storage);
const recording: SubgraphHandler = (event, context) => {
  const token = String(event.headers?.authorization ?? '').replace(/^Bearer /, '');
  if (token) received.push(decodeJwt(token));
  return handler(event, context);
};
const people = await serveSubgraph('people', recording);

const gateway = await startGatewayServer({
  supergraph: withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { people: people.url }),
  port: 0,
  host: '127.0.0.1',
  security: {
    clientAuth: {
      issuer: ISSUER,
      audience: CLIENT_ID,
      jwksUrl: `http://127.0.0.1:${(jwksServer.address() as { port: number }).port}/.well-known/jwks.json`,
      claims: 'cognito',
    },
    gatewayPrivateKey: keys.gatewayPrivateKey,
  },
});
afterAll(() => gateway.close());

/** A token as the pool signs it: an access token names the client in client_id, an ID token in aud. */
function poolToken(use: 'access' | 'id', groups: string[], extra: Record<string, unknown> = {}) {
  const jwt = new SignJWT({
    token_use: use,
    'cognito:groups': groups,
    ...(use === 'access' ? { client_id: CLIENT_ID, scope: 'openid email profile' } : {}),
    ...extra,
  })
    .setProtectedHeader({ alg: 'RS256', kid: 'pool-key-1' })
    .setIssuer(ISSUER)
    .setSubject('a1b2c3d4-0000-4000-8000-000000000001')
    .setIssuedAt()
    .setExpirationTime('1h');
  return (use === 'id' && !('aud' in extra) ? jwt.setAudience(CLIENT_ID) : jwt).sign(poolKey.privateKey);
}

async function ask(token: string) {
  received.length = 0;
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ people(first: 1) { edges { node { id } } } }' }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}

describe('the gateway with a Cognito user pool', () => {
  it('takes an access token of the app client and tells the subgraph the roles and provinces of its groups', async () => {
    const token = await poolToken('access', ['caseworker', 'province-500000', 'province-510000']);
    const { status, body } = await ask(token);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.people.edges).toHaveLength(1);
    expect(received).toEqual([
      expect.objectContaining({ sub: 'a1b2c3d4-0000-4000-8000-000000000001', roles: ['caseworker'], provinces: ['500000', '510000'] }),
    ]);
    // Again, from the gateway's memory of the verified token: still mapped, not read afresh.
    expect((await ask(token)).body.errors).toBeUndefined();
    expect(received).toEqual([expect.objectContaining({ roles: ['caseworker'], provinces: ['500000', '510000'] })]);
  });

  it('takes an ID token of the app client the same way', async () => {
    const { body } = await ask(await poolToken('id', ['program_officer', 'province-500000']));
    expect(body.errors).toBeUndefined();
    expect(received).toEqual([expect.objectContaining({ roles: ['program_officer'], provinces: ['500000'] })]);
  });

  it('grants nothing for groups it does not know, nor for role claims in the token: the field is refused before any subgraph', async () => {
    const { body } = await ask(await poolToken('access', ['Admins', 'superuser', 'province-sichuan'], { roles: ['admin'], provinces: ['500000'] }));
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    expect(received).toEqual([]);
  });

  it('refuses a token of another app client of the pool, and one that is neither an ID nor an access token', async () => {
    const otherClient = await ask(await poolToken('access', ['admin'], { client_id: 'another-app-client' }));
    expect(otherClient).toEqual({
      status: 401,
      body: { errors: [expect.objectContaining({ message: 'The access token was issued to another app client of the user pool; sign in through this app.' })] },
    });
    const otherAudience = await ask(await poolToken('id', ['admin'], { aud: 'another-app-client' }));
    expect(otherAudience.status).toBe(401);
    const neither = await ask(await poolToken('access', ['admin'], { token_use: 'refresh' }));
    expect(neither.status).toBe(401);
    expect(neither.body.errors?.[0]?.message).toMatch(/^The token is neither a Cognito ID token nor an access token/);
    expect(received).toEqual([]);
  });
});
