import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken } from '../../scripts/dev-keys.js';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { createGatewayHandler } from '../../gateway/serving/handler.js';
import type { LambdaInvoker } from '../../gateway/transport/lambda-transport.js';
import { lambdaContext } from '../../scripts/lambda-http-adapter.js';
import { loadPeopleDemoData, NAMED_PEOPLE, demoPersonId } from '../../scripts/demo/people.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { useTables } from '../support/dynamo.js';

/** Function names as CDK would give them; the gateway only knows them from SUBGRAPH_URLS. */
const functionName = (subgraph: string) => `LaborCooperation-dev-${subgraph}-fn`;

const invoked: string[] = [];
let gatewayHandler: ReturnType<typeof createGatewayHandler>;

beforeAll(async () => {
  const tables = await useTables(...subgraphList.map((s) => s.table));
  const handlers = Object.fromEntries(
    subgraphList.map((s) => [functionName(s.name), s.createHandler({ documents: tables.clients.documents, tableName: tables.tableName(s.table) })]),
  );
  await loadPeopleDemoData({ documents: tables.clients.documents, tableName: tables.tableName(subgraphList[0]!.table) }, 5);
  // In-process stand-in for the Lambda service: the real handlers, given the event the gateway built.
  const invoke: LambdaInvoker = async (name, event) => {
    invoked.push(`${name} ${event.requestContext.http.method} ${event.rawPath}`);
    const handler = handlers[name];
    if (!handler) throw new Error(`No function named ${name}`);
    return handler(JSON.parse(JSON.stringify(event)), lambdaContext(name));
  };
  const keys = inject('keys');
  const config = readGatewayConfig({
    GATEWAY_PRIVATE_KEY: keys.gatewayPrivateKey,
    JWT_ISSUER: DEV_ISSUER,
    JWT_AUDIENCE: DEV_AUDIENCE,
    JWT_PUBLIC_KEY: keys.issuerPublicKey,
    SUBGRAPH_URLS: JSON.stringify(Object.fromEntries(subgraphList.map((s) => [s.name, `lambda://${functionName(s.name)}/graphql`]))),
  });
  gatewayHandler = createGatewayHandler(readFileSync(SUPERGRAPH_FILE, 'utf8'), config, invoke);
});

/** An HTTP API (payload 2.0) event as API Gateway sends it to the gateway function. */
function httpApiEvent(body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method: 'POST', path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'test' },
      requestId: 'apigw-request-1',
      routeKey: '$default',
      stage: '$default',
      time: '29/Nov/2026:05:30:00 +0000',
      timeEpoch: 1795930200000,
    },
    body: JSON.stringify(body),
    isBase64Encoded: false,
  };
}

describe('the gateway Lambda handler with the Lambda-invoke transport', () => {
  it('answers an HTTP API event by invoking the subgraph functions with HTTP API events', async () => {
    invoked.length = 0;
    const wang = NAMED_PEOPLE[0]!;
    const result = await gatewayHandler(
      httpApiEvent(
        { query: 'query ($id: ID!) { person(id: $id) { name hometown { county } } }', variables: { id: demoPersonId(wang) } },
        {
          'x-request-id': 'invoke-1',
          authorization: `Bearer ${await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'] })}`,
        },
      ),
    );
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['x-request-id']).toBe('invoke-1');
    expect(JSON.parse(result.body!)).toEqual({ data: { person: { name: '王龙彪', hometown: { county: '丰都县' } } } });
    expect(invoked).toEqual([`${functionName('people')} POST /graphql`]);
  });

  it('passes a subgraph error through with its code', async () => {
    const token = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'] });
    const result = await gatewayHandler(httpApiEvent({ query: '{ people(first: 500) { edges { cursor } } }' }, { authorization: `Bearer ${token}` }));
    expect(JSON.parse(result.body!).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/^first: /) });
  });

  it('answers a malformed request with 400 and invokes nothing', async () => {
    invoked.length = 0;
    const result = await gatewayHandler({ ...httpApiEvent({}), body: '{"query": ' });
    expect(result.statusCode).toBe(400);
    expect(invoked).toEqual([]);
  });
});
