import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { composeSupergraph, listedSubgraphs, SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { startGatewayServer } from '../../gateway/serving/server.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';
import { polledSupergraph, watchedSupergraphFile } from '../../gateway/serving/supergraph-source.js';
import { DEMO_PEOPLE_COUNT, demoPersonId, generatePeople } from '../../scripts/demo/people.js';
import { signGatewayRequest, type SignedRequest } from '../../subgraphs/shared/auth/gateway-signature.js';
import { demoCompanyId, loadShanxiDemoData, shanxiDemoData } from '../../partners/shanxi/demo-data.js';
import { shanxiDemoWorkers } from '../../scripts/partner-services.js';
import { startShanxiService } from '../../partners/shanxi/server.js';
import { shanxiTable } from '../../partners/shanxi/table.js';
import { errorCodes, graphqlClient, type Execute } from '../support/graphql.js';
import { signDevToken } from '../../scripts/dev-keys.js';
import { testGatewaySecurity, useLocalSystem } from '../support/local-system.js';
import { useTables } from '../support/dynamo.js';

// Shanxi runs as the province hosts it: a service of its own, with its own table and secret.
const secret = randomBytes(32).toString('hex');
const tables = await useTables(shanxiTable);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(shanxiTable) };
await loadShanxiDemoData(storage, shanxiDemoWorkers());
let shanxi = await startShanxiService({ port: 0, host: '127.0.0.1', storage, gatewaySecret: secret });
afterAll(() => shanxi.close());
const system = await useLocalSystem({ loadDemoData: true, partners: { shanxi: { url: shanxi.url, secret } } });

// Expected answers come from the demo data and DOMAIN.md's rule, computed here independently.
const shanxiWorkers = generatePeople(DEMO_PEOPLE_COUNT).filter((p) => p.hometownCode.startsWith('14'));
const poorWorker = shanxiWorkers.find((p) => p.povertyRegistered)!;
const otherWorker = shanxiWorkers.find((p) => !p.povertyRegistered)!;
const contractOf = (person: { idNumber: string }) => shanxiDemoData(shanxiDemoWorkers()).contracts.find((c) => c.workerId === demoPersonId(person))!;
const officer = system.executeAs({ roles: ['caseworker'], provinces: ['140000'] });

const PERSON_WITH_SHANXI_FIELDS = /* GraphQL */ `
  query ($id: ID!, $through: String) {
    person(id: $id) {
      name
      hometown { province county }
      shanxiLaborContracts { company { name county { code } } workplace { provinceCode } monthlyPayYuan insurance { kind monthlyContributionFen } }
      shanxiSubsidyStatement(throughMonth: $through) { registeredPoor ineligibleReason totalContributionFen totalSubsidyFen subsidizedMonthsRemaining months { month subsidyFen } }
    }
  }
`;

