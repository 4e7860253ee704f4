/**
 * Small holes at the gateway's HTTP edge, each refused with a clear error before any subgraph is
 * called: bodies too large for their missing Content-Length, HTML-form POSTs, client tokens that
 * never expire, request ids that are not ids, and a /readiness that fanned out to every subgraph
 * for every anonymous caller.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { importPKCS8, SignJWT } from 'jose';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { createGatewayHandler } from '../../gateway/serving/handler.js';
import { eventFromRequest } from '../../gateway/transport/http-api-event.js';
import { startGatewayServer, type RunningGateway } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from '../../scripts/dev-keys.js';
import { personInput, REGISTER, startPeopleSubgraph } from '../people/people-fixture.js';
import { testGatewaySecurity, useLocalSystem } from '../support/local-system.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const subgraphCalls: string[] = [];
let system: Awaited<ReturnType<typeof useLocalSystem>>;
let production: RunningGateway;
const previousLevel = process.env.POWERTOOLS_LOG_LEVEL;

beforeAll(async () => {
  // Loggers read their level when the handlers are built: on for this file's system.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  system = await useLocalSystem({ loadDemoData: false, onSubgraphRequest: (name) => subgraphCalls.push(name) });
  // Shanxi at a closed port: this file runs no partner (and 4010 may be someone else's).
  const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { ...system.subgraphUrls, shanxi: 'http://127.0.0.1:9/graphql' });
  production = await startGatewayServer({ supergraph, port: 0, host: '127.0.0.1', production: true, security: testGatewaySecurity() });
});
afterAll(async () => {
  process.env.POWERTOOLS_LOG_LEVEL = previousLevel;
  await production?.close();
});
beforeEach(() => {
  subgraphCalls.length = 0;
});

/** A query that the gateway sends on to the people subgraph. */
const REGION_QUERY = '{ region(code: "500230") { name } }';

/** `{"query": …}` padded with whitespace to `size` bytes: valid JSON, a tiny operation. */
const paddedBody = (size: number) => {
  const head = `{"query":${JSON.stringify(REGION_QUERY)}`;
  return `${head}${' '.repeat(size - head.length - 1)}}`;
};

/** POSTs `body` in 64 KB chunks with Transfer-Encoding: chunked and no Content-Length. */
function postChunked(url: string, body: string): Promise<{ status: number; headers: Record<string, unknown>; body: unknown }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    // The gateway may stop reading and answer before the upload ends: that is the point.
    request.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)));
    for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.slice(offset, offset + 64 * 1024));
    request.end();
  });
}

/** The gateway Lambda's settings for this file's subgraphs (over HTTP), as readGatewayConfig reads them. */
const lambdaConfig = () => {
  const keys = inject('keys');
  return readGatewayConfig({
    GATEWAY_PRIVATE_KEY: keys.gatewayPrivateKey,
    JWT_ISSUER: DEV_ISSUER,
    JWT_AUDIENCE: DEV_AUDIENCE,
    JWT_PUBLIC_KEY: keys.issuerPublicKey,
    SUBGRAPH_URLS: JSON.stringify({ ...system.subgraphUrls, shanxi: 'http://127.0.0.1:9/graphql' }),
  });
};

