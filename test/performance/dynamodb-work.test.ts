/**
 * DynamoDB work per request does not grow with the size of a list: every representative operation
 * costs the same requests, by operation, for 10 items as for 100, and none is a Scan. Through the
 * real gateway and the real subgraph handlers, counted on the real DynamoDB client.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HireRecord } from '../../subgraphs/employers/posting-repository.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { newPersonRecord } from '../../subgraphs/people/person-input.js';
import type { PlacementRecord } from '../../subgraphs/programs/placement-repository.js';
import type { EventRecord, ProgramRecord } from '../../subgraphs/programs/program-repository.js';
import { batchWriteItems } from '../../scripts/demo/bulk-load.js';
import { stableId } from '../../subgraphs/shared/domain/ids.js';
import { generateScaleData, scaleDataItems, type ScaleData } from '../../scripts/seed.js';
import { CallCounter, countDynamoCalls } from '../support/dynamo.js';
import { useLocalSystem } from '../support/local-system.js';
import type { Execute } from '../support/graphql.js';

const calls = new CallCounter();
let execute: Execute;
let caseworker: Execute;
let fixture: ReturnType<typeof buildFixture>;

/**
 * 10 employers with 100 postings; two fairs offering 10 and 100 of them; two people with 10 and 100
 * placements (one into each posting); two programs with 10 and 100 fairs. Built as records and
 * written as the repositories' items by the seed's own item builder (scripts/seed.ts).
 */
function buildFixture() {
  const base = generateScaleData({ people: 2, employers: 10, postings: 100, placements: 1 });
  const [template] = base.programs as [ProgramRecord];
  const programs = [10, 100].map((n) => ({ ...template, id: stableId('prg', `work-${n}`), name: `work ${n}` }));
  const postingIds = base.postings.map((p) => p.id);
  const employerOf = new Map(base.postings.map((p) => [p.id, p.employerId]));
  const eventOf = (id: string, programId: string, postings: readonly string[]): EventRecord => ({
    id,
    programId,
    name: id,
    heldOn: '2018-03-01',
    venueCode: '500230',
    participants: [...new Set(postings.map((p) => employerOf.get(p)!))].map((employerId) => {
      const offered = postings.filter((p) => employerOf.get(p) === employerId);
      return { employerId, positions: offered.length, postingIds: offered };
    }),
    version: 1,
    createdAt: '2018-01-01T00:00:00.000Z',
  });
  const fairs = { 10: eventOf('evt_fair10', programs[0]!.id, postingIds.slice(0, 10)), 100: eventOf('evt_fair100', programs[1]!.id, postingIds) };
  const events = [
    fairs[10],
    fairs[100],
    ...Array.from({ length: 9 }, (_, i) => eventOf(`evt_p10_${i}`, programs[0]!.id, postingIds.slice(0, 1))),
    ...Array.from({ length: 99 }, (_, i) => eventOf(`evt_p100_${i}`, programs[1]!.id, postingIds.slice(0, 1))),
  ];
  const people = [10, 100].map((n, i) =>
    newPersonRecord(
      {
        name: `工人${n}`,
        idNumber: makeResidentId('500230', '1990-03-12', 100 + i),
        phone: '13800000000',
        hometownCode: '500230',
        skills: ['焊工'],
      },
      stableId('per', `work-${n}`),
      '2018-01-01T00:00:00.000Z',
    ),
  );
  const placementsOf = (person: (typeof people)[number], event: EventRecord, postings: readonly string[]): PlacementRecord[] =>
    postings.map((postingId, i) => ({
      id: stableId('plc', `${person.id}|${postingId}`),
      personId: person.id,
      postingId,
      programId: event.programId,
      eventId: event.id,
      sendingCountyCode: '500230',
      status: 'INTENT',
      history: [{ status: 'INTENT', at: `2018-03-01T00:00:${String(i % 60).padStart(2, '0')}.${String(i).padStart(3, '0')}Z`, by: null }],
      povertyRegistered: true,
      subsidyClaims: [],
      version: 1,
      createdAt: `2018-03-01T00:00:00.${String(i).padStart(3, '0')}Z`,
      updatedAt: '2018-03-01T00:00:00.000Z',
    }));
  const data: ScaleData = {
    people,
    employers: base.employers,
    postings: base.postings.map((p) => ({ ...p, hires: [], filled: 0, status: 'OPEN' })),
    hires: [] as HireRecord[],
    programs,
    events,
    placements: [...placementsOf(people[0]!, fairs[10], postingIds.slice(0, 10)), ...placementsOf(people[1]!, fairs[100], postingIds)],
  };
  return { data, programs, fairs, people };
}

