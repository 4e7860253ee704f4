import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProgramsStorage } from '../../subgraphs/programs/context.js';
import { PlacementRepository } from '../../subgraphs/programs/placement-repository.js';
import { applyStreamRecord } from '../../subgraphs/programs/stream-projection.js';
import { programsSubgraph } from '../../subgraphs/programs/subgraph.js';
import { useTables } from '../support/dynamo.js';
import { errorCodes, serveSubgraph, type Execute } from '../support/graphql.js';

let execute: Execute;
let served: Awaited<ReturnType<typeof serveSubgraph>>;
let placements: PlacementRepository;
let programId: string;
let eventId: string;

/** Feeds the projection a change record exactly as the people or employers stream carries it. */
const streamImage = (item: Record<string, unknown>) =>
  applyStreamRecord(placements, { eventName: 'MODIFY', newImage: marshall(item, { removeUndefinedValues: true }) });
/** A person as the people table stores them: registered poor only with their household's registration (copied onto them). */
const personImage = (id: string, povertyRegistered: boolean, registrations: { id: string; employerId: string; startDate: string }[] = []) =>
  streamImage({
    pk: `PERSON#${id}`,
    sk: 'PERSON',
    id,
    povertyRegistered,
    ...(povertyRegistered ? { povertyRegistration: { registeredOn: '2014-12-31' } } : {}),
    registrations,
  });
/** The person's employment registration with the test postings' employer, from the day of `at`. */
const registeredWith = (personId: string, at: string) =>
  personImage(personId, false, [{ id: `reg_${personId}`, employerId: 'emp_test', startDate: at.slice(0, 10) }]);
const postingImage = (id: string, hiredPersonIds: string[], travelMonths?: number) =>
  streamImage({
    pk: `POSTING#${id}`,
    sk: 'POSTING',
    id,
    employerId: 'emp_test',
    benefits: { travelReimbursementAfterMonths: travelMonths, housing: 'NONE', socialInsurance: true },
    hires: hiredPersonIds.map((personId) => ({ personId, hiredAt: '2017-03-01T00:00:00.000Z' })),
  });

const STATS =
  'people registeredPoorPeople intentions registeredPoorIntentions hires registrations retained3m left bySendingCounty { sendingCounty { code } people intentions registeredPoorIntentions }';

beforeAll(async () => {
  const tables = await useTables(programsSubgraph.table);
  const storage: ProgramsStorage = { documents: tables.clients.documents, tableName: tables.tableName(programsSubgraph.table) };
  placements = new PlacementRepository(storage.documents, storage.tableName);
  // An officer of the program below (Sichuan → Zhejiang): placement writes need the program's provinces.
  served = await serveSubgraph('programs', programsSubgraph.createHandler(storage));
  execute = served.executeAs({
    roles: ['caseworker', 'program_officer'],
    provinces: ['510000'],
  });
  const program = await execute('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
    input: {
      name: '2017 浙川劳务协作',
      kind: 'EAST_WEST',
      sendingRegionCodes: ['510000'],
      receivingRegionCodes: ['330000'],
      organisingDepartment: '浙江省人力资源和社会保障厅',
      startsOn: '2017-01-01',
    },
  });
  programId = program.data.createProgram.id;
  const event = await execute('mutation ($input: ScheduleRecruitmentEventInput!) { scheduleRecruitmentEvent(input: $input) { id } }', {
    input: { programId, name: '浙川专场招聘会', heldOn: '2017-04-20', venueRegionCode: '513431' },
  });
  eventId = event.data.scheduleRecruitmentEvent.id;
});

async function intention(personId: string, postingId: string) {
  const response = await execute('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id status version } }', {
    input: { personId, postingId, programId, eventId },
  });
  expect(response.errors).toBeUndefined();
  return response.data.recordIntention as { id: string; status: string; version: number };
}

const advance = (id: string, expectedVersion: number, to: string, extra: Record<string, unknown> = {}) =>
  execute('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { status version history { status } } }', {
    input: { id, expectedVersion, to, ...extra },
  });

