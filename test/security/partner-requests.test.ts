/**
 * What a partner province receives from the gateway, captured on the wire in front of the real
 * Shanxi service: no client claims at all, whatever the deployment's settings say, and requests
 * whose signature covers method, path, query string and body, each usable once.
 */
import { decodeJwt } from 'jose';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { afterAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { CORE_SUBGRAPHS_FILE, coreSubgraphsModule, SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { isPartnerSubgraph } from '../../gateway/auth/subgraph-tokens.js';
import { externalPartnerList, subgraphList } from '../../subgraphs/subgraph-list.js';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { usePartnerSignatures } from '../../gateway/auth/partner-signatures.js';
import { startGatewayServer } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from '../../scripts/dev-keys.js';
import { GATEWAY_ISSUER } from '../../subgraphs/shared/auth/caller.js';
import { GATEWAY_SIGNATURE_HEADER, SignatureReplayCache, signGatewayRequest, verifyGatewaySignature } from '../../subgraphs/shared/auth/gateway-signature.js';
import { loadShanxiDemoData } from '../../partners/shanxi/demo-data.js';
import { shanxiDemoWorkers } from '../../scripts/partner-services.js';
import { startShanxiService } from '../../partners/shanxi/server.js';
import { shanxiTable } from '../../partners/shanxi/table.js';
import { useTables } from '../support/dynamo.js';
import { graphqlClient } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

// Shanxi as the province hosts it, behind a recorder that keeps every request it is sent.
const secret = randomBytes(32).toString('hex');
const tables = await useTables(shanxiTable);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(shanxiTable) };
await loadShanxiDemoData(storage, shanxiDemoWorkers());
const shanxi = await startShanxiService({ port: 0, host: '127.0.0.1', storage, gatewaySecret: secret });
afterAll(() => shanxi.close());

const received: Received[] = [];
const readAll = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
const recorder = createServer(async (request, response) => {
  const body = await readAll(request);
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : String(value)]));
  received.push({ method: request.method!, url: request.url!, headers, body });
  const forwarded = await fetch(new URL(request.url!, shanxi.url), {
    method: request.method!,
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => !['host', 'connection', 'content-length', 'transfer-encoding'].includes(name))),
    ...(request.method === 'POST' ? { body } : {}),
  });
  response.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' });
  response.end(await forwarded.text());
});
await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
afterAll(() => new Promise<void>((resolve) => recorder.close(() => resolve())));
const recorderUrl = `http://127.0.0.1:${(recorder.address() as { port: number }).port}/graphql`;

const system = await useLocalSystem({ loadDemoData: false, partners: { shanxi: { url: recorderUrl, secret } } });

beforeEach(() => {
  received.length = 0;
});

/** Claims a client could hold, each value distinctive enough to be found anywhere it leaks. */
const CLIENT = { roles: ['caseworker', 'partner'] as const, provinces: ['140000'], employerId: 'emp_leak_check', subject: 'subject-leak-check-7f3a' };
const SHANXI_QUERY = '{ shanxiLaborCompanies(first: 1) { edges { node { name } } } }';

/** Shanxi received the request, and nothing of the client's identity: no token of theirs, no claim. */
function expectNoClientClaims(clientToken: string) {
  const requests = received.filter((r) => r.body.includes('shanxiLaborCompanies'));
  expect(requests).toHaveLength(1);
  for (const request of requests) {
    const everything = JSON.stringify(request);
    for (const leak of [clientToken, CLIENT.subject, CLIENT.employerId, ...CLIENT.provinces, '"roles"', 'caseworker']) expect(everything).not.toContain(leak);
    // The token the gateway sends vouches for the request and says nothing of who asked.
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    expect(decodeJwt(token!)).toEqual({ iss: GATEWAY_ISSUER, aud: 'shanxi', iat: expect.any(Number), exp: expect.any(Number) });
    expect(Object.keys(JSON.parse(request.body)).sort()).toEqual(['query']);
  }
}

describe('a partner subgraph never receives client claims', () => {
  it('is a partner by the subgraph list: every entry with `partner`, and any name the list does not have', () => {
    expect(readFileSync(CORE_SUBGRAPHS_FILE, 'utf8')).toBe(coreSubgraphsModule());
    const entries = [...subgraphList, ...externalPartnerList];
    expect(Object.fromEntries(entries.map((e) => [e.name, isPartnerSubgraph(e.name)]))).toEqual(
      Object.fromEntries(entries.map((e) => [e.name, Boolean(e.partner)])),
    );
    expect(isPartnerSubgraph('hebei')).toBe(true);
  });

  it('through the local system: no subject, roles, provinces or employer in headers, body or token', async () => {
    const clientToken = await signDevToken(inject('keys').issuerPrivateKey, CLIENT);
    const response = await system.execute(SHANXI_QUERY, undefined, { authorization: `Bearer ${clientToken}` });
    expect(response).toEqual({ data: { shanxiLaborCompanies: { edges: [{ node: { name: expect.any(String) } }] } } });
    expectNoClientClaims(clientToken);
  });

  it('whatever the deployment configures: a gateway whose settings name no partner (no PARTNER_SUBGRAPHS) still treats Shanxi as one, from the subgraph list', async () => {
    const keys = inject('keys');
    const config = readGatewayConfig({
      GATEWAY_PRIVATE_KEY: keys.gatewayPrivateKey,
      JWT_ISSUER: DEV_ISSUER,
      JWT_AUDIENCE: DEV_AUDIENCE,
      JWT_PUBLIC_KEY: keys.issuerPublicKey,
      PARTNER_SECRETS: JSON.stringify({ shanxi: secret }),
    });
    const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { ...system.subgraphUrls, shanxi: recorderUrl });
    const gateway = await startGatewayServer({ supergraph, port: 0, host: '127.0.0.1', security: config.security! });
    afterAll(() => gateway.close());
    const clientToken = await signDevToken(keys.issuerPrivateKey, CLIENT);
    const response = await graphqlClient(gateway.url)(SHANXI_QUERY, undefined, { authorization: `Bearer ${clientToken}` });
    expect(response).toEqual({ data: { shanxiLaborCompanies: { edges: [{ node: { name: expect.any(String) } }] } } });
    expectNoClientClaims(clientToken);
  });
});

