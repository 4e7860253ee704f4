import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { stableId } from '../../subgraphs/shared/domain/ids.js';
import { errorCodes, type Execute } from '../support/graphql.js';
import { personInput, REGISTER, startPeopleSubgraph } from './people-fixture.js';

let execute: Execute;
let fixture: Awaited<ReturnType<typeof startPeopleSubgraph>>;

beforeAll(async () => {
  fixture = await startPeopleSubgraph();
  execute = fixture.execute;
});

async function register(overrides: Record<string, unknown> = {}, as: Execute = execute): Promise<{ id: string; version: number }> {
  const response = await as(REGISTER, { input: personInput(overrides) });
  expect(response.errors).toBeUndefined();
  return response.data.registerPerson;
}

async function stored(pk: string, sk: string) {
  const { Item } = await fixture.storage.documents.send(new GetCommand({ TableName: fixture.storage.tableName, Key: { pk, sk }, ConsistentRead: true }));
  return Item;
}

const UPDATE = /* GraphQL */ `
  mutation ($input: UpdatePersonInput!) {
    updatePerson(input: $input) { id name phone skills version hometown { code } povertyRegistered employmentStatus }
  }
`;

describe('updatePerson', () => {
  it('changes the given fields, keeps the others and raises the version', async () => {
    const person = await register({ name: '张三', skills: ['焊工'] });
    const response = await execute(UPDATE, {
      input: { id: person.id, expectedVersion: 1, phone: '13700000001', skills: ['电工', '焊工'], hometownCountyCode: '513431' },
    });
    expect(response).toEqual({
      data: {
        updatePerson: {
          id: person.id,
          name: '张三',
          // Moved to Sichuan: from now on Sichuan's caseworkers see the number whole, this Chongqing one masked.
          phone: '*******0001',
          skills: ['电工', '焊工'],
          version: 2,
          hometown: { code: '513431' },
          povertyRegistered: false,
          employmentStatus: 'SEEKING_WORK',
        },
      },
    });
  });

  it('moves the person between filters: found under the new skill and county, not the old', async () => {
    const hubei = fixture.executeAs({ roles: ['caseworker'], provinces: ['420000'] });
    const person = await register({ skills: ['厨师'], hometownCountyCode: '422801' }, hubei);
    expect((await hubei(UPDATE, { input: { id: person.id, expectedVersion: 1, skills: ['保安员'], hometownCountyCode: '422802' } })).errors).toBeUndefined();
    const find = async (filter: Record<string, unknown>) =>
      (await execute('query ($f: PeopleFilter) { people(filter: $f, first: 100) { edges { node { id } } } }', { f: filter })).data.people.edges.map(
        (e: { node: { id: string } }) => e.node.id,
      );
    expect(await find({ skill: '保安员', hometownCountyCode: '422802' })).toContain(person.id);
    expect(await find({ skill: '厨师' })).not.toContain(person.id);
    expect(await find({ hometownCountyCode: '422801' })).not.toContain(person.id);
  });

  it('rejects a stale expectedVersion with CONFLICT and leaves the stored person unchanged', async () => {
    const person = await register({ name: '李四' });
    expect((await execute(UPDATE, { input: { id: person.id, expectedVersion: 1, name: '李四改' } })).errors).toBeUndefined();
    const before = await stored(`PERSON#${person.id}`, 'PERSON');
    const stale = await execute(UPDATE, { input: { id: person.id, expectedVersion: 1, name: '不应写入' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/changed by someone else since version 1; reload/);
    expect(await stored(`PERSON#${person.id}`, 'PERSON')).toEqual(before);
  });

  it('lets one of two concurrent updates of the same version win; the other gets CONFLICT', async () => {
    const person = await register();
    const results = await Promise.all(['甲', '乙'].map((name) => execute(UPDATE, { input: { id: person.id, expectedVersion: 1, name } })));
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT']);
    const winner = results.find((r) => r.data?.updatePerson)!.data.updatePerson;
    expect((await stored(`PERSON#${person.id}`, 'PERSON'))!).toMatchObject({ name: winner.name, version: 2 });
  });

  it('answers NOT_FOUND for an unknown person', async () => {
    const response = await execute(UPDATE, { input: { id: 'per_nobody', expectedVersion: 1, name: '某' } });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors![0]!.message).toBe('No person with id "per_nobody" exists.');
  });

  it.each([
    ['expectedVersion 0', { expectedVersion: 0 }, 'input.expectedVersion'],
    ['an empty name', { name: '' }, 'input.name'],
    ['a bad phone', { phone: '12345' }, 'input.phone'],
    ['an unknown county', { hometownCountyCode: '000000' }, 'input.hometownCountyCode'],
  ])('rejects %s with BAD_USER_INPUT', async (_, change, field) => {
    const person = await register();
    const response = await execute(UPDATE, { input: { id: person.id, expectedVersion: 1, ...change } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect((await stored(`PERSON#${person.id}`, 'PERSON'))!.version).toBe(1);
  });
});

const RECORD = /* GraphQL */ `
  mutation ($input: RecordEmploymentRegistrationInput!) {
    recordEmploymentRegistration(input: $input) {
      version employmentStatus
      employmentRegistrations { id employerName startDate endDate employer { id } workplace { province } }
    }
  }
`;
const END = /* GraphQL */ `
  mutation ($input: EndEmploymentRegistrationInput!) {
    endEmploymentRegistration(input: $input) { version employmentStatus employmentRegistrations { id endDate } }
  }
`;

describe('employment registrations', () => {
  it('records a registration, marks the person EMPLOYED, and adds nothing when retried', async () => {
    const person = await register();
    const input = {
      personId: person.id,
      employerId: 'emp_haoman',
      employerName: '济南市豪曼汽车配件有限公司',
      workplaceRegionCode: '370100',
      startDate: '2017-03-01',
    };
    const first = await execute(RECORD, { input });
    expect(first.data.recordEmploymentRegistration).toEqual({
      version: 2,
      employmentStatus: 'EMPLOYED',
      employmentRegistrations: [
        {
          id: expect.stringMatching(/^reg_/),
          employerName: '济南市豪曼汽车配件有限公司',
          startDate: '2017-03-01',
          endDate: null,
          employer: { id: 'emp_haoman' },
          workplace: { province: '山东省' },
        },
      ],
    });
    const retry = await execute(RECORD, { input });
    expect(retry.data.recordEmploymentRegistration).toEqual(first.data.recordEmploymentRegistration);
  });

  it('ends a registration; with none open the person is SEEKING_WORK again', async () => {
    const person = await register();
    const recorded = await execute(RECORD, {
      input: { personId: person.id, employerName: '南京某厂', workplaceRegionCode: '320100', startDate: '2017-06-01' },
    });
    const registrationId = recorded.data.recordEmploymentRegistration.employmentRegistrations[0].id;
    const ended = await execute(END, { input: { personId: person.id, registrationId, endDate: '2017-12-31' } });
    expect(ended.data.endEmploymentRegistration).toEqual({
      version: 3,
      employmentStatus: 'SEEKING_WORK',
      employmentRegistrations: [{ id: registrationId, endDate: '2017-12-31' }],
    });
    expect((await execute(END, { input: { personId: person.id, registrationId, endDate: '2017-12-31' } })).data.endEmploymentRegistration.version).toBe(3);
    const otherDate = await execute(END, { input: { personId: person.id, registrationId, endDate: '2018-01-31' } });
    expect(errorCodes(otherDate)).toEqual(['CONFLICT']);
    expect(otherDate.errors![0]!.message).toMatch(/already ended on 2017-12-31/);
  });

  it('keeps every registration when many are recorded at once', async () => {
    const person = await register();
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        execute(RECORD, { input: { personId: person.id, employerName: `企业${i}`, workplaceRegionCode: '330100', startDate: `2017-0${i + 1}-01` } }),
      ),
    );
    expect(results.flatMap(errorCodes)).toEqual([]);
    const item = await stored(`PERSON#${person.id}`, 'PERSON');
    expect(item!.registrations).toHaveLength(5);
    expect(item!.version).toBe(6);
  });

  it.each([
    ['an unknown person', { personId: 'per_nobody' }, 'NOT_FOUND', undefined],
    ['an empty employer name', { employerName: ' ' }, 'BAD_USER_INPUT', 'input.employerName'],
    ['an unknown workplace', { workplaceRegionCode: '888888' }, 'BAD_USER_INPUT', 'input.workplaceRegionCode'],
  ])('rejects %s', async (_, change, code, field) => {
    const person = await register();
    const response = await execute(RECORD, {
      input: { personId: person.id, employerName: '企业', workplaceRegionCode: '320100', startDate: '2017-01-01', ...change },
    });
    expect(errorCodes(response)).toEqual([code]);
    expect(response.errors![0]!.extensions!.field).toBe(field);
  });

  it('rejects an impossible start date as a variable with BAD_USER_INPUT', async () => {
    const person = await register();
    const response = await execute(RECORD, {
      input: { personId: person.id, employerName: '企业', workplaceRegionCode: '320100', startDate: '2017-02-30' },
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/YYYY-MM-DD/);
  });

  it('rejects an end date before the start date, and an unknown registration', async () => {
    const person = await register();
    const recorded = await execute(RECORD, { input: { personId: person.id, employerName: '企业', workplaceRegionCode: '320100', startDate: '2017-06-01' } });
    const registrationId = recorded.data.recordEmploymentRegistration.employmentRegistrations[0].id;
    const early = await execute(END, { input: { personId: person.id, registrationId, endDate: '2017-05-31' } });
    expect(errorCodes(early)).toEqual(['BAD_USER_INPUT']);
    expect(early.errors![0]!.extensions!.field).toBe('input.endDate');
    const unknown = await execute(END, { input: { personId: person.id, registrationId: 'reg_nope', endDate: '2017-07-01' } });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
  });
});

const REGISTERED_SINCE_2014 = { registeredOn: '2014-12-31' };

const REGISTER_HOUSEHOLD = /* GraphQL */ `
  mutation ($input: RegisterHouseholdInput!) {
    registerHousehold(input: $input) { id povertyStatus region { county } members { id household { id } } version }
  }
`;

describe('households', () => {
  it('registers a household with its members, each now pointing at it', async () => {
    const [a, b] = [await register(), await register()];
    const response = await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [a!.id, b!.id] } });
    const household = response.data.registerHousehold;
    expect(household).toEqual({
      id: expect.stringMatching(/^hh_/),
      povertyStatus: 'REGISTERED',
      region: { county: '丰都县' },
      members: [
        { id: a!.id, household: { id: household.id } },
        { id: b!.id, household: { id: household.id } },
      ],
      version: 1,
    });
  });

  it('returns the same household for a retried idempotency key, and refuses the key for other input', async () => {
    const member = await register();
    const input = { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [member.id], idempotencyKey: `key-${member.id}` };
    const first = await execute(REGISTER_HOUSEHOLD, { input });
    const retry = await execute(REGISTER_HOUSEHOLD, { input });
    expect(retry.data.registerHousehold.id).toBe(first.data.registerHousehold.id);
    const reused = await execute(REGISTER_HOUSEHOLD, { input: { ...input, registration: { registeredOn: '2015-01-01' } } });
    expect(errorCodes(reused)).toEqual(['CONFLICT']);
    expect(reused.errors![0]!.extensions!.field).toBe('idempotencyKey');
  });

  it('writes nothing when one member already belongs to a household', async () => {
    const [taken, free] = [await register(), await register()];
    await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [taken!.id] } });
    const response = await execute(REGISTER_HOUSEHOLD, {
      input: { regionCode: '500230', povertyStatus: 'NOT_REGISTERED', memberIds: [free!.id, taken!.id], idempotencyKey: `k-${free!.id}` },
    });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0]!.message).toMatch(/already belongs to household/);
    expect((await stored(`PERSON#${free!.id}`, 'PERSON'))!.householdId).toBeUndefined();
    const notCreated = stableId('hh', `k-${free!.id}`);
    expect(await execute(`{ household(id: "${notCreated}") { id } }`)).toEqual({ data: { household: null } });
  });

  it('answers NOT_FOUND for an unknown member, and writes nothing', async () => {
    const member = await register();
    const response = await execute(REGISTER_HOUSEHOLD, {
      input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [member.id, 'per_ghost'] },
    });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect((await stored(`PERSON#${member.id}`, 'PERSON'))!.householdId).toBeUndefined();
  });

  it('adds a member once; adding again is harmless; a member of another household is refused', async () => {
    const [first, joiner, elsewhere] = [await register(), await register(), await register()];
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [first!.id] } })).data
      .registerHousehold;
    const ADD = `mutation ($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { members { id } version } }`;
    const added = await execute(ADD, { input: { householdId: household.id, personId: joiner!.id } });
    expect(added.data.addHouseholdMember).toEqual({ members: [{ id: first!.id }, { id: joiner!.id }], version: 2 });
    const again = await execute(ADD, { input: { householdId: household.id, personId: joiner!.id } });
    expect(again.data.addHouseholdMember).toEqual(added.data.addHouseholdMember);
    await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [elsewhere!.id] } });
    const refused = await execute(ADD, { input: { householdId: household.id, personId: elsewhere!.id } });
    expect(errorCodes(refused)).toEqual(['CONFLICT']);
    const unknownHousehold = await execute(ADD, { input: { householdId: 'hh_none', personId: first!.id } });
    expect(errorCodes(unknownHousehold)).toEqual(['NOT_FOUND']);
  });

  it.each([
    ['a city as region', { regionCode: '370100' }, 'input.regionCode'],
    ['31 members', { memberIds: Array.from({ length: 31 }, (_, i) => `per_${i}`) }, 'input.memberIds'],
    ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey'],
  ])('rejects %s with BAD_USER_INPUT', async (_, change, field) => {
    const response = await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, ...change } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
  });
});