describe('Placement status machine', () => {
  it('walks INTENT → HIRED → REGISTERED → RETAINED_3M → RETAINED_6M → RETAINED_12M → LEFT, keeping history', async () => {
    const p = await intention('per_walk', 'job_walk');
    await postingImage('job_walk', ['per_walk'], 3);
    let version = p.version;
    // Each retention status dated once its months since HIRED have passed.
    const hired = Date.now() + 86_400_000;
    const monthsLater = (months: number) => {
      const d = new Date(hired);
      d.setUTCMonth(d.getUTCMonth() + months);
      return d.toISOString();
    };
    const dates: Record<string, string> = {
      HIRED: monthsLater(0),
      REGISTERED: monthsLater(0.2),
      RETAINED_3M: monthsLater(3),
      RETAINED_6M: monthsLater(6),
      RETAINED_12M: monthsLater(12),
      LEFT: monthsLater(13),
    };
    await registeredWith('per_walk', dates.HIRED!);
    for (const to of ['HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_12M', 'LEFT']) {
      const response = await advance(p.id, version, to, { at: dates[to], ...(to === 'HIRED' ? { monthlyWageYuan: 6000 } : {}) });
      expect(response.errors).toBeUndefined();
      expect(response.data.advancePlacement.status).toBe(to);
      version = response.data.advancePlacement.version;
    }
    const final = await advance(p.id, version, 'HIRED', { monthlyWageYuan: 6000 });
    expect(errorCodes(final)).toEqual(['BAD_USER_INPUT']);
    expect(final.errors![0]!.message).toBe('input.to: a LEFT placement cannot move to HIRED; it is final.');
  });

  it('refuses a retention status before its months since HIRED have passed', async () => {
    const p = await intention('per_early', 'job_early');
    await postingImage('job_early', ['per_early']);
    const hiredAt = new Date(Date.now() + 86_400_000);
    hiredAt.setUTCDate(15);
    const hired = await advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 5000, at: hiredAt.toISOString() });
    await registeredWith('per_early', hiredAt.toISOString());
    const registered = await advance(p.id, hired.data.advancePlacement.version, 'REGISTERED', { at: hiredAt.toISOString() });
    const version = registered.data.advancePlacement.version;
    const monthsLater = (months: number, day: number) => new Date(Date.UTC(hiredAt.getUTCFullYear(), hiredAt.getUTCMonth() + months, day, 12)).toISOString();
    const early = await advance(p.id, version, 'RETAINED_3M', { at: monthsLater(3, 14) });
    expect(errorCodes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.message).toMatch(/^input\.to: RETAINED_3M needs 3 whole months since HIRED \(\d{4}-\d{2}-15\); by \d{4}-\d{2}-14 it is 2\.$/);
    expect((await advance(p.id, version, 'RETAINED_3M', { at: monthsLater(3, 15) })).data.advancePlacement.status).toBe('RETAINED_3M');
  });

  it('refuses skipping a step with BAD_USER_INPUT naming the allowed move', async () => {
    const p = await intention('per_skip', 'job_skip');
    const response = await advance(p.id, p.version, 'REGISTERED');
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toBe('input.to: a INTENT placement cannot move to REGISTERED; it can move to HIRED.');
  });

  it('refuses HIRED with CONFLICT until the employers subgraph has the hire', async () => {
    const p = await intention('per_nohire', 'job_nohire');
    const response = await advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 5000 });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    await postingImage('job_nohire', ['per_nohire']);
    expect((await advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 5000 })).data.advancePlacement.status).toBe('HIRED');
  });

  it('lets one of two concurrent moves win; the other gets CONFLICT', async () => {
    const p = await intention('per_race', 'job_race');
    await postingImage('job_race', ['per_race']);
    const results = await Promise.all([
      advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 5000 }),
      advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 5200 }),
    ]);
    expect(results.map((r) => errorCodes(r)[0] ?? 'OK').sort()).toEqual(['CONFLICT', 'OK']);
  });
});