describe('the Shanxi partner subgraph through the gateway', () => {
  it("answers its fields on Person next to the people subgraph's, with the subsidy of a registered-poor worker: 2/3 of each month, 36 months at most", async () => {
    const contract = contractOf(poorWorker);
    const monthly = contract.monthlyPayYuan * 10;
    // 40 months of contributions from the first month of the contract.
    const start = new Date(`${contract.startDate}T00:00:00Z`);
    const through = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 39, 1)).toISOString().slice(0, 7);
    const response = await officer(PERSON_WITH_SHANXI_FIELDS, { id: demoPersonId(poorWorker), through });
    expect(response.errors).toBeUndefined();
    const person = response.data.person;
    expect(person.name).toBe(poorWorker.name);
    expect(person.hometown.province).toBe('山西省');
    expect(person.shanxiLaborContracts).toEqual([
      {
        company: { name: expect.stringMatching(/劳务服务有限公司$/), county: { code: poorWorker.hometownCode } },
        workplace: { provinceCode: contract.workplaceCode },
        monthlyPayYuan: contract.monthlyPayYuan,
        insurance: [
          { kind: 'URBAN_EMPLOYEE_PENSION', monthlyContributionFen: contract.monthlyPayYuan * 8 },
          { kind: 'URBAN_EMPLOYEE_MEDICAL', monthlyContributionFen: contract.monthlyPayYuan * 2 },
        ],
      },
    ]);
    const statement = person.shanxiSubsidyStatement;
    expect(statement.registeredPoor).toBe(true);
    expect(statement.ineligibleReason).toBeNull();
    expect(statement.months).toHaveLength(40);
    expect(statement.months.slice(35, 37)).toEqual([
      { month: 36, subsidyFen: Math.floor((monthly * 2) / 3) },
      { month: 37, subsidyFen: 0 },
    ]);
    expect(statement.totalContributionFen).toBe(40 * monthly);
    expect(statement.totalSubsidyFen).toBe(36 * Math.floor((monthly * 2) / 3));
    expect(statement.subsidizedMonthsRemaining).toBe(0);
  });

  it('pays no subsidy to a worker who is not registered poor, and says why', async () => {
    const response = await officer(PERSON_WITH_SHANXI_FIELDS, { id: demoPersonId(otherWorker), through: '2019-12' });
    expect(response.errors).toBeUndefined();
    expect(response.data.person.shanxiSubsidyStatement).toMatchObject({
      registeredPoor: false,
      ineligibleReason: 'the subsidy is only for registered-poor workers.',
      totalSubsidyFen: 0,
      subsidizedMonthsRemaining: 0,
    });
  });

  it('refuses a month that is not YYYY-MM with BAD_USER_INPUT naming the argument', async () => {
    const response = await officer(PERSON_WITH_SHANXI_FIELDS, { id: demoPersonId(poorWorker), through: '2019-13' });
    expect(response.data.person.name).toBe(poorWorker.name);
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'throughMonth: must be a month written YYYY-MM, e.g. 2019-06, got "2019-13".',
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'throughMonth' }),
      }),
    ]);
  });

  it("lists a county's labor-service companies with their contracts, whose workers come from the people subgraph", async () => {
    const county = poorWorker.hometownCode;
    const response = await officer(
      /* GraphQL */ `
      query ($county: String!) {
        shanxiLaborCompanies(countyCode: $county) { edges { node { id county { code } laborContracts(first: 100) { edges { node { worker { id name } } } } } } }
      }
    `,
      { county },
    );
    expect(response.errors).toBeUndefined();
    const [company] = response.data.shanxiLaborCompanies.edges;
    expect(response.data.shanxiLaborCompanies.edges).toHaveLength(1);
    expect(company.node.id).toBe(demoCompanyId(county));
    const workers = company.node.laborContracts.edges.map((e: any) => e.node.worker);
    expect(workers).toContainEqual({ id: demoPersonId(poorWorker), name: poorWorker.name });
    expect(workers).toHaveLength(shanxiWorkers.filter((w) => w.hometownCode === county).length);
  });

  it('keeps contracts from anonymous callers (the gateway enforces @requiresScopes before calling Shanxi)', async () => {
    const response = await system.execute('{ shanxiLaborCompanies(first: 1) { edges { node { name laborContracts { edges { node { id } } } } } } }');
    expect(errorCodes(response)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  });
});

describe('the Shanxi service', () => {
  const body = JSON.stringify({ query: '{ shanxiLaborCompanies(first: 1) { edges { node { name } } } }' });
  const post = (headers: Record<string, string>) => fetch(shanxi.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const sign = (request: Partial<SignedRequest> = {}, key = secret, now = Date.now()) =>
    signGatewayRequest(key, { method: 'POST', url: shanxi.url, body, ...request }, now);
  const MISMATCH = 'Refused: the signature does not match the request: it was made with another secret, or the method, path, query string or body was changed.';

  it('answers a request the gateway signed', async () => {
    const response = await post({ 'x-gateway-signature': sign() });
    expect(response.status).toBe(200);
    expect((await response.json()).data.shanxiLaborCompanies.edges).toHaveLength(1);
  });

  it.each([
    ['no signature', {}, 'Refused: the request has no x-gateway-signature header: only the gateway may call this service.'],
    ['another secret', { 'x-gateway-signature': sign({}, 'not-the-secret') }, MISMATCH],
    [
      'a stale signature (a replay)',
      { 'x-gateway-signature': sign({}, secret, Date.now() - 10 * 60_000) },
      expect.stringMatching(/^Refused: the signature is 60\d s old; more than 300 s apart/),
    ],
    ['a signature of another body', { 'x-gateway-signature': sign({ body: '{"query":"{ __typename }"}' }) }, MISMATCH],
    ['a signature of another path', { 'x-gateway-signature': sign({ url: shanxi.url.replace(/\/graphql$/, '/other') }) }, MISMATCH],
    ['a signature of another query string', { 'x-gateway-signature': sign({ url: `${shanxi.url}?x=1` }) }, MISMATCH],
    ['a signature of another method', { 'x-gateway-signature': sign({ method: 'GET' }) }, MISMATCH],
    [
      'the old format (t=,v1=)',
      { 'x-gateway-signature': `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}` },
      'Refused: x-gateway-signature must read t=<unix seconds>,n=<nonce, 16 to 64 hex digits>,v2=<64 hex digits>.',
    ],
  ])('refuses %s with 401 UNAUTHENTICATED', async (_, headers, message) => {
    const response = await post(headers as Record<string, string>);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ message, extensions: { code: 'UNAUTHENTICATED' } }] });
  });
});