const MEMBER_STATUS = /* GraphQL */ `
  query ($id: ID!) {
    person(id: $id) {
      povertyRegistered before: povertyStatusOn(date: "2014-12-30") on: povertyStatusOn(date: "2014-12-31") later: povertyStatusOn(date: "2020-06-30")
      household { povertyStatus registration { registeredOn removedOn removalReason } version }
    }
  }
`;
const CHANGE = /* GraphQL */ `
  mutation ($input: ChangeHouseholdRegistrationInput!) {
    changeHouseholdRegistration(input: $input) { id povertyStatus version registration { registeredOn removedOn removalReason } members { id povertyRegistered } }
  }
`;
const poorIds = async () =>
  (await execute('{ people(filter: { povertyRegistered: true, hometownCountyCode: "500230" }, first: 100) { edges { node { id } } } }')).data.people.edges.map(
    (e: { node: { id: string } }) => e.node.id,
  );

/** The stored person items agree with their household's registration, the one truth. */
async function expectMembersAgree(householdId: string) {
  const household = (await stored(`HOUSEHOLD#${householdId}`, 'HOUSEHOLD'))!;
  for (const id of household.memberIds as string[]) {
    const person = (await stored(`PERSON#${id}`, 'PERSON'))!;
    expect(person.povertyRegistration).toEqual(household.registration);
    expect(person.povertyRegistered).toBe(household.registration !== undefined && household.registration.removedOn === undefined);
    expect(person.householdId).toBe(householdId);
  }
}