describe('claims', () => {
  it('files travel reimbursement only after the posting’s months', async () => {
    const p = await intention('per_claims', 'job_claims');
    await postingImage('job_claims', ['per_claims'], 3);
    // Dates after the intention (recorded now): hired on the 15th of next month.
    const hired = new Date();
    hired.setUTCMonth(hired.getUTCMonth() + 1, 15);
    const inMonths = (months: number, day: number) => new Date(Date.UTC(hired.getUTCFullYear(), hired.getUTCMonth() + months, day, 12)).toISOString();
    expect((await advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 6000, at: inMonths(0, 15) })).errors).toBeUndefined();
    const claim = (at: string) =>
      execute(
        'mutation ($input: FileTravelReimbursementClaimInput!) { fileTravelReimbursementClaim(input: $input) { travelReimbursementClaim { amountFen monthsWorked } } }',
        { input: { placementId: p.id, amountFen: 35_000, at } },
      );
    const early = await claim(inMonths(3, 14));
    expect(early.errors![0]!.message).toBe(
      'input.placementId: not eligible for travel reimbursement: the posting reimburses travel after 3 months of work; the worker has worked 2.',
    );
    expect((await claim(inMonths(3, 15))).data.fileTravelReimbursementClaim.travelReimbursementClaim).toEqual({ amountFen: 35_000, monthsWorked: 3 });
  });

  it('keeps one subsidy ledger: under a program whose terms carry the rule, months from the insurance enrolment, each claimable once passed, registered poor only', async () => {
    const hired = new Date();
    hired.setUTCMonth(hired.getUTCMonth() + 1, 15);
    const day = (months: number, d: number) => new Date(Date.UTC(hired.getUTCFullYear(), hired.getUTCMonth() + months, d, 12)).toISOString();
    const ENROL = 'mutation ($input: RecordSocialInsuranceEnrolmentInput!) { recordSocialInsuranceEnrolment(input: $input) { insuranceEnrolledOn version } }';
    const CLAIM =
      'mutation ($input: FileSocialInsuranceSubsidyClaimInput!) { fileSocialInsuranceSubsidyClaim(input: $input) { version socialInsuranceSubsidyClaims { month periodStart periodEnd subsidyFen } } }';

    // A program whose terms carry no subsidy rule takes no enrolment and no claim.
    const plain = await intention('per_noscheme', 'job_noscheme');
    await postingImage('job_noscheme', ['per_noscheme']);
    const plainHired = (await advance(plain.id, plain.version, 'HIRED', { monthlyWageYuan: 5000, at: day(0, 15) })).data.advancePlacement;
    const noRule = await execute(ENROL, { input: { placementId: plain.id, expectedVersion: plainHired.version, enrolledOn: day(0, 15).slice(0, 10) } });
    expect(errorCodes(noRule)).toEqual(['BAD_USER_INPUT']);
    expect(noRule.errors![0]!.message).toMatch(/carries no social insurance subsidy rule in its terms/);

    const shanxi = await execute(
      'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id socialInsuranceSubsidyRule { maxMonths maxShareOfContribution } } }',
      {
        input: {
          name: '员工制试点（测试）',
          kind: 'INTRA_PROVINCE',
          sendingRegionCodes: ['510000'],
          receivingRegionCodes: ['330000'],
          organisingDepartment: '山西省人力资源和社会保障厅',
          startsOn: '2017-01-01',
          socialInsuranceSubsidyScheme: 'SHANXI_EMPLOYEE_SYSTEM',
        },
      },
    );
    expect(shanxi.data.createProgram.socialInsuranceSubsidyRule).toEqual({ maxMonths: 36, maxShareOfContribution: '2/3' });
    const recorded = await execute('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id version } }', {
      input: { personId: 'per_subsidy', postingId: 'job_subsidy', programId: shanxi.data.createProgram.id, sendingCountyCode: '513431' },
    });
    const p = recorded.data.recordIntention;
    await postingImage('job_subsidy', ['per_subsidy']);
    let version = (await advance(p.id, p.version, 'HIRED', { monthlyWageYuan: 5000, at: day(0, 15) })).data.advancePlacement.version;
    const claim = (month: number, at: string, contributionFen = 100) => execute(CLAIM, { input: { placementId: p.id, month, contributionFen, at } });

    const unenrolled = await claim(1, day(3, 1));
    expect(unenrolled.errors![0]!.message).toBe(
      'input.placementId: the subsidy months count from the insurance enrolment: record it first with recordSocialInsuranceEnrolment.',
    );
    const beforeHire = await execute(ENROL, { input: { placementId: p.id, expectedVersion: version, enrolledOn: day(0, 14).slice(0, 10) } });
    expect(beforeHire.errors![0]!.extensions!.field).toBe('input.enrolledOn');
    const enrolledOn = day(0, 20).slice(0, 10);
    const enrolled = await execute(ENROL, { input: { placementId: p.id, expectedVersion: version, enrolledOn } });
    expect(enrolled.data.recordSocialInsuranceEnrolment.insuranceEnrolledOn).toBe(enrolledOn);
    version = enrolled.data.recordSocialInsuranceEnrolment.version;

    // Month 1 runs from the 20th to the 19th of the next month: not claimable before it has passed.
    const early = await claim(1, day(1, 19));
    expect(errorCodes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.message).toBe(
      `input.month: month 1 runs ${enrolledOn} to ${day(1, 19).slice(0, 10)}; it can be claimed from ${day(1, 20).slice(0, 10)}, once it has passed.`,
    );
    // Not registered poor: the person's household is not on the register.
    expect((await claim(1, day(1, 20))).errors![0]!.message).toMatch(
      /^input\.placementId: the subsidy is only for registered-poor workers: the household was not on the poverty register on /,
    );
    await personImage('per_subsidy', true);
    expect((await claim(1, day(1, 20))).data.fileSocialInsuranceSubsidyClaim.socialInsuranceSubsidyClaims).toEqual([
      { month: 1, periodStart: enrolledOn, periodEnd: day(1, 19).slice(0, 10), subsidyFen: 66 },
    ]);
    expect(errorCodes(await claim(1, day(2, 1)))).toEqual(['CONFLICT']);
    expect((await claim(37, day(40, 1))).errors![0]!.message).toBe('input.month: the subsidy is paid for at most 36 months; month 37 is past that.');
    // The enrolment cannot move under a filed claim.
    const moved = await execute(ENROL, { input: { placementId: p.id, expectedVersion: version + 1, enrolledOn: day(0, 25).slice(0, 10) } });
    expect(errorCodes(moved)).toEqual(['CONFLICT']);
  });
});

