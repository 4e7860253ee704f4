import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signDevToken } from '../../scripts/dev-keys.js';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { startGatewayServer, type RunningGateway } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { graphqlClient, type GraphQLResponse } from '../support/graphql.js';
import { testGatewaySecurity, useLocalSystem } from '../support/local-system.js';

const TIMEOUT_MS = 1000;
let system: Awaited<ReturnType<typeof useLocalSystem>>;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: false });
});

/** A stand-in for the employers subgraph's network endpoint that misbehaves in one way. */
async function faultyEndpoint(behave: (request: IncomingMessage, response: ServerResponse) => void) {
  const requests: string[] = [];
  /** When the gateway dropped a request still unanswered (ms since the epoch). */
  const abandoned: number[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    response.on('close', () => {
      if (!response.writableEnded) abandoned.push(Date.now());
    });
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      requests.push(body);
      behave(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`, requests, abandoned };
}

const gateways: RunningGateway[] = [];
afterAll(() => Promise.all(gateways.map((g) => g.close())));

/** The real gateway and people subgraph, with employers at `employersUrl`. */
async function gatewayWithEmployersAt(employersUrl: string) {
  const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { ...system.subgraphUrls, employers: employersUrl });
  const gateway = await startGatewayServer({ supergraph, port: 0, host: '127.0.0.1', security: testGatewaySecurity(), timeoutsMs: { employers: TIMEOUT_MS } });
  gateways.push(gateway);
  return graphqlClient(gateway.url);
}

const SPANNING = /* GraphQL */ `{ region(code: "500230") { name } jobPosting(id: "jp_any") { id title } }`;

function expectNamedFailure(response: GraphQLResponse, code: string) {
  expect(response.data).toEqual({ region: { name: '丰都县' }, jobPosting: null });
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  expect(error!.extensions).toEqual({ code, serviceName: 'employers' });
  expect(error!.message).toMatch(/^The employers subgraph /);
  // Nothing internal: no address, port, query text, body or stack.
  expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|localhost|query|stack|at \/|boom|arn:/i);
}

describe('a failing subgraph gives partial data and an error naming it', () => {
  it('when it is down', async () => {
    const execute = await gatewayWithEmployersAt('http://127.0.0.1:9/graphql');
    const response = await execute(SPANNING);
    expectNamedFailure(response, 'SUBGRAPH_UNAVAILABLE');
    expect(response.errors![0]!.message).toBe('The employers subgraph could not be reached; the fields it serves are null in this response.');
    expect(response.errors![0]!.path).toEqual(['jobPosting']);
  });

  it('when it answers 500 with a stack trace', async () => {
    const endpoint = await faultyEndpoint((_, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end('boom\n    at /var/task/index.mjs:1:1 arn:aws:lambda:eu-west-1:123456789012:function:employers');
    });
    const response = await (await gatewayWithEmployersAt(endpoint.url))(SPANNING);
    expectNamedFailure(response, 'SUBGRAPH_UNAVAILABLE');
    expect(response.errors![0]!.message).toBe('The employers subgraph answered with an invalid response; the fields it serves are null in this response.');
  });

  it('when it answers malformed JSON', async () => {
    const endpoint = await faultyEndpoint((_, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"data": {"jobPosting": ');
    });
    expectNamedFailure(await (await gatewayWithEmployersAt(endpoint.url))(SPANNING), 'SUBGRAPH_UNAVAILABLE');
  });

  it('when it is slow: the timeout answers within its limit', async () => {
    const endpoint = await faultyEndpoint(() => undefined);
    const execute = await gatewayWithEmployersAt(endpoint.url);
    const started = Date.now();
    const response = await execute(SPANNING);
    const elapsed = Date.now() - started;
    expectNamedFailure(response, 'GATEWAY_TIMEOUT');
    expect(response.errors![0]!.message).toBe('The employers subgraph did not answer in time; the fields it serves are null in this response.');
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    // The subgraph never answers: any answer is the timeout's; the bound only says it is not the
    // test's own (generous: a loaded 2-core CI machine delays timers by seconds).
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 10_000);
    // The fetch is aborted, not left holding a connection until the subgraph answers (it never does).
    await expect.poll(() => endpoint.abandoned.length, { timeout: 10_000 }).toBe(1);
  });

  it('never retries a mutation whose subgraph failed', async () => {
    const endpoint = await faultyEndpoint((_, response) => {
      response.writeHead(500);
      response.end();
    });
    const execute = await gatewayWithEmployersAt(endpoint.url);
    const token = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['program_officer'] });
    const response = await execute(
      /* GraphQL */ `mutation { closeJobPosting(input: { id: "jp_1", expectedVersion: 1 }) { id } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(response.errors?.[0]?.extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'employers' });
    expect(endpoint.requests).toHaveLength(1);
  });
});