describe('isolation: a partner never breaks core queries', () => {
  const QUERY = /* GraphQL */ `query ($id: ID!) { person(id: $id) { name shanxiLaborContracts { id } } }`;

  it('answers the core fields and nulls the Shanxi ones with a named error when the Shanxi service is stopped', async () => {
    await shanxi.close();
    try {
      const response = await officer(QUERY, { id: demoPersonId(poorWorker) });
      expect(response.data).toEqual({ person: { name: poorWorker.name, shanxiLaborContracts: null } });
      expect(response.errors).toEqual([
        {
          message: 'The shanxi subgraph could not be reached; the fields it serves are null in this response.',
          path: ['person'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'shanxi' },
        },
      ]);
      const readiness = await fetch(system.gatewayUrl.replace(/\/graphql$/, '/readiness'));
      expect(readiness.status).toBe(200);
      expect((await readiness.json()).partners.shanxi).toEqual({ ready: false, ms: expect.any(Number), problem: 'unreachable' });
    } finally {
      shanxi = await startShanxiService({ port: shanxi.port, host: '127.0.0.1', storage, gatewaySecret: secret });
    }
  });
});

/** A gateway of its own on the system's subgraphs, Shanxi wherever `shanxiUrl` says, as Shanxi's officer calls it. */
async function gatewayWith(options: { shanxiUrl: string; timeoutsMs?: Record<string, number>; supergraphFile?: string }) {
  const point = (text: string) => withSubgraphUrls(text, { ...system.subgraphUrls, shanxi: options.shanxiUrl }, { ignoreMissing: true });
  const supergraph = point(readFileSync(options.supergraphFile ?? SUPERGRAPH_FILE, 'utf8'));
  const gateway = await startGatewayServer({
    supergraph,
    port: 0,
    host: '127.0.0.1',
    ...(options.timeoutsMs ? { timeoutsMs: options.timeoutsMs } : {}),
    ...(options.supergraphFile
      ? {
          supergraphSource: polledSupergraph({
            initial: supergraph,
            fetchNewest: watchedSupergraphFile(options.supergraphFile),
            transform: point,
            pollingIntervalMs: 100,
          }),
        }
      : {}),
    security: { ...testGatewaySecurity(), partnerSecrets: { shanxi: secret } },
  });
  afterAll(() => gateway.close());
  const token = await signDevToken(inject('keys').issuerPrivateKey, { roles: ['caseworker'], provinces: ['140000'] });
  const execute: Execute = (query, variables) => graphqlClient(gateway.url)(query, variables, { authorization: `Bearer ${token}` });
  return execute;
}

describe('isolation: a hanging partner', () => {
  it('costs core queries only its timeout: core fields answer, Shanxi fields are null with GATEWAY_TIMEOUT naming it', async () => {
    // Accepts connections and never answers, like a province's server stuck on its database.
    const hanging = createServer(() => undefined);
    await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
    afterAll(() => new Promise<void>((resolve) => hanging.close(() => resolve())));
    const port = (hanging.address() as { port: number }).port;
    const execute = await gatewayWith({ shanxiUrl: `http://127.0.0.1:${port}/graphql`, timeoutsMs: { shanxi: 500 } });
    const started = Date.now();
    const response = await execute(/* GraphQL */ `query ($id: ID!) { person(id: $id) { name shanxiLaborContracts { id } } }`, { id: demoPersonId(poorWorker) });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(response.data).toEqual({ person: { name: poorWorker.name, shanxiLaborContracts: null } });
    expect(response.errors).toEqual([
      expect.objectContaining({
        message: 'The shanxi subgraph did not answer in time; the fields it serves are null in this response.',
        extensions: { code: 'GATEWAY_TIMEOUT', serviceName: 'shanxi' },
      }),
    ]);
  });
});

describe('the kill switch and supergraph delivery', () => {
  it('a running gateway picks up a supergraph composed without Shanxi (DISABLED_SUBGRAPHS=shanxi): Shanxi leaves routing, core fields stay', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'published-')), 'supergraph.graphql');
    writeFileSync(file, readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const execute = await gatewayWith({ shanxiUrl: shanxi.url, supergraphFile: file });
    const QUERY = /* GraphQL */ `query ($id: ID!) { person(id: $id) { name shanxiLaborContracts { id } } }`;
    const before = await execute(QUERY, { id: demoPersonId(poorWorker) });
    expect(before.errors).toBeUndefined();
    expect(before.data.person.shanxiLaborContracts).toHaveLength(1);

    const switchedOff = composeSupergraph(listedSubgraphs('local', { DISABLED_SUBGRAPHS: 'shanxi' }));
    if (!switchedOff.ok) throw new Error(switchedOff.errors.join('\n'));
    writeFileSync(file, switchedOff.supergraph);
    // Polling runs on requests: the first one or two after the change may still see the old supergraph.
    let after = await execute(QUERY, { id: demoPersonId(poorWorker) });
    for (let attempt = 0; attempt < 20 && !after.errors; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      after = await execute(QUERY, { id: demoPersonId(poorWorker) });
    }
    expect(after.errors?.[0]).toMatchObject({
      message: 'Cannot query field "shanxiLaborContracts" on type "Person".',
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    expect(await execute(/* GraphQL */ `query ($id: ID!) { person(id: $id) { name } }`, { id: demoPersonId(poorWorker) })).toEqual({
      data: { person: { name: poorWorker.name } },
    });
  });
});