describe('statistics', () => {
  it('count a person once however many intentions they reach, and each new person once', async () => {
    const read = async () =>
      (await execute(`query ($id: ID!) { recruitmentEvent(id: $id) { statistics { ${STATS} } } }`, { id: eventId })).data.recruitmentEvent.statistics;
    const before = await read();
    await Promise.all([intention('per_many', 'job_many_a'), intention('per_many', 'job_many_b'), intention('per_many', 'job_many_c')]);
    await intention('per_other', 'job_many_a');
    const after = await read();
    expect({ people: after.people - before.people, intentions: after.intentions - before.intentions }).toEqual({ people: 2, intentions: 4 });
  });

  it('stay right when a person’s registered-poor flag changes in the people subgraph', async () => {
    const before = (await execute(`query ($id: ID!) { recruitmentEvent(id: $id) { statistics { ${STATS} } } }`, { id: eventId })).data.recruitmentEvent
      .statistics;
    await personImage('per_flag', true);
    await intention('per_flag', 'job_flag_a');
    await intention('per_flag', 'job_flag_b');
    const read = async () =>
      (
        await execute(
          `query ($id: ID!) { recruitmentEvent(id: $id) { statistics { ${STATS} } } program(id: "${programId}") { statistics { registeredPoorIntentions } } }`,
          { id: eventId },
        )
      ).data;
    let now = await read();
    expect(now.recruitmentEvent.statistics.intentions - before.intentions).toBe(2);
    expect(now.recruitmentEvent.statistics.registeredPoorIntentions - before.registeredPoorIntentions).toBe(2);
    // Two intentions, one person: people are counted once per scope, placements apart.
    expect(now.recruitmentEvent.statistics.people - before.people).toBe(1);
    expect(now.recruitmentEvent.statistics.registeredPoorPeople - before.registeredPoorPeople).toBe(1);
    await personImage('per_flag', false);
    now = await read();
    expect(now.recruitmentEvent.statistics.registeredPoorIntentions).toBe(before.registeredPoorIntentions);
    expect(now.recruitmentEvent.statistics.registeredPoorPeople).toBe(before.registeredPoorPeople);
    expect(now.recruitmentEvent.statistics.people - before.people).toBe(1);
    expect(now.program.statistics.registeredPoorIntentions).toBe(before.registeredPoorIntentions + 0);
    await personImage('per_flag', false); // redelivered: no change
    expect((await read()).recruitmentEvent.statistics.registeredPoorIntentions).toBe(before.registeredPoorIntentions);
  });
});