const TOO_LARGE = { errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_REQUEST' } }] };

describe('request body size, enforced on the stream', () => {
  it('refuses a 2 MB chunked body without Content-Length with 413, and no subgraph is called', async () => {
    const response = await postChunked(system.gatewayUrl, paddedBody(2 * 1024 * 1024));
    expect({ status: response.status, body: response.body }).toEqual({ status: 413, body: TOO_LARGE });
    expect(subgraphCalls).toEqual([]);
  });

  it('still answers a small chunked body', async () => {
    const response = await postChunked(system.gatewayUrl, paddedBody(1024));
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: { data: { region: { name: expect.any(String) } } } });
  });

  it('refuses the same body in the Lambda handler (an HTTP API event without Content-Length) with 413', async () => {
    const handler = createGatewayHandler(readFileSync(SUPERGRAPH_FILE, 'utf8'), lambdaConfig(), async () => {
      throw new Error('No subgraph is called by Lambda invoke in this test.');
    });
    const event = async (body: string): Promise<APIGatewayProxyEventV2> => {
      const built = await eventFromRequest(
        new Request('https://abc123.execute-api.eu-west-1.amazonaws.com/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body }),
      );
      expect(built.headers['content-length']).toBeUndefined();
      return built;
    };
    const refused = await handler(await event(paddedBody(2 * 1024 * 1024)));
    expect({ status: refused.statusCode, body: JSON.parse(refused.body!) }).toEqual({ status: 413, body: TOO_LARGE });
    expect(subgraphCalls).toEqual([]);
    const answered = await handler(await event(paddedBody(1024)));
    expect({ status: answered.statusCode, body: JSON.parse(answered.body!) }).toEqual({
      status: 200,
      body: { data: { region: { name: expect.any(String) } } },
    });
  });
});

describe('POSTs an HTML form can send', () => {
  it.each([
    ['application/x-www-form-urlencoded', `query=${encodeURIComponent(REGION_QUERY)}`],
    ['application/x-www-form-urlencoded; charset=UTF-8', `query=${encodeURIComponent(REGION_QUERY)}`],
    [
      'multipart/form-data; boundary=x',
      `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${JSON.stringify({ query: REGION_QUERY })}\r\n--x--\r\n`,
    ],
    ['text/plain', JSON.stringify({ query: REGION_QUERY })],
  ])('are refused with 415 naming application/json: %s', async (contentType, body) => {
    const response = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': contentType }, body });
    const mediaType = contentType.split(';')[0];
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 415,
      body: {
        errors: [
          {
            message: `POST requests must send the operation as JSON: content-type application/json, not ${mediaType}.`,
            extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' },
          },
        ],
      },
    });
    expect(subgraphCalls).toEqual([]);
  });

  it('refuses a form-encoded mutation of a signed-in caseworker, and nothing is written', async () => {
    const token = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'] });
    const form = new URLSearchParams({ query: REGISTER, variables: JSON.stringify({ input: personInput() }) });
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${token}` },
      body: form.toString(),
    });
    expect(response.status).toBe(415);
    expect(subgraphCalls).toEqual([]);
  });
});

describe('client tokens without an expiry', () => {
  /** A token the identity provider's key signed, valid in every way but that it never expires. */
  const tokenWithoutExp = async () =>
    new SignJWT({ roles: ['caseworker'], provinces: ['500000'] })
      .setProtectedHeader({ alg: 'ES256' })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject('forever-user')
      .setIssuedAt()
      .sign(await importPKCS8(inject('keys').issuerPrivateKey, 'ES256'));

  it('are refused with 401 UNAUTHENTICATED, every time (never remembered as verified), and no subgraph is called', async () => {
    const token = await tokenWithoutExp();
    for (let attempt = 0; attempt < 2; attempt++) {
      const response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: REGION_QUERY }),
      });
      expect({ status: response.status, body: await response.json() }).toEqual({
        status: 401,
        body: {
          errors: [
            { message: 'The client token has no expiry (exp claim); sign in again with a token that expires.', extensions: { code: 'UNAUTHENTICATED' } },
          ],
        },
      });
    }
    expect(subgraphCalls).toEqual([]);
  });

  it('while the same token with an expiry is answered', async () => {
    const token = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'] });
    const response = await system.execute(REGION_QUERY, undefined, { authorization: `Bearer ${token}` });
    expect(response).toEqual({ data: { region: { name: expect.any(String) } } });
  });
});

/** The JSON log lines written to stdout while `work` runs. */
async function logLinesDuring(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.startsWith('{')),
    );
    return write(chunk, ...(rest as [])) as boolean;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

const BAD_REQUEST_IDS: [string, string][] = [
  ['too long', 'a'.repeat(129)],
  ['a forged JSON fragment', '","level":"ERROR","message":"forged'],
  ['markup', '<script>alert(1)</script>'],
  ['spaces', 'two words'],
  ['a sort-key separator', 'req#2020-01-01'],
];

describe('x-request-id', () => {
  it.each(BAD_REQUEST_IDS)("%s: replaced by a fresh id in the response, the gateway's log line and every subgraph's", async (_, sent) => {
    let response!: Response;
    const lines = await logLinesDuring(async () => {
      response = await fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': sent },
        body: JSON.stringify({ query: REGION_QUERY }),
      });
      await response.json();
    });
    const id = response.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    expect(new Set(lines.map((line) => line.service))).toEqual(new Set(['gateway', 'people']));
    for (const line of lines) expect(line.requestId).toBe(id);
    expect(JSON.stringify(lines)).not.toContain(sent);
  });

  it('is kept as sent when it is a short token (letters, digits, . _ : -, at most 128)', async () => {
    const sent = `officer-app:42.${'x'.repeat(100)}`;
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': sent },
      body: JSON.stringify({ query: REGION_QUERY }),
    });
    expect(response.headers.get('x-request-id')).toBe(sent);
  });

  describe('at a subgraph called directly (a request that did not come through the gateway)', () => {
    let people: Awaited<ReturnType<typeof startPeopleSubgraph>>;
    beforeAll(async () => {
      people = await startPeopleSubgraph();
    });

    it.each(BAD_REQUEST_IDS)('%s: never reaches the audit item, which gets a fresh id', async (_, sent) => {
      const registered = await people.execute(REGISTER, { input: personInput() }, { 'x-request-id': sent });
      const id = registered.data.registerPerson.id as string;
      const { Items } = await people.storage.documents.send(
        new QueryCommand({
          TableName: people.storage.tableName,
          KeyConditionExpression: 'pk = :pk',
          FilterExpression: 'targetId = :target',
          ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}`, ':target': id },
          ConsistentRead: true,
        }),
      );
      expect(Items?.map((item) => item.operation)).toEqual(['registerPerson']);
      expect(Items![0]!.requestId).toMatch(UUID);
      expect(JSON.stringify(Items)).not.toContain(sent);
    });
  });
});

