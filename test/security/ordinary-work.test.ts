/**
 * Limits refuse attacks, never ordinary work: every persisted operation of the web app and a
 * program officer's everyday queries go through a production gateway (production mode, auth
 * directives, demand control and operation limits at the deployment's defaults, the web app held to
 * its persisted documents) on the demo data; the amplification shapes are still refused before any
 * subgraph is called.
 */
import { randomBytes } from 'node:crypto';
import { parse, buildSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { actualCost, estimateCost } from '../../gateway/limits/demand-control.js';
import { CLIENT_NAME_HEADER, readWebAppManifest, WEB_APP_CLIENT_NAME } from '../../gateway/limits/persisted-documents.js';
import { demoPersonId, NAMED_PEOPLE } from '../../scripts/demo/people.js';
import { DEMO_EVENT_IDS, DEMO_PROGRAM_IDS, NAMED_PLACEMENT_IDS } from '../../scripts/demo/programs.js';
import { loadShanxiDemoData } from '../../partners/shanxi/demo-data.js';
import { shanxiDemoWorkers } from '../../scripts/partner-services.js';
import { startShanxiService } from '../../partners/shanxi/server.js';
import { shanxiTable } from '../../partners/shanxi/table.js';
import { signDevToken, type DevTokenClaims } from '../../scripts/dev-keys.js';
import { useTables } from '../support/dynamo.js';
import { useLocalSystem } from '../support/local-system.js';

// Loggers read their level when they are built: warnings on for this file's gateway (the actual cost).
const previousLogLevel = process.env.POWERTOOLS_LOG_LEVEL;
process.env.POWERTOOLS_LOG_LEVEL = 'WARN';
afterAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = previousLogLevel;
});
const secret = randomBytes(32).toString('hex');
const tables = await useTables(shanxiTable);
const storage = { documents: tables.clients.documents, tableName: tables.tableName(shanxiTable) };
await loadShanxiDemoData(storage, shanxiDemoWorkers());
const shanxi = await startShanxiService({ port: 0, host: '127.0.0.1', storage, gatewaySecret: secret });
afterAll(() => shanxi.close());
const subgraphCalls: string[] = [];
const system = await useLocalSystem({
  loadDemoData: true,
  production: true,
  partners: { shanxi: { url: shanxi.url, secret } },
  onSubgraphRequest: (name) => subgraphCalls.push(name),
});
beforeEach(() => {
  subgraphCalls.length = 0;
});

// The production settings: what readGatewayConfig gives a deployment that sets nothing.
const { demandControl } = readGatewayConfig({ NODE_ENV: 'production' });
const supergraph = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
const estimated = (query: string, variables: Record<string, unknown> = {}) =>
  estimateCost(supergraph, parse(query), undefined, variables, demandControl.assumedListSize);

const officerClaims: DevTokenClaims = { roles: ['caseworker', 'program_officer'], provinces: ['500000', '510000', '140000'] };
const officer = system.executeAs(officerClaims);
const GATEWAY_REFUSALS = [
  'COST_ESTIMATED_TOO_EXPENSIVE',
  'BAD_REQUEST',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_DOCUMENT_REQUIRED',
  'PERSISTED_DOCUMENT_NOT_FOUND',
];

/** The web app's request: a documentId of its manifest, its client name, the caller's token. */
async function asWebApp(documentId: string, variables: Record<string, unknown>) {
  const token = await signDevToken(inject('keys').issuerPrivateKey, officerClaims);
  const response = await fetch(system.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [CLIENT_NAME_HEADER]: WEB_APP_CLIENT_NAME, authorization: `Bearer ${token}` },
    body: JSON.stringify({ documentId, variables }),
  });
  return (await response.json()) as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

