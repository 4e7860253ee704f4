/**
 * The programs subgraph's projections of the people and employers tables, fed as `npm start` feeds
 * them: the stream poller reads DynamoDB Local's streams of the real tables while every change goes
 * through the gateway. The programs subgraph never reads those tables.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import type { LocalSystem } from '../../scripts/local-system.js';
import type { Execute } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

let system: LocalSystem;
let zhejiangCaseworker: Execute;
let officer: Execute;

const ok = async (response: Promise<{ data?: any; errors?: unknown }>) => {
  const { data, errors } = await response;
  expect(errors).toBeUndefined();
  return data;
};

beforeAll(async () => {
  const local = await useLocalSystem({ loadDemoData: false, streamProjections: true });
  system = local;
  zhejiangCaseworker = local.executeAs({ roles: ['caseworker'], provinces: ['330000'], subject: 'caseworker-zj' });
  officer = local.executeAs({ roles: ['caseworker', 'program_officer'], provinces: ['510000'], subject: 'officer-1' });
});

describe('stream projections (people → programs, employers → programs, people → employers)', () => {
  it('keep the registered-poor counts right when the flag changes in the people subgraph, and let HIRED follow a hire', async () => {
    const person = (
      await ok(
        officer('mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id version } }', {
          input: {
            name: '吉克阿依',
            idNumber: makeResidentId('513431', '1996-05-04', 12),
            phone: '13981234567',
            hometownCountyCode: '513431',
          },
        }),
      )
    ).registerPerson;
    // Registered poor through the household's registration, the one source of the status.
    const household = (
      await ok(
        officer('mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id version } }', {
          input: { regionCode: '513431', registration: { registeredOn: '2014-12-31' }, memberIds: [person.id] },
        }),
      )
    ).registerHousehold;
    const employer = (
      await ok(
        officer('mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
          input: {
            name: '杭州流投测试制造有限公司',
            unifiedSocialCreditCode: makeCreditCode('330100', 'TREAM001'),
            regionCode: '330100',
            industry: 'MANUFACTURING',
            size: 'SMALL',
            contactPerson: { name: '王先生', phone: '13800000000' },
          },
        }),
      )
    ).registerEmployer;
    const posting = (
      await ok(
        officer('mutation ($input: CreateJobPostingInput!) { createJobPosting(input: $input) { id } }', {
          input: {
            employerId: employer.id,
            title: '普工',
            occupation: '普工',
            headcount: 5,
            monthlyWageMinYuan: 4200,
            monthlyWageMaxYuan: 5000,
            workplaceRegionCode: '330100',
            benefits: { housing: 'FREE_DORMITORY', socialInsurance: true },
          },
        }),
      )
    ).createJobPosting;
    const program = (
      await ok(
        officer('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
          input: {
            name: '流投测试协作',
            kind: 'EAST_WEST',
            sendingRegionCodes: ['513431'],
            receivingRegionCodes: ['330100'],
            organisingDepartment: '浙江省人力资源和社会保障厅',
            startsOn: '2017-01-01',
          },
        }),
      )
    ).createProgram;
    const event = (
      await ok(
        officer('mutation ($input: ScheduleRecruitmentEventInput!) { scheduleRecruitmentEvent(input: $input) { id } }', {
          input: { programId: program.id, name: '流投测试招聘会', heldOn: '2017-04-18', venueRegionCode: '513431' },
        }),
      )
    ).scheduleRecruitmentEvent;

    await system.streamPoller!.catchUp();
    const placement = (
      await ok(
        officer('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id version } }', {
          input: { personId: person.id, postingId: posting.id, programId: program.id, eventId: event.id },
        }),
      )
    ).recordIntention;
    const statistics = async () =>
      (await ok(officer('query ($id: ID!) { recruitmentEvent(id: $id) { statistics { intentions registeredPoorIntentions hires } } }', { id: event.id })))
        .recruitmentEvent.statistics;
    expect(await statistics()).toEqual({ intentions: 1, registeredPoorIntentions: 1, hires: 0 });

    // The household leaves the poverty register: the people subgraph changes, the stream carries it.
    await ok(
      officer('mutation ($input: ChangeHouseholdRegistrationInput!) { changeHouseholdRegistration(input: $input) { version } }', {
        input: {
          householdId: household.id,
          expectedVersion: household.version,
          registration: { registeredOn: '2014-12-31', removedOn: '2019-06-30', removalReason: 'LIFTED_OUT_OF_POVERTY' },
        },
      }),
    );
    await system.streamPoller!.catchUp();
    expect(await statistics()).toEqual({ intentions: 1, registeredPoorIntentions: 0, hires: 0 });

    // The flag change moved the placement's version (a move that read the old flag must not write it back).
    const { version } = (await ok(officer('query ($id: ID!) { placement(id: $id) { version } }', { id: placement.id }))).placement;
    expect(version).toBe(placement.version + 1);
    // HIRED waits for the employers subgraph's hire, which reaches this subgraph by its stream.
    const advance = () =>
      officer('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { status } }', {
        input: { id: placement.id, expectedVersion: version, to: 'HIRED', monthlyWageYuan: 4200 },
      });
    expect((await advance()).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    await ok(
      officer('mutation ($input: HireInput!) { hire(input: $input) { id } }', {
        input: { postingId: posting.id, personId: person.id, idempotencyKey: `stream-test-${person.id}` },
      }),
    );
    await system.streamPoller!.catchUp();
    expect((await ok(advance())).advancePlacement.status).toBe('HIRED');
    expect(await statistics()).toEqual({ intentions: 1, registeredPoorIntentions: 0, hires: 1 });

    // REGISTERED links the person's employment registration with the posting's employer: one record.
    const register = () =>
      officer('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { status employmentRegistrationId } }', {
        input: { id: placement.id, expectedVersion: version + 1, to: 'REGISTERED' },
      });
    const early = await register();
    expect(early.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.message).toMatch(/has no employment registration \(就业登记\) with employer ".+" open on .* recordEmploymentRegistration/);
    const recorded = await ok(
      zhejiangCaseworker(
        'mutation ($input: RecordEmploymentRegistrationInput!) { recordEmploymentRegistration(input: $input) { employmentRegistrations { id } } }',
        {
          input: {
            personId: person.id,
            employerId: employer.id,
            employerName: '杭州流投测试制造有限公司',
            workplaceRegionCode: '330100',
            startDate: '2017-01-01',
          },
        },
      ),
    );
    await system.streamPoller!.catchUp();
    const linked = (await ok(register())).advancePlacement;
    expect(linked).toEqual({ status: 'REGISTERED', employmentRegistrationId: recorded.recordEmploymentRegistration.employmentRegistrations[0].id });
    // Eleven writes and four stream catch-ups through the gateway: more than the default 30 s on a loaded machine.
  }, 120_000);
});
