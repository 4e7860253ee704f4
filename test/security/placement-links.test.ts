/**
 * The programs subgraph's own gate on placements (issue 16, items 2 and 3), straight at its real
 * Lambda handler on DynamoDB Local with gateway tokens: a placement is a person's data, visible to
 * people:read and to an employer for placements into its own postings (its candidates) only, on
 * root fields, `_entities` and nested fields; changing one needs the program's officers or the
 * person's, sending or receiving province's caseworkers, and a refusal writes nothing.
 */
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramsStorage } from '../../subgraphs/programs/context.js';
import { PlacementRepository } from '../../subgraphs/programs/placement-repository.js';
import { applyStreamRecord } from '../../subgraphs/programs/stream-projection.js';
import { programsSubgraph } from '../../subgraphs/programs/subgraph.js';
import { useTables } from '../support/dynamo.js';
import { errorCodes, gatewayToken, graphqlClient, serveSubgraph, type Execute } from '../support/graphql.js';

let url: string;
let storage: ProgramsStorage;
let programId: string;
let placementA: { id: string; version: number };
let placementB: { id: string; version: number };

const as =
  (claims: Record<string, unknown>, subject = 'test-user'): Execute =>
  async (query, variables) =>
    graphqlClient(url)(query, variables, { authorization: `Bearer ${await gatewayToken('programs', claims, subject)}` });

// The program sends from Sichuan (510000) to Zhejiang (330000); the person is from Sichuan.
const sichuanCaseworker = () => as({ roles: ['caseworker'], provinces: ['510000'] }, 'cw-sichuan');
const chongqingCaseworker = () => as({ roles: ['caseworker'], provinces: ['500000'] }, 'cw-chongqing');
const zhejiangCaseworker = () => as({ roles: ['caseworker'], provinces: ['330000'] }, 'cw-zhejiang');
const zhejiangOfficer = () => as({ roles: ['program_officer'], provinces: ['330000'] }, 'officer-zhejiang');
const chongqingOfficer = () => as({ roles: ['program_officer'], provinces: ['500000'] }, 'officer-chongqing');
const admin = () => as({ roles: ['admin'] }, 'admin-1');
const employerUserOf = (employerId: string) => as({ roles: ['employer'], employerId }, `hr-${employerId}`);

beforeAll(async () => {
  const tables = await useTables(programsSubgraph.table);
  storage = { documents: tables.clients.documents, tableName: tables.tableName(programsSubgraph.table) };
  url = (await serveSubgraph('programs', programsSubgraph.createHandler(storage))).url;
  const placements = new PlacementRepository(storage.documents, storage.tableName);
  const image = (item: Record<string, unknown>) =>
    applyStreamRecord(placements, { eventName: 'INSERT', newImage: marshall(item, { removeUndefinedValues: true }) });
  // What the people and employers streams tell this subgraph: the person's home, the postings' employers and workplaces.
  await image({ pk: 'PERSON#per_sc', sk: 'PERSON', id: 'per_sc', hometownCode: '513431', povertyRegistered: true });
  for (const [id, employerId] of [
    ['job_a', 'emp_a'],
    ['job_b', 'emp_b'],
  ]) {
    await image({
      pk: `POSTING#${id}`,
      sk: 'POSTING',
      id,
      employerId,
      workplaceCode: '330100',
      benefits: { housing: 'NONE', socialInsurance: true },
      hires: [],
    });
  }
  const program = await admin()('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
    input: {
      name: '浙川劳务协作',
      kind: 'EAST_WEST',
      sendingRegionCodes: ['510000'],
      receivingRegionCodes: ['330000'],
      organisingDepartment: '浙江省人社厅',
      startsOn: '2017-01-01',
    },
  });
  programId = program.data.createProgram.id;
  const intention = async (postingId: string) =>
    (
      await sichuanCaseworker()('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id version } }', {
        input: { personId: 'per_sc', postingId, programId, sendingCountyCode: '513431' },
      })
    ).data.recordIntention;
  placementA = await intention('job_a');
  placementB = await intention('job_b');
});

