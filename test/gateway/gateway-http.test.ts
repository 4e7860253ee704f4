import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { startGatewayServer, type RunningGateway } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { graphqlClient } from '../support/graphql.js';
import { testGatewaySecurity, useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
let production: RunningGateway;
let withCors: RunningGateway;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: false });
  const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), system.subgraphUrls);
  production = await startGatewayServer({ supergraph, port: 0, host: '127.0.0.1', security: testGatewaySecurity(), production: true });
  withCors = await startGatewayServer({
    supergraph,
    port: 0,
    host: '127.0.0.1',
    security: testGatewaySecurity(),
    corsOrigins: ['https://officers.example.gov.cn'],
  });
});
afterAll(async () => {
  await production?.close();
  await withCors?.close();
});

const base = (url: string) => url.replace(/\/graphql$/, '');

describe('the explorer', () => {
  it('is served to a browser at GET /graphql, gzip-compressed, with no CDN address in it', async () => {
    const response = await fetch(system.gatewayUrl, { headers: { accept: 'text/html', 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const html = await response.text();
    expect(html).toContain('<title>Labor cooperation API</title>');
    expect(html).not.toMatch(/<script[^>]+src="https?:|<link[^>]+href="https?:/);
  });

  it('is not served in production', async () => {
    const response = await fetch(production.url, { headers: { accept: 'text/html' } });
    expect(await response.text()).not.toContain('<title>Labor cooperation API</title>');
  });
});

describe('health and readiness', () => {
  it('GET /health answers 200', async () => {
    expect((await fetch(`${base(system.gatewayUrl)}/health`)).status).toBe(200);
  });

  it('GET /readiness reports every subgraph ready', async () => {
    const response = await fetch(`${base(system.gatewayUrl)}/readiness`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.ready).toBe(true);
    expect(Object.keys(body.subgraphs).sort()).toEqual(Object.keys(system.subgraphUrls).sort());
    for (const status of Object.values(body.subgraphs)) expect(status).toEqual({ ready: true, ms: expect.any(Number) });
  });

  it('GET /readiness answers 503 and names the subgraph that is down', async () => {
    const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), { ...system.subgraphUrls, people: 'http://127.0.0.1:9/graphql' });
    const gateway = await startGatewayServer({ supergraph, port: 0, host: '127.0.0.1', security: testGatewaySecurity() });
    try {
      const response = await fetch(`${base(gateway.url)}/readiness`);
      expect(response.status).toBe(503);
      expect((await response.json()).subgraphs.people).toEqual({ ready: false, ms: expect.any(Number), problem: 'unreachable' });
    } finally {
      await gateway.close();
    }
  });
});

describe('request ids', () => {
  it('echoes the x-request-id a client sends', async () => {
    const response = await fetch(system.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'officer-app-42' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(response.headers.get('x-request-id')).toBe('officer-app-42');
  });

  it('generates one when the client sends none', async () => {
    const response = await fetch(system.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('production mode', () => {
  const execute = () => graphqlClient(production.url);

  it('refuses introspection', async () => {
    const response = await execute()('{ __schema { types { name } } }');
    expect(response.data ?? null).toBeNull();
    expect(response.errors?.[0]?.message).toMatch(/introspection/i);
  });

  it('does not suggest field names in validation errors', async () => {
    const development = await graphqlClient(system.gatewayUrl)('{ peple { edges { cursor } } }');
    expect(development.errors?.[0]?.message).toMatch(/Did you mean "people"\?/);
    const response = await execute()('{ peple { edges { cursor } } }');
    expect(response.errors?.[0]?.message).toMatch(/Cannot query field "peple" on type "Query"/);
    expect(response.errors?.[0]?.message).not.toMatch(/Did you mean/);
  });

  it('still answers queries', async () => {
    expect(await execute()('{ region(code: "500230") { name } }')).toEqual({ data: { region: { name: '丰都县' } } });
  });
});

describe('CORS', () => {
  it('allows a configured origin and names it in the preflight answer', async () => {
    const response = await fetch(withCors.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://officers.example.gov.cn', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(response.headers.get('access-control-allow-origin')).toBe('https://officers.example.gov.cn');
  });

  it('does not allow another origin', async () => {
    const response = await fetch(withCors.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(response.headers.get('access-control-allow-origin')).not.toBe('https://evil.example');
  });
});