describe('campaigns, fairs and distinct program totals', () => {
  const SCHEDULE = 'mutation ($input: ScheduleRecruitmentEventInput!) { scheduleRecruitmentEvent(input: $input) { id kind campaign { id } } }';
  const PARTICIPANTS =
    'mutation ($input: RecordEventParticipantsInput!) { recordEventParticipants(input: $input) { statistics { employers positionsOffered postingsOffered } } }';
  const programStatistics = async (id: string) =>
    (await execute('query ($id: ID!) { program(id: $id) { statistics { employers positionsOffered postingsOffered } } }', { id })).data.program.statistics;

  it('counts an employer once for the program however many of its fairs it attends, even when recorded concurrently', async () => {
    const program = await execute('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
      input: {
        name: '宜昌市重点企业进贫困县招聘（测试）',
        kind: 'INTRA_PROVINCE',
        sendingRegionCodes: ['420500'],
        receivingRegionCodes: ['420500'],
        organisingDepartment: '宜昌市人力资源和社会保障局',
        startsOn: '2017-01-01',
      },
    });
    const programId = program.data.createProgram.id;
    const fairs = [];
    for (const [i, county] of ['420528', '420529', '420527', '420526'].entries()) {
      const fair = await execute(SCHEDULE, {
        input: { programId, name: `第${i + 1}季度`, heldOn: `2017-${String(3 * i + 1).padStart(2, '0')}-15`, venueRegionCode: county },
      });
      expect(fair.data.scheduleRecruitmentEvent).toEqual({ id: expect.any(String), kind: 'FAIR', campaign: null });
      fairs.push(fair.data.scheduleRecruitmentEvent.id as string);
    }
    const participants = [
      { employerId: 'emp_yc_a', positions: 30, postingIds: ['job_yc_a1'] },
      { employerId: 'emp_yc_b', positions: 20, postingIds: ['job_yc_b1', 'job_yc_b2'] },
    ];
    // The same two employers at four fairs, recorded at once.
    const results = await Promise.all(fairs.map((eventId) => execute(PARTICIPANTS, { input: { eventId, participants } })));
    for (const result of results) expect(result.data.recordEventParticipants.statistics).toEqual({ employers: 2, positionsOffered: 50, postingsOffered: 3 });
    expect(await programStatistics(programId)).toEqual({ employers: 2, positionsOffered: 50, postingsOffered: 3 });
    // More positions and a new posting at one fair: the program counts the most offered at one fair, and every posting once.
    await execute(PARTICIPANTS, {
      input: { eventId: fairs[0], participants: [{ employerId: 'emp_yc_a', positions: 45, postingIds: ['job_yc_a1', 'job_yc_a2'] }] },
    });
    expect(await programStatistics(programId)).toEqual({ employers: 2, positionsOffered: 65, postingsOffered: 4 });
  });

  it('schedules fairs as events of a campaign of the same program, and refuses anything else', async () => {
    const campaign = await execute(SCHEDULE, {
      input: { programId, name: '二月专项招聘活动', heldOn: '2017-02-01', venueRegionCode: '510000', kind: 'CAMPAIGN' },
    });
    expect(campaign.data.scheduleRecruitmentEvent).toMatchObject({ kind: 'CAMPAIGN', campaign: null });
    const campaignId = campaign.data.scheduleRecruitmentEvent.id;
    const fair = await execute(SCHEDULE, { input: { programId, name: '专场招聘会', heldOn: '2017-02-15', venueRegionCode: '513431', campaignId } });
    expect(fair.data.scheduleRecruitmentEvent).toMatchObject({ kind: 'FAIR', campaign: { id: campaignId } });
    const provinceFair = await execute(SCHEDULE, { input: { programId, name: '省级', heldOn: '2017-02-15', venueRegionCode: '510000' } });
    expect(provinceFair.errors![0]!.extensions!.field).toBe('input.venueRegionCode');
    const ofFair = await execute(SCHEDULE, {
      input: { programId, name: '套娃', heldOn: '2017-02-16', venueRegionCode: '513431', campaignId: fair.data.scheduleRecruitmentEvent.id },
    });
    expect(ofFair.errors![0]!.message).toMatch(/^input\.campaignId: ".+" is a FAIR, not a CAMPAIGN\.$/);
    const nested = await execute(SCHEDULE, {
      input: { programId, name: '套娃', heldOn: '2017-02-16', venueRegionCode: '510000', kind: 'CAMPAIGN', campaignId },
    });
    expect(nested.errors![0]!.extensions!.field).toBe('input.campaignId');
    const unknown = await execute(SCHEDULE, { input: { programId, name: '无', heldOn: '2017-02-16', venueRegionCode: '513431', campaignId: 'evt_none' } });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    const employerUser = served.executeAs({ roles: ['employer'], employerId: 'emp_x' });
    expect(
      errorCodes(await employerUser(SCHEDULE, { input: { programId, name: '无权', heldOn: '2017-02-16', venueRegionCode: '513431', campaignId } })),
    ).toEqual(['FORBIDDEN']);
  });
});