describe("the gateway's signature to a partner", () => {
  /** One request the gateway signed and Shanxi answered, as it went over the wire. */
  async function signedByTheGateway(): Promise<Received> {
    const response = await system.executeAs({ roles: ['caseworker'], provinces: ['140000'] })(SHANXI_QUERY);
    expect(response.errors).toBeUndefined();
    return received.find((r) => r.body.includes('shanxiLaborCompanies'))!;
  }
  const resend = (request: Received, url = request.url) =>
    fetch(new URL(url, shanxi.url), {
      method: request.method,
      headers: { 'content-type': 'application/json', [GATEWAY_SIGNATURE_HEADER]: request.headers[GATEWAY_SIGNATURE_HEADER]! },
      body: request.body,
    });

  it('cannot be replayed within its 300 s window: the same request sent again is refused with 401', async () => {
    const captured = await signedByTheGateway();
    const replay = await resend(captured);
    expect({ status: replay.status, body: await replay.json() }).toEqual({
      status: 401,
      body: {
        errors: [
          {
            message: 'Refused: this signature was used before: the gateway signs every request it sends once (a replay).',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
    });
  });

  it.each([
    ['a query string added', (url: string) => `${url}?operationName=other`],
    ['another path', (url: string) => url.replace(/graphql$/, 'graphql/')],
  ])('covers the path and query string: the captured signature with %s is refused with 401', async (_, change) => {
    const captured = await signedByTheGateway();
    const changed = await resend(captured, change(captured.url));
    expect({ status: changed.status, body: await changed.json() }).toEqual({
      status: 401,
      body: {
        errors: [
          {
            message:
              'Refused: the signature does not match the request: it was made with another secret, or the method, path, query string or body was changed.',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
    });
  });

  it('is never made over an empty string for a body that is not text: the fetch fails instead', async () => {
    const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { shanxi: 'https://shanxi.example.cn/graphql' }, { ignoreMissing: true });
    const plugin = usePartnerSignatures({
      currentSupergraph: () => supergraph,
      secrets: { partners: ['shanxi'], partnerSecret: async () => secret, partnerRefused: () => undefined },
    });
    const sent: unknown[] = [];
    const fetchWith = (body: unknown) => () =>
      plugin.onFetch!({
        url: 'https://shanxi.example.cn/graphql',
        options: { method: 'POST', body },
        setOptions: (options: unknown) => sent.push(options),
      } as never);
    await expect(fetchWith(new TextEncoder().encode(JSON.stringify({ query: SHANXI_QUERY })))()).rejects.toThrow(
      'The request to the partner subgraph shanxi has a body that is not text; it cannot be signed, so it is not sent.',
    );
    expect(sent).toEqual([]);
  });

  it('fails closed when the partner cannot remember another nonce: refused, not let through unchecked', () => {
    const replays = new SignatureReplayCache(1);
    const request = { method: 'POST', url: '/graphql', body: '{}' };
    expect(verifyGatewaySignature(signGatewayRequest(secret, request), request, secret, replays)).toEqual({ ok: true });
    expect(verifyGatewaySignature(signGatewayRequest(secret, request), request, secret, replays)).toEqual({
      ok: false,
      reason: 'too many signed requests within the signature window to check this one for a replay; retry shortly.',
    });
  });

  it('signs the readiness probe too (its own nonce each time): Shanxi answers it', async () => {
    const readiness = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/readiness'));
    expect((await readiness.json()).partners).toEqual({ shanxi: { ready: true, ms: expect.any(Number) } });
  });

  it('is checked by the partner against the body as text: a body that is not is refused, never taken as empty', () => {
    const header = signGatewayRequest(secret, { method: 'POST', url: '/graphql', body: '' });
    const check = verifyGatewaySignature(
      header,
      { method: 'POST', url: '/graphql', body: new Uint8Array() as unknown as string },
      secret,
      new SignatureReplayCache(),
    );
    expect(check).toEqual({ ok: false, reason: 'the request body could not be read as text to check its signature.' });
  });
});