describe('/readiness', () => {
  const readiness = (gateway: string) => fetch(gateway.replace(/\/graphql$/, '/readiness'));

  it('costs one probe of each subgraph for a burst of 30 anonymous requests, and tells them only whether the gateway is ready', async () => {
    const responses = await Promise.all(Array.from({ length: 30 }, () => readiness(production.url)));
    const answers = await Promise.all(responses.map(async (response) => ({ status: response.status, body: await response.json() })));
    expect(answers).toEqual(Array.from({ length: 30 }, () => ({ status: 200, body: { ready: true } })));
    expect(subgraphCalls.sort()).toEqual(Object.keys(system.subgraphUrls).sort());
    // Within the cache's seconds, another request probes nothing.
    subgraphCalls.length = 0;
    expect(await (await readiness(production.url)).json()).toEqual({ ready: true });
    expect(subgraphCalls).toEqual([]);
  });

  it("names no subgraph to a caller that is not on the gateway's machine, even outside production (the Lambda handler's requests)", async () => {
    const handler = createGatewayHandler(readFileSync(SUPERGRAPH_FILE, 'utf8'), lambdaConfig(), async () => {
      throw new Error('No subgraph is called by Lambda invoke in this test.');
    });
    expect(lambdaConfig().production).toBe(false);
    const answer = await handler(
      await eventFromRequest(new Request('https://abc123.execute-api.eu-west-1.amazonaws.com/readiness'), { sourceIp: '203.0.113.9' }),
    );
    expect({ status: answer.statusCode, body: JSON.parse(answer.body!) }).toEqual({ status: 200, body: { ready: true } });
  });

  it("still names every subgraph's status to a developer on this machine outside production", async () => {
    const body = await (await readiness(system.gatewayUrl)).json();
    expect(Object.keys(body.subgraphs).sort()).toEqual(Object.keys(system.subgraphUrls).sort());
  });
});