describe('the web app’s persisted operations, at the largest page sizes its subgraphs accept', () => {
  // Every operation of the manifest, with variables naming the demo data's biggest objects: the
  // Fengdu fair (212 employers, 512 postings), Wang Longbiao, his placement. Pages of 100, the most any subgraph serves.
  const variablesOf: Record<string, Record<string, unknown>> = {
    JobFair: { id: DEMO_EVENT_IDS.fengdu },
    PeopleSearch: { first: 100 },
    PersonDetail: { id: demoPersonId(NAMED_PEOPLE[0]!) },
    PersonByIdNumber: { idNumber: NAMED_PEOPLE[0]!.idNumber },
    RetentionFollowUps: { countyCode: '500230', first: 100 },
    PlacementById: { id: NAMED_PLACEMENT_IDS.wangLongbiao },
    ProgramList: { first: 100 },
    ProgramDetail: { id: DEMO_PROGRAM_IDS.chongqingShandong },
    // A stale version: the programs subgraph refuses it and writes nothing, after the gateway let it through.
    AdvancePlacement: { input: { id: NAMED_PLACEMENT_IDS.wangLongbiao, expectedVersion: 999_999, to: 'HIRED', monthlyWageYuan: 6000 } },
    // A posting that does not exist: the employers subgraph answers NOT_FOUND and hires no one.
    Hire: { input: { postingId: 'pst_missing', personId: demoPersonId(NAMED_PEOPLE[0]!), idempotencyKey: 'ordinary-work-hire' } },
    // No rows: the people subgraph refuses the empty batch (GraphQL itself accepts an empty list).
    ImportPeople: { input: { rows: [] } },
    // Inputs each subgraph refuses, so nothing is written: a malformed ID number, an unknown region, absent ids.
    RegisterPerson: { input: { name: '测试', idNumber: '5002301990', phone: '13800000000', hometownCountyCode: '500230', povertyRegistered: true } },
    RegisterHousehold: { input: { regionCode: '999999', povertyStatus: 'REGISTERED' } },
    AddHouseholdMember: { input: { householdId: 'hh_missing', personId: 'per_missing' } },
    RecordIntention: { input: { personId: 'per_missing', postingId: 'pst_missing', programId: 'prg_missing' } },
  };
  /** The subgraph that alone answers each mutation. */
  const subgraphOf: Record<string, string> = {
    AdvancePlacement: 'programs',
    Hire: 'employers',
    ImportPeople: 'people',
    RegisterPerson: 'people',
    RegisterHousehold: 'people',
    AddHouseholdMember: 'people',
    RecordIntention: 'programs',
  };
  const operations = Object.entries(readWebAppManifest()).map(([documentId, document]) => {
    const operation = parse(document).definitions.find((d) => d.kind === 'OperationDefinition')!;
    return { documentId, name: operation.name!.value, kind: operation.operation };
  });

  it('names every operation of the manifest here', () => {
    expect(operations.map((o) => o.name).sort()).toEqual(Object.keys(variablesOf).sort());
  });

  it.each(operations.filter((o) => o.kind === 'query'))('$name is answered without an error', async ({ documentId, name }) => {
    const response = await asWebApp(documentId, variablesOf[name]!);
    expect(response.errors).toBeUndefined();
    expect(Object.values(response.data ?? {}).every((value) => value !== null)).toBe(true);
  });

  it.each(operations.filter((o) => o.kind === 'mutation'))('$name reaches its subgraph, which alone answers it', async ({ documentId, name }) => {
    const response = await asWebApp(documentId, variablesOf[name]!);
    expect(response.errors?.length).toBe(1);
    expect(GATEWAY_REFUSALS).not.toContain(response.errors![0]!.extensions?.code);
    expect(subgraphCalls).toContain(subgraphOf[name]);
  });
});

describe('a program officer’s everyday queries', () => {
  const everyday = {
    'recruitment events with their employers and postings': /* GraphQL */ `
      query EventsWithEmployersAndPostings {
        recruitmentEvents(first: 20) {
          edges {
            node {
              name
              heldOn
              venue { name province }
              participatingEmployers { id name industry region { name province } }
              offeredPostings { id title occupation headcount monthlyWageMinYuan monthlyWageMaxYuan }
              statistics { employers positionsOffered intentions registeredPoorIntentions }
            }
          }
          pageInfo { hasNextPage endCursor }
        }
      }
    `,
    'Shanxi labor companies with their contracts': /* GraphQL */ `
      query ShanxiCompaniesWithContracts {
        shanxiLaborCompanies(first: 20) {
          edges {
            node {
              name
              county { name }
              laborContracts(first: 20) {
                edges {
                  node {
                    startDate
                    endDate
                    monthlyPayYuan
                    placedWithEmployerName
                    workplace { name province }
                    worker { name }
                    insurance { kind monthlyContributionFen }
                  }
                }
                pageInfo { hasNextPage }
              }
            }
          }
        }
      }
    `,
    'programs with their statistics': /* GraphQL */ `
      query ProgramsWithStatistics {
        programs(first: 20) {
          edges {
            node {
              name
              kind
              sendingRegions { name province }
              receivingRegions { name province }
              statistics {
                employers
                positionsOffered
                intentions
                registeredPoorIntentions
                hires
                registrations
                retained3m
                retained6m
                retained12m
                averageMonthlyWageUpliftYuan
                bySendingCounty { sendingCounty { name province } intentions hires registrations }
              }
            }
          }
        }
      }
    `,
  };

  it.each(Object.entries(everyday))('%s: answered whole, and under the budget by its estimate', async (_, query) => {
    expect(estimated(query)).toBeLessThanOrEqual(demandControl.maxCost);
    const response = await officer(query);
    expect(response.errors).toBeUndefined();
    const [connection] = Object.values(response.data) as { edges: unknown[] }[];
    expect(connection!.edges.length).toBeGreaterThan(0);
  });
});