beforeAll(async () => {
  const system = await useLocalSystem({ loadDemoData: false });
  fixture = buildFixture();
  const items = scaleDataItems(fixture.data);
  await Promise.all(Object.entries(items).map(([subgraph, list]) => batchWriteItems(system.clients.documents, system.tableNames[subgraph]!, list)));
  countDynamoCalls(system.clients.client, calls);
  execute = system.execute;
  caseworker = system.executeAs({ roles: ['caseworker'], provinces: ['500000'] });
});

/** The DynamoDB requests, by operation, that one operation through the gateway makes. */
async function work(run: () => Promise<{ errors?: unknown; data?: unknown }>): Promise<{ requests: Record<string, number>; data: any }> {
  calls.reset();
  const response = await run();
  expect(response.errors).toBeUndefined();
  const requests = Object.fromEntries([...calls.counts].sort(([a], [b]) => a.localeCompare(b)));
  expect(requests).not.toHaveProperty('Scan');
  expect(Object.keys(requests).length).toBeGreaterThan(0);
  return { requests, data: response.data };
}

describe('DynamoDB requests per GraphQL request', () => {
  it('are the same for 10 and 100 job postings with their employers and placement counts', async () => {
    const query = /* GraphQL */ `
      query Postings($first: Int!) {
        jobPostings(first: $first) { edges { node { id title employer { name } placementCounts { intentions hires } } } }
      }
    `;
    const ten = await work(() => execute(query, { first: 10 }));
    const hundred = await work(() => execute(query, { first: 100 }));
    expect(hundred.data.jobPostings.edges).toHaveLength(100);
    expect(hundred.data.jobPostings.edges.every((e: any) => e.node.employer.name && e.node.placementCounts.intentions >= 1)).toBe(true);
    expect(ten.requests).toEqual(hundred.requests);
    expect(hundred.requests).toEqual({ BatchGetItem: 3, Query: 1 });
  });

  it('are the same for a fair offering 10 and one offering 100 postings, with their employers', async () => {
    const query = /* GraphQL */ `
      query Fair($id: ID!) { recruitmentEvent(id: $id) { name offeredPostings { title employer { name } } participatingEmployers { name } } }
    `;
    const ten = await work(() => execute(query, { id: fixture.fairs[10].id }));
    const hundred = await work(() => execute(query, { id: fixture.fairs[100].id }));
    expect(ten.data.recruitmentEvent.offeredPostings).toHaveLength(10);
    expect(hundred.data.recruitmentEvent.offeredPostings).toHaveLength(100);
    expect(hundred.data.recruitmentEvent.participatingEmployers).toHaveLength(10);
    expect(ten.requests).toEqual(hundred.requests);
  });

  it('are the same for a person with 10 and one with 100 placements, with each posting and employer', async () => {
    const query = /* GraphQL */ `
      query Worker($id: ID!) { person(id: $id) { name placements { status posting { title employer { name } } } } }
    `;
    const ten = await work(() => caseworker(query, { id: fixture.people[0]!.id }));
    const hundred = await work(() => caseworker(query, { id: fixture.people[1]!.id }));
    expect(ten.data.person.placements).toHaveLength(10);
    expect(hundred.data.person.placements).toHaveLength(100);
    expect(hundred.data.person.placements.every((p: any) => p.posting.employer.name)).toBe(true);
    expect(ten.requests).toEqual(hundred.requests);
  });

  it('are the same for the statistics of a program with 10 and one with 100 fairs, each fair with its own', async () => {
    const query = /* GraphQL */ `
      query Program($id: ID!, $first: Int!) {
        program(id: $id) {
          statistics { employers positionsOffered intentions registeredPoorIntentions hires bySendingCounty { sendingCounty { code } intentions } }
          events(first: $first) { edges { node { name statistics { employers intentions hires } } } }
        }
      }
    `;
    const ten = await work(() => execute(query, { id: fixture.programs[0]!.id, first: 10 }));
    const hundred = await work(() => execute(query, { id: fixture.programs[1]!.id, first: 100 }));
    expect(ten.data.program.events.edges).toHaveLength(10);
    expect(hundred.data.program.events.edges).toHaveLength(100);
    expect(hundred.data.program.statistics).toMatchObject({
      intentions: 100,
      registeredPoorIntentions: 100,
      hires: 0,
      bySendingCounty: [{ sendingCounty: { code: '500230' }, intentions: 100 }],
    });
    expect(ten.data.program.statistics).toMatchObject({ intentions: 10, registeredPoorIntentions: 10 });
    expect(ten.requests).toEqual(hundred.requests);
  });
});
