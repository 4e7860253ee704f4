/**
 * The caseworker's follow-up list (稳得住): placements waiting for their 3/6/12-month retention check
 * after HIRED, by sending county, through the programs subgraph's handler on DynamoDB Local.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramsStorage } from '../../subgraphs/programs/context.js';
import { PlacementRepository } from '../../subgraphs/programs/placement-repository.js';
import { applyStreamRecord } from '../../subgraphs/programs/stream-projection.js';
import { programsSubgraph } from '../../subgraphs/programs/subgraph.js';
import { dateAfterMonths, nextRetentionCheck } from '../../subgraphs/programs/placement-rules.js';
import { useTables } from '../support/dynamo.js';
import { errorCodes, serveSubgraph, type Execute } from '../support/graphql.js';

let officer: Execute;
let serve: Awaited<ReturnType<typeof serveSubgraph>>;
let placements: PlacementRepository;
let programId: string;

/** Zhaojue County (Liangshan, Sichuan): the sending county of every placement here. */
const ZHAOJUE = '513431';
const HIRED_AT = '2017-05-10T02:00:00.000Z';

const postingImage = (id: string, personIds: string[]) =>
  applyStreamRecord(placements, {
    eventName: 'MODIFY',
    newImage: marshall({
      pk: `POSTING#${id}`,
      sk: 'POSTING',
      id,
      employerId: 'emp_follow',
      benefits: { housing: 'NONE', socialInsurance: true },
      hires: personIds.map((personId) => ({ personId, hiredAt: HIRED_AT })),
    }),
  });