describe('the amplification shapes, still refused before any subgraph is called', () => {
  const refusedForCost = async (query: string) => {
    const response = await officer(query);
    expect(response).toEqual({
      errors: [
        {
          message: 'The operation is too expensive: ask for smaller pages (first) or fewer nested lists, or split it into several requests.',
          extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE' },
        },
      ],
    });
    expect(subgraphCalls).toEqual([]);
  };

  it('100 postings × 100 postings of their employers', () =>
    refusedForCost(
      '{ jobPostings(first: 100) { edges { node { title employer { postings(first: 100) { edges { node { title employer { name } } } } } } } } }',
    ));

  it('a page of 100 fairs with every posting’s employer’s postings', () =>
    refusedForCost(
      '{ recruitmentEvents(first: 100) { edges { node { offeredPostings { employer { postings(first: 100) { edges { node { title } } } } } } } } }',
    ));

  it('a partner’s connection the supergraph gives no @listSize, asked for in pages of 100 × 100', () =>
    // 10,000 contracts and 10,000 workers fetched from the people subgraph: its page sizes count
    // as a sized connection's do (counted as 20 each before, 1,261 in all).
    refusedForCost('{ shanxiLaborCompanies(first: 100) { edges { node { laborContracts(first: 100) { edges { node { startDate worker { name } } } } } } } }'));

  it('the same with page sizes in variables', async () => {
    const query =
      'query ($n: Int!) { shanxiLaborCompanies(first: $n) { edges { node { laborContracts(first: $n) { edges { node { startDate worker { name } } } } } } } }';
    const response = await officer(query, { n: 100 });
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
    expect(subgraphCalls).toEqual([]);
    // Small pages of the same shape are ordinary work.
    const small = await officer(query, { n: 5 });
    expect(small.errors).toBeUndefined();
  });
});

describe('the cost an answer actually had', () => {
  it('is counted, and logged when it is over the estimate: the Fengdu fair has more postings (512) than its @listSize (500)', async () => {
    const query = /* GraphQL */ `
      query FengduPostings($id: ID!) {
        recruitmentEvent(id: $id) { name offeredPostings { id title } }
      }
    `;
    // The gateway's logger writes JSON lines (warnings to stderr); this gateway runs in this process.
    const written: string[] = [];
    const capture = (chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    };
    const spies = [vi.spyOn(process.stdout, 'write').mockImplementation(capture), vi.spyOn(process.stderr, 'write').mockImplementation(capture)];
    let response: Awaited<ReturnType<typeof officer>>;
    try {
      response = await officer(query, { id: DEMO_EVENT_IDS.fengdu });
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    expect(response.errors).toBeUndefined();
    const estimate = estimated(query, { id: DEMO_EVENT_IDS.fengdu });
    expect({ estimate, actual: actualCost(response.data) }).toEqual({ estimate: 1 + 500, actual: 1 + 512 });
    const warning = written
      .map((line) => {
        try {
          return JSON.parse(line);
        } catch {
          return null;
        }
      })
      .find((line) => line?.message === 'actual cost over the estimate');
    expect(warning).toMatchObject({ level: 'WARN', operationName: 'FengduPostings', estimatedCost: 501, actualCost: 513, maxCost: demandControl.maxCost });
  });
});
