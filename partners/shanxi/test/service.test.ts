/**
 * The service on its own, as a province runs its tests: no gateway, no DynamoDB (nothing here
 * reaches the table), the signature check in front of everything and the subsidy statement's rule.
 * The core repository tests the rest through its gateway against DynamoDB Local.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createDynamoClients } from '../dynamodb.js';
import { SignatureReplayCache, verifyGatewaySignature } from '../gateway-signature.js';
import { startShanxiService } from '../server.js';
import { subsidyStatement } from '../subsidy-statement.js';
import type { LaborContractRecord } from '../labor-contract-repository.js';
import { KNOWN_ANSWER } from './known-answer.js';

describe('the gateway signature check', () => {
  it('accepts the known answer once and refuses its replay', () => {
    const { secret, request, now, header } = KNOWN_ANSWER;
    const replays = new SignatureReplayCache();
    expect(verifyGatewaySignature(header, request, secret, replays, now)).toEqual({ ok: true });
    expect(verifyGatewaySignature(header, request, secret, replays, now)).toMatchObject({ ok: false, reason: expect.stringContaining('used before') });
  });

  it('refuses the known answer with its body, query string or secret changed, or too late', () => {
    const { secret, request, now, header } = KNOWN_ANSWER;
    const check = (changed: { method: string; url: string; body: string }, key: string = secret, at: number = now) =>
      verifyGatewaySignature(header, changed, key, new SignatureReplayCache(), at).ok;
    expect([
      check({ ...request, body: '{"query":"{ shanxiLaborCompanies { edges { node { id } } } }"}' }),
      check({ ...request, url: '/graphql' }),
      check(request, 'another-secret'),
      check(request, secret, now + 301_000),
    ]).toEqual([false, false, false, false]);
  });
});

describe('the service', async () => {
  // A DynamoDB nobody listens on: these requests must be answered without it.
  const { documents } = createDynamoClients({ endpoint: 'http://127.0.0.1:9', region: 'us-east-1' });
  const secret = 'a-test-secret';
  const service = await startShanxiService({ port: 0, host: '127.0.0.1', storage: { documents, tableName: 'shanxi' }, gatewaySecret: secret });
  afterAll(() => service.close());
  const post = (headers: Record<string, string>) =>
    fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: KNOWN_ANSWER.request.body });

  it("answers 401 UNAUTHENTICATED to a request without the gateway's signature", async () => {
    const response = await post({});
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 401,
      body: { errors: [{ message: expect.stringContaining('no x-gateway-signature header'), extensions: { code: 'UNAUTHENTICATED' } }] },
    });
  });

  it('answers 401 to a signature made with another secret', async () => {
    const response = await post({ 'x-gateway-signature': KNOWN_ANSWER.header });
    expect(response.status).toBe(401);
  });
});

describe('the subsidy statement', () => {
  const contract = (startDate: string): LaborContractRecord => ({
    id: 'lct_1',
    companyId: 'lsc_1',
    workerId: 'per_1',
    workplaceCode: '110000',
    placedWithEmployerName: '北京城建物业服务有限公司',
    startDate,
    endDate: null,
    monthlyPayYuan: 4900,
    insurance: [{ kind: 'URBAN_EMPLOYEE_PENSION', enrolledOn: startDate, monthlyContributionFen: 39_200 }],
  });

  it("pays a registered-poor worker 2/3 of each month's contribution for 36 months, then nothing", () => {
    const statement = subsidyStatement([contract('2017-01-01')], true, '2020-04');
    expect(statement).toMatchObject({
      registeredPoor: true,
      ineligibleReason: null,
      totalContributionFen: 40 * 39_200,
      totalSubsidyFen: 36 * 26_133,
      subsidizedMonthsRemaining: 0,
    });
    expect(statement!.months.map((m) => m.subsidyFen).slice(34, 38)).toEqual([26_133, 26_133, 0, 0]);
  });

  it('pays a worker who is not registered poor nothing, and says why', () => {
    expect(subsidyStatement([contract('2017-01-01')], false, '2017-03')).toMatchObject({
      totalSubsidyFen: 0,
      ineligibleReason: 'the subsidy is only for registered-poor workers.',
    });
  });
});