describe('registered-poor status, from the household registration only', () => {
  it('makes a new person not registered poor, and refuses registerPerson’s povertyRegistered: true', async () => {
    const person = await register();
    expect((await execute(MEMBER_STATUS, { id: person.id })).data.person).toEqual({
      povertyRegistered: false,
      before: 'NOT_REGISTERED',
      on: 'NOT_REGISTERED',
      later: 'NOT_REGISTERED',
      household: null,
    });
    const refused = await execute(REGISTER, { input: personInput({ povertyRegistered: true }) });
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT']);
    expect(refused.errors![0]!.extensions!.field).toBe('input.povertyRegistered');
    expect(refused.errors![0]!.message).toMatch(/registerHousehold with a `registration`/);
  });

  it('gives the members of a registered household its status, from registeredOn on, and the people filter finds them', async () => {
    const [a, b] = [await register(), await register()];
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [a!.id, b!.id] } }))
      .data.registerHousehold;
    for (const member of [a!, b!]) {
      expect((await execute(MEMBER_STATUS, { id: member.id })).data.person).toEqual({
        povertyRegistered: true,
        before: 'NOT_REGISTERED',
        on: 'REGISTERED',
        later: 'REGISTERED',
        household: { povertyStatus: 'REGISTERED', registration: { registeredOn: '2014-12-31', removedOn: null, removalReason: null }, version: 1 },
      });
    }
    expect(await poorIds()).toEqual(expect.arrayContaining([a!.id, b!.id]));
    await expectMembersAgree(household.id);
  });

  it('lifts a household with changeHouseholdRegistration: every member follows in the same write, the filter too', async () => {
    const [a, b] = [await register(), await register()];
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [a!.id, b!.id] } }))
      .data.registerHousehold;
    const lifted = { registeredOn: '2014-12-31', removedOn: '2019-06-30', removalReason: 'LIFTED_OUT_OF_POVERTY' };
    const response = await execute(CHANGE, { input: { householdId: household.id, expectedVersion: 1, registration: lifted } });
    expect(response.errors).toBeUndefined();
    expect(response.data.changeHouseholdRegistration).toEqual({
      id: household.id,
      povertyStatus: 'LIFTED',
      version: 2,
      registration: lifted,
      members: [
        { id: a!.id, povertyRegistered: false },
        { id: b!.id, povertyRegistered: false },
      ],
    });
    // Registered in 2017, lifted in 2019: a subsidy month of 2017 was a registered-poor month.
    const status = (await execute(MEMBER_STATUS, { id: a!.id })).data.person;
    expect(status).toMatchObject({ povertyRegistered: false, on: 'REGISTERED', later: 'LIFTED' });
    expect(await poorIds()).not.toContain(a!.id);
    await expectMembersAgree(household.id);
  });

  it('refuses a stale household version, writing nothing', async () => {
    const member = await register();
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [member.id] } })).data
      .registerHousehold;
    const withdrawn = { registeredOn: '2014-12-31', removedOn: '2016-01-01', removalReason: 'REGISTRATION_WITHDRAWN' };
    const results = await Promise.all(
      [withdrawn, { ...withdrawn, removalReason: 'LIFTED_OUT_OF_POVERTY' }].map((registration) =>
        execute(CHANGE, { input: { householdId: household.id, expectedVersion: 1, registration } }),
      ),
    );
    expect(results.map((r) => (r.errors ? r.errors[0]!.extensions!.code : 'OK')).sort()).toEqual(['CONFLICT', 'OK']);
    const stale = await execute(CHANGE, { input: { householdId: household.id, expectedVersion: 1, registration: REGISTERED_SINCE_2014 } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect((await stored(`HOUSEHOLD#${household.id}`, 'HOUSEHOLD'))!.version).toBe(2);
    await expectMembersAgree(household.id);
  });

  it('hands a joining member the household’s status with addHouseholdMember', async () => {
    const [first, joiner] = [await register(), await register()];
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [first!.id] } })).data
      .registerHousehold;
    expect((await execute(MEMBER_STATUS, { id: joiner!.id })).data.person.povertyRegistered).toBe(false);
    await execute('mutation ($input: AddHouseholdMemberInput!) { addHouseholdMember(input: $input) { id } }', {
      input: { householdId: household.id, personId: joiner!.id },
    });
    expect((await execute(MEMBER_STATUS, { id: joiner!.id })).data.person.povertyRegistered).toBe(true);
    await expectMembersAgree(household.id);
  });

  it('refuses updatePerson’s povertyRegistered, naming the household to change', async () => {
    const member = await register();
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [member.id] } })).data
      .registerHousehold;
    const response = await execute(UPDATE, { input: { id: member.id, expectedVersion: 2, povertyRegistered: false } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toBe(
      `input.povertyRegistered: registered-poor status is the household's: change household "${household.id}" with changeHouseholdRegistration.`,
    );
    expect((await stored(`PERSON#${member.id}`, 'PERSON'))!.povertyRegistered).toBe(true);
  });

  it.each([
    ['a future registeredOn', { registration: { registeredOn: '2999-01-01' } }, 'input.registration.registeredOn'],
    ['a removal without its reason', { registration: { registeredOn: '2014-12-31', removedOn: '2016-01-01' } }, 'input.registration.removalReason'],
    ['REGISTERED without a registration', { povertyStatus: 'REGISTERED' }, 'input.povertyStatus'],
    ['a status the registration does not give', { povertyStatus: 'NOT_REGISTERED', registration: REGISTERED_SINCE_2014 }, 'input.povertyStatus'],
  ])('refuses registerHousehold with %s', async (_, change, field) => {
    const member = await register();
    const response = await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', memberIds: [member.id], ...change } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
    expect((await stored(`PERSON#${member.id}`, 'PERSON'))!.householdId).toBeUndefined();
  });

  it('refuses changeHouseholdRegistration to a caseworker of another province, and an unknown household', async () => {
    const member = await register();
    const household = (await execute(REGISTER_HOUSEHOLD, { input: { regionCode: '500230', registration: REGISTERED_SINCE_2014, memberIds: [member.id] } })).data
      .registerHousehold;
    const sichuan = fixture.executeAs({ roles: ['caseworker'], provinces: ['510000'] });
    const lifted = { registeredOn: '2014-12-31', removedOn: '2019-06-30', removalReason: 'LIFTED_OUT_OF_POVERTY' };
    const refused = await sichuan(CHANGE, { input: { householdId: household.id, expectedVersion: 1, registration: lifted } });
    expect(errorCodes(refused)).toEqual(['FORBIDDEN']);
    expect((await stored(`HOUSEHOLD#${household.id}`, 'HOUSEHOLD'))!.version).toBe(1);
    const employer = fixture.executeAs({ roles: ['employer'], employerId: 'emp_x' });
    expect(errorCodes(await employer(CHANGE, { input: { householdId: household.id, expectedVersion: 1, registration: lifted } }))).toEqual(['FORBIDDEN']);
    expect(errorCodes(await execute(CHANGE, { input: { householdId: 'hh_none', expectedVersion: 1, registration: lifted } }))).toEqual(['NOT_FOUND']);
  });
});