describe('setProgramPairings', () => {
  const SET =
    'mutation ($input: SetProgramPairingsInput!) { setProgramPairings(input: $input) { version pairings { receivingRegion { code } sendingCounties { code } agreedOn terms statistics { people intentions } } pairingCoverage { unpairedSendingCounties { code } receiversBelowMinimum { code } meetsRule } } }';
  const createHubeiLike = async () =>
    (
      await execute('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id version } }', {
        input: {
          name: '省内劳务协作（测试）',
          kind: 'INTRA_PROVINCE',
          sendingRegionCodes: ['513431', '513432', '513433', '513434'],
          receivingRegionCodes: ['510100', '510300'],
          organisingDepartment: '四川省人力资源和社会保障厅',
          startsOn: '2017-01-01',
        },
      })
    ).data.createProgram as { id: string; version: number };
  const rule = { minimumSendingCountiesPerReceiver: 3, fullCoverage: true, description: '每个市至少对接3个贫困县，实现全覆盖' };

  it('stores pairings with their agreement and tells whether they meet the rule', async () => {
    const program = await createHubeiLike();
    const response = await execute(SET, {
      input: {
        programId: program.id,
        expectedVersion: program.version,
        pairings: [
          { receivingRegionCode: '510100', sendingCountyCodes: ['513431', '513432', '513433'], agreedOn: '2017-03-01', terms: ['对口培训'] },
          { receivingRegionCode: '510300', sendingCountyCodes: ['513434'] },
        ],
        pairingRule: rule,
      },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.setProgramPairings).toEqual({
      version: program.version + 1,
      pairings: [
        {
          receivingRegion: { code: '510100' },
          sendingCounties: [{ code: '513431' }, { code: '513432' }, { code: '513433' }],
          agreedOn: '2017-03-01',
          terms: ['对口培训'],
          statistics: { people: 0, intentions: 0 },
        },
        { receivingRegion: { code: '510300' }, sendingCounties: [{ code: '513434' }], agreedOn: null, terms: [], statistics: { people: 0, intentions: 0 } },
      ],
      pairingCoverage: { unpairedSendingCounties: [], receiversBelowMinimum: [{ code: '510300' }], meetsRule: false },
    });
    const stale = await execute(SET, { input: { programId: program.id, expectedVersion: program.version, pairings: [] } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
  });

  it('refuses regions outside the program, a receiver named twice, and callers of other provinces, writing nothing', async () => {
    const program = await createHubeiLike();
    const outside = await execute(SET, {
      input: { programId: program.id, expectedVersion: 1, pairings: [{ receivingRegionCode: '330100', sendingCountyCodes: ['500230'] }] },
    });
    expect(errorCodes(outside)).toEqual(['BAD_USER_INPUT']);
    expect(outside.errors![0]!.message).toMatch(/receivingRegionCode: "330100" is not one of the program's receiving regions/);
    const twice = await execute(SET, {
      input: {
        programId: program.id,
        expectedVersion: 1,
        pairings: [
          { receivingRegionCode: '510100', sendingCountyCodes: ['513431'] },
          { receivingRegionCode: '510100', sendingCountyCodes: ['513432'] },
        ],
      },
    });
    expect(twice.errors![0]!.extensions!.field).toBe('input.pairings');
    const chongqing = served.executeAs({ roles: ['program_officer'], provinces: ['500000'] });
    const refused = await chongqing(SET, { input: { programId: program.id, expectedVersion: 1, pairings: [] } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    const read = await execute('query ($id: ID!) { program(id: $id) { version pairings { receivingRegion { code } } } }', { id: program.id });
    expect(read.data.program).toEqual({ version: 1, pairings: [] });
  });
});