const FOLLOW_UPS = /* GraphQL */ `
  query ($countyCode: String!, $asOf: Date, $dueBy: Date, $first: Int, $after: String) {
    retentionFollowUps(countyCode: $countyCode, asOf: $asOf, dueBy: $dueBy, first: $first, after: $after) {
      edges { node { placement { id status } check dueOn overdue daysOverdue } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;

/** A placement of `personId` into `postingId`, hired now; its version and the HIRED instant. */
async function hiredPlacement(personId: string, postingId: string): Promise<{ id: string; version: number; hiredAt: string }> {
  const recorded = await officer('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id version } }', {
    input: { personId, postingId, programId, sendingCountyCode: ZHAOJUE },
  });
  expect(recorded.errors).toBeUndefined();
  await postingImage(postingId, [personId]);
  const { id, version } = recorded.data.recordIntention as { id: string; version: number };
  const hired = await officer('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { version history { status at } } }', {
    input: { id, expectedVersion: version, to: 'HIRED', monthlyWageYuan: 4500 },
  });
  expect(hired.errors).toBeUndefined();
  const history = hired.data.advancePlacement.history as { status: string; at: string }[];
  return { id, version: hired.data.advancePlacement.version, hiredAt: history.find((h) => h.status === 'HIRED')!.at };
}

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

async function advance(id: string, expectedVersion: number, to: string, extra: Record<string, unknown> = {}): Promise<number> {
  const response = await officer('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { version } }', {
    input: { id, expectedVersion, to, ...extra },
  });
  expect(response.errors).toBeUndefined();
  return response.data.advancePlacement.version as number;
}

beforeAll(async () => {
  const tables = await useTables(programsSubgraph.table);
  const storage: ProgramsStorage = { documents: tables.clients.documents, tableName: tables.tableName(programsSubgraph.table) };
  placements = new PlacementRepository(storage.documents, storage.tableName);
  serve = await serveSubgraph('programs', programsSubgraph.createHandler(storage));
  officer = serve.executeAs({ roles: ['caseworker', 'program_officer'], provinces: ['510000'] });
  const program = await officer('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
    input: {
      name: '浙川劳务协作（回访）',
      kind: 'EAST_WEST',
      sendingRegionCodes: ['510000'],
      receivingRegionCodes: ['330000'],
      organisingDepartment: '四川省人力资源和社会保障厅',
      startsOn: '2017-01-01',
    },
  });
  programId = program.data.createProgram.id;
});

describe('nextRetentionCheck', () => {
  it('waits for the 3-month check after HIRED and REGISTERED, then 6 and 12, and for none after 12 months or LEFT', () => {
    expect(nextRetentionCheck('HIRED', HIRED_AT)).toEqual({ check: 'RETAINED_3M', dueOn: '2017-08-10' });
    expect(nextRetentionCheck('REGISTERED', HIRED_AT)).toEqual({ check: 'RETAINED_3M', dueOn: '2017-08-10' });
    expect(nextRetentionCheck('RETAINED_3M', HIRED_AT)).toEqual({ check: 'RETAINED_6M', dueOn: '2017-11-10' });
    expect(nextRetentionCheck('RETAINED_6M', HIRED_AT)).toEqual({ check: 'RETAINED_12M', dueOn: '2018-05-10' });
    expect([nextRetentionCheck('RETAINED_12M', HIRED_AT), nextRetentionCheck('LEFT', HIRED_AT), nextRetentionCheck('INTENT', null)]).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('falls due on the first day the months have passed, as advancePlacement counts them', () => {
    expect(dateAfterMonths('2017-11-30T12:00:00.000Z', 3)).toBe('2018-03-01');
    expect(dateAfterMonths('2016-11-29T00:00:00.000Z', 3)).toBe('2017-03-01');
    expect(dateAfterMonths('2016-11-28T00:00:00.000Z', 15)).toBe('2018-02-28');
  });
});

describe('retentionFollowUps', () => {
  it('lists a county’s due and overdue checks, longest overdue first, and each check leaves the list when recorded', async () => {
    const early = await hiredPlacement('per_follow_a', 'job_follow_a');
    const later = await hiredPlacement('per_follow_b', 'job_follow_b');
    const threeMonths = dateAfterMonths(later.hiredAt, 3);
    const sixMonths = dateAfterMonths(early.hiredAt, 6);
    // A: on to 3 months (next: the 6-month check); B stays HIRED (next: the 3-month check).
    const a3 = await advance(early.id, early.version, 'REGISTERED');
    await advance(early.id, a3, 'RETAINED_3M', { at: `${dateAfterMonths(early.hiredAt, 3)}T12:00:00.000Z` });

    const asOf = addDays(threeMonths, 22);
    const listed = await officer(FOLLOW_UPS, { countyCode: ZHAOJUE, asOf, dueBy: addDays(sixMonths, 1) });
    expect(listed).toEqual({
      data: {
        retentionFollowUps: {
          edges: [
            { node: { placement: { id: later.id, status: 'HIRED' }, check: 'RETAINED_3M', dueOn: threeMonths, overdue: true, daysOverdue: 22 } },
            { node: { placement: { id: early.id, status: 'RETAINED_3M' }, check: 'RETAINED_6M', dueOn: sixMonths, overdue: false, daysOverdue: 0 } },
          ],
          pageInfo: { hasNextPage: false, endCursor: expect.any(String) },
        },
      },
    });
    // Due within 30 days of asOf (the default window): the 6-month check of A is not yet in it.
    const soon = await officer(FOLLOW_UPS, { countyCode: ZHAOJUE, asOf });
    expect(soon.data.retentionFollowUps.edges.map((e: { node: { placement: { id: string } } }) => e.node.placement.id)).toEqual([later.id]);
    const page = await officer(FOLLOW_UPS, { countyCode: ZHAOJUE, asOf, dueBy: addDays(sixMonths, 1), first: 1 });
    expect(page.data.retentionFollowUps.pageInfo.hasNextPage).toBe(true);
    const next = await officer(FOLLOW_UPS, {
      countyCode: ZHAOJUE,
      asOf,
      dueBy: addDays(sixMonths, 1),
      first: 1,
      after: page.data.retentionFollowUps.pageInfo.endCursor,
    });
    expect(next.data.retentionFollowUps.edges.map((e: { node: { placement: { id: string } } }) => e.node.placement.id)).toEqual([early.id]);

    // B leaves: it waits for no check any more.
    await advance(later.id, later.version, 'LEFT');
    const afterLeaving = await officer(FOLLOW_UPS, { countyCode: ZHAOJUE, asOf, dueBy: addDays(sixMonths, 1) });
    expect(afterLeaving.data.retentionFollowUps.edges.map((e: { node: { check: string } }) => e.node.check)).toEqual(['RETAINED_6M']);
  });

  it('is refused to caseworkers of another province, to callers without people:read, and for a code that is not a county', async () => {
    const chongqing = serve.executeAs({ roles: ['caseworker'], provinces: ['500000'] });
    const employer = serve.executeAs({ roles: ['employer'], employerId: 'emp_follow' });
    expect(errorCodes(await chongqing(FOLLOW_UPS, { countyCode: ZHAOJUE }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await employer(FOLLOW_UPS, { countyCode: ZHAOJUE }))).toEqual(['FORBIDDEN']);
    const notCounty = await officer(FOLLOW_UPS, { countyCode: '510000' });
    expect(errorCodes(notCounty)).toEqual(['BAD_USER_INPUT']);
    expect(notCounty.errors?.[0]?.message).toMatch(/countyCode: must be a county-level code/);
  });
});