const PLACEMENT = 'query ($id: ID!) { placement(id: $id) { id person { id } status } }';
const PLACEMENTS = 'query ($p: ID!) { placements(filter: { programId: $p }) { edges { node { id person { id } } } } }';
const ENTITY_PLACEMENT = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Placement { id person { id } } } }';
const PERSON_PLACEMENTS = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { placements { id posting { id } } } } }';
const POSTING_PLACEMENTS =
  'query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobPosting { placements { edges { node { id person { id } } } } } } }';

describe('reading placements', () => {
  it('an employer user reads its own candidates and gets FORBIDDEN for another employer’s, on every path', async () => {
    const employerA = employerUserOf('emp_a');
    expect(await employerA(PLACEMENT, { id: placementA.id })).toEqual({
      data: { placement: { id: placementA.id, person: { id: 'per_sc' }, status: 'INTENT' } },
    });
    const other = await employerA(PLACEMENT, { id: placementB.id });
    expect(errorCodes(other)).toEqual(['FORBIDDEN']);
    expect(other.errors![0]!.message).toBe(
      'placement: job posting "job_b" is not a posting of employer "emp_a", which you act for; an employer sees the hires and candidates of its own postings only.',
    );
    expect(other.data).toEqual({ placement: null });
    const entity = await employerA(ENTITY_PLACEMENT, {
      r: [
        { __typename: 'Placement', id: placementA.id },
        { __typename: 'Placement', id: placementB.id },
      ],
    });
    expect(entity.data._entities).toEqual([{ id: placementA.id, person: { id: 'per_sc' } }, null]);
    expect(errorCodes(entity)).toEqual(['FORBIDDEN']);
    // Of the person's placements, only the one into A's posting.
    expect(await employerA(PERSON_PLACEMENTS, { r: [{ __typename: 'Person', id: 'per_sc' }] })).toEqual({
      data: { _entities: [{ placements: [{ id: placementA.id, posting: { id: 'job_a' } }] }] },
    });
    const candidatesOfB = await employerA(POSTING_PLACEMENTS, { r: [{ __typename: 'JobPosting', id: 'job_b' }] });
    expect(candidatesOfB.data).toEqual({ _entities: [{ placements: null }] });
    expect(errorCodes(candidatesOfB)).toEqual(['FORBIDDEN']);
    expect((await employerA(POSTING_PLACEMENTS, { r: [{ __typename: 'JobPosting', id: 'job_a' }] })).data._entities[0].placements.edges).toHaveLength(1);
    // A program's or event's placements list every employer's candidates: people:read only.
    const listed = await employerA(PLACEMENTS, { p: programId });
    expect(errorCodes(listed)).toEqual(['FORBIDDEN']);
    expect(listed.data).toBeNull();
  });

  it.each([
    ['anonymous', () => as({ roles: [] }, ''), 'UNAUTHENTICATED'],
    ['no role', () => as({ roles: [] }, 'user-without-roles'), 'FORBIDDEN'],
    ['partner', () => as({ roles: ['partner'] }, 'partner-user'), 'FORBIDDEN'],
  ] as const)('%s: refused on placement(id), placements, _entities and nested fields', async (_, caller, code) => {
    const execute = caller();
    for (const [query, variables] of [
      [PLACEMENT, { id: placementA.id }],
      [PLACEMENTS, { p: programId }],
      [ENTITY_PLACEMENT, { r: [{ __typename: 'Placement', id: placementA.id }] }],
      [PERSON_PLACEMENTS, { r: [{ __typename: 'Person', id: 'per_sc' }] }],
      [POSTING_PLACEMENTS, { r: [{ __typename: 'JobPosting', id: 'job_a' }] }],
    ] as const) {
      const response = await execute(query, variables);
      expect(errorCodes(response), query).toEqual([code]);
      expect(JSON.stringify(response.data ?? null), query).not.toContain('per_sc');
    }
  });

  it('a posting’s count of registered-poor candidates needs people:read (few candidates: it would tell who is poor); its other counts stay public', async () => {
    const counts = (fields: string) => `query ($r: [_Any!]!) { _entities(representations: $r) { ... on JobPosting { placementCounts { ${fields} } } } }`;
    const r = [{ __typename: 'JobPosting', id: 'job_a' }];
    const anonymousCounts = await as({ roles: [] }, '')(counts('intentions registeredPoorIntentions'), { r });
    expect(errorCodes(anonymousCounts)).toEqual(['UNAUTHENTICATED']);
    expect(anonymousCounts.data).toEqual({ _entities: [{ placementCounts: null }] });
    expect(errorCodes(await employerUserOf('emp_a')(counts('registeredPoorIntentions'), { r }))).toEqual(['FORBIDDEN']);
    expect(await as({ roles: [] }, '')(counts('intentions hires'), { r })).toEqual({ data: { _entities: [{ placementCounts: { intentions: 1, hires: 0 } }] } });
    expect(await sichuanCaseworker()(counts('registeredPoorIntentions'), { r })).toEqual({
      data: { _entities: [{ placementCounts: { registeredPoorIntentions: 1 } }] },
    });
  });

  it('people:read reads them all', async () => {
    const listed = await sichuanCaseworker()(PLACEMENTS, { p: programId });
    expect(listed.data.placements.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([placementA.id, placementB.id]);
  });
});

async function tableSnapshot() {
  const { Items = [] } = await storage.documents.send(new ScanCommand({ TableName: storage.tableName, ConsistentRead: true }));
  return Items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

const ADVANCE = 'mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { id status version } }';

describe('changing placements', () => {
  it('a Chongqing caseworker cannot advance, claim on, or record an intention for a Sichuan person’s placement into Zhejiang: FORBIDDEN, nothing written', async () => {
    const before = await tableSnapshot();
    const chongqing = chongqingCaseworker();
    const advanced = await chongqing(ADVANCE, { input: { id: placementA.id, expectedVersion: placementA.version, to: 'LEFT' } });
    expect(errorCodes(advanced)).toEqual(['FORBIDDEN']);
    expect(advanced.errors![0]!.message).toBe(
      `advancePlacement: only program officers of program "${programId}" (provinces 510000, 330000), caseworkers of province 510000 or 330000 and admins may change this placement; you are responsible for 500000.`,
    );
    const claims = [
      [
        'mutation ($input: FileTravelReimbursementClaimInput!) { fileTravelReimbursementClaim(input: $input) { id } }',
        { placementId: placementA.id, amountFen: 100 },
      ],
      [
        'mutation ($input: FileSocialInsuranceSubsidyClaimInput!) { fileSocialInsuranceSubsidyClaim(input: $input) { id } }',
        { placementId: placementA.id, month: 1, contributionFen: 100 },
      ],
      [
        'mutation ($input: RecordSocialInsuranceEnrolmentInput!) { recordSocialInsuranceEnrolment(input: $input) { id } }',
        { placementId: placementA.id, expectedVersion: placementA.version, enrolledOn: '2017-05-01' },
      ],
      // Again (returns the existing placement when allowed), and a new one: the chosen sending county grants nothing.
      ['mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id } }', { personId: 'per_sc', postingId: 'job_a', programId }],
      [
        'mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id } }',
        { personId: 'per_sc', postingId: 'job_new', programId, sendingCountyCode: '500230' },
      ],
    ] as const;
    for (const [mutation, input] of claims) {
      const response = await chongqing(mutation, { input });
      expect(errorCodes(response), mutation).toEqual(['FORBIDDEN']);
    }
    // Neither is an officer of another program's provinces.
    expect(errorCodes(await chongqingOfficer()(ADVANCE, { input: { id: placementA.id, expectedVersion: placementA.version, to: 'LEFT' } }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('the person’s (or sending) province’s caseworker, the receiving province’s caseworker, the program’s officer and an admin may', async () => {
    // INTENT → LEFT is not a legal move: BAD_USER_INPUT means the caller got past the province check.
    for (const caller of [sichuanCaseworker, zhejiangCaseworker, zhejiangOfficer, admin]) {
      const response = await caller()(ADVANCE, { input: { id: placementA.id, expectedVersion: placementA.version, to: 'LEFT' } });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    }
  });
});
