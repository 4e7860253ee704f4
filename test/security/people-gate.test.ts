/**
 * The people subgraph is a gate of its own: with a valid gateway token (what a gateway bug, or a
 * token taken from the gateway, would give) it still answers each field only to the readers
 * subgraphs/people/field-access.ts names, on root fields, `_entities` and nested fields; every write
 * checks the caller's provinces and never widens what the caller reads; a registration conflict
 * confirms an ID number only to a caller who may read its person. Real handler, DynamoDB Local.
 */
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoPersonId, loadPeopleDemoData, NAMED_PEOPLE } from '../../scripts/demo/people.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { MAX_REFUSED_REGISTRATIONS_PER_HOUR } from '../../subgraphs/people/registration-conflicts.js';
import { errorCodes, gatewayToken, graphqlClient, type Execute, type GraphQLResponse } from '../support/graphql.js';
import { personInput, REGISTER, startPeopleSubgraph } from '../people/people-fixture.js';

let fixture: Awaited<ReturnType<typeof startPeopleSubgraph>>;
const wang = NAMED_PEOPLE[0]!; // hometown Fengdu, Chongqing (500000)
const wangId = demoPersonId(wang);
let wangHouseholdId: string;

/** As the gateway would sign for these claims, with this subject ('' = none, as for an anonymous client). */
const as =
  (claims: Record<string, unknown>, subject = 'test-user'): Execute =>
  async (query, variables, headers) =>
    graphqlClient(fixture.url)(query, variables, { authorization: `Bearer ${await gatewayToken('people', claims, subject)}`, ...headers });

const caseworkerOf = (province: string, subject?: string) => as({ roles: ['caseworker'], provinces: [province] }, subject);
const noRole = () => as({ roles: [] });
const anonymous = () => as({ roles: [] }, '');
const employer = () => as({ roles: ['employer'], employerId: 'emp_x', provinces: ['500000'] });
const partner = () => as({ roles: ['partner'], provinces: ['500000'] });

beforeAll(async () => {
  fixture = await startPeopleSubgraph();
  await loadPeopleDemoData(fixture.storage, 5);
  // The demo puts Wang Longbiao in a registered household (his registered-poor status is its registration).
  const household = await caseworkerOf('500000')('query ($id: ID!) { person(id: $id) { household { id povertyStatus } } }', { id: wangId });
  expect(household.data.person.household.povertyStatus).toBe('REGISTERED');
  wangHouseholdId = household.data.person.household.id;
});

/** Nothing of a person in the answer: every value null, every error the given code. */
function expectNothing(response: GraphQLResponse, code: 'FORBIDDEN' | 'UNAUTHENTICATED', message?: RegExp) {
  expect(errorCodes(response).length).toBeGreaterThan(0);
  expect(new Set(errorCodes(response))).toEqual(new Set([code]));
  const text = JSON.stringify(response.data ?? null);
  for (const leak of [wang.name, wang.idNumber, wang.phone, wangId, wangHouseholdId, '500230', 'true']) expect(text).not.toContain(leak);
  if (message) for (const error of response.errors!) expect(error.message).toMatch(message);
}

const ENTITY = 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { SELECTION } ... on Household { id members { name } } } }';
const entities = (selection: string) => ENTITY.replace('SELECTION', selection);
const personRef = () => ({ r: [{ __typename: 'Person', id: wangId }] });

describe('reading people with a gateway token whose roles do not read people', () => {
  const ROOT: [string, string, () => Record<string, unknown>][] = [
    ['people', '{ people(first: 5) { edges { node { id name } } } }', () => ({})],
    ['person', 'query ($id: ID!) { person(id: $id) { id name povertyRegistered } }', () => ({ id: wangId })],
    ['household', 'query ($id: ID!) { household(id: $id) { id members { name } } }', () => ({ id: wangHouseholdId })],
    ['_entities Person', entities('id name'), personRef],
    ['_entities Household', entities('id'), () => ({ r: [{ __typename: 'Household', id: wangHouseholdId }] })],
  ];

  it.each(ROOT)('refuses %s to a token with no role: FORBIDDEN, no data', async (_, query, variables) => {
    expectNothing(
      await noRole()(query, variables()),
      'FORBIDDEN',
      /needs the people:read scope \(roles caseworker, program_officer, admin\)|has no role that reads people/,
    );
  });

  it.each(ROOT)('refuses %s to an anonymous token: UNAUTHENTICATED, no data', async (_, query, variables) => {
    expectNothing(await anonymous()(query, variables()), 'UNAUTHENTICATED');
  });

  it.each(ROOT.filter(([name]) => name !== '_entities Person'))('refuses %s to an employer and to a partner: FORBIDDEN', async (_, query, variables) => {
    expectNothing(await employer()(query, variables()), 'FORBIDDEN', /needs the people:read scope/);
    expectNothing(await partner()(query, variables()), 'FORBIDDEN', /needs the people:read scope/);
  });
});

describe("an employer's view of a person (its hires and candidates reach it through _entities)", () => {
  it('answers the fields an employer needs', async () => {
    const response = await employer()(entities('id name gender skills hometown { code } jobIntention { occupations }'), personRef());
    expect(response).toEqual({
      data: {
        _entities: [
          { id: wangId, name: wang.name, gender: 'MALE', skills: wang.skills, hometown: { code: '500230' }, jobIntention: { occupations: ['焊工'] } },
        ],
      },
    });
  });

  it.each([
    ['povertyRegistered', 'povertyRegistered'],
    ['birthYear', 'birthYear'],
    ['idNumber', 'idNumber'],
    ['phone', 'phone'],
    ['employmentStatus', 'employmentStatus'],
    ['employmentRegistrations', 'employmentRegistrations { employerName }'],
    ['household (nested)', 'household { id members { name povertyRegistered } }'],
    ['version', 'version'],
  ])('refuses Person.%s: FORBIDDEN naming what it may read, no data', async (field, selection) => {
    const response = await employer()(entities(selection), personRef());
    expectNothing(
      response,
      'FORBIDDEN',
      new RegExp(`Person\\.${field.split(' ')[0]} needs the people:read scope .*read only Person\\.id, name, gender, skills, hometown, jobIntention`),
    );
  });
});

describe("a partner user's view of a person", () => {
  it('answers the key only', async () => {
    expect(await partner()(entities('id'), personRef())).toEqual({ data: { _entities: [{ id: wangId }] } });
  });

  it.each(['name', 'skills', 'hometown { code }', 'povertyRegistered', 'idNumber'])('refuses Person.%s: FORBIDDEN', async (selection) => {
    expectNothing(await partner()(entities(`id ${selection}`), personRef()), 'FORBIDDEN', /read only Person\.id\./);
  });
});

describe('people:read callers keep every path', () => {
  it('reads root, nested and _entities fields as a caseworker of another province (masked personal data)', async () => {
    const shandong = caseworkerOf('370000');
    const nested = await shandong('query ($id: ID!) { person(id: $id) { name povertyRegistered idNumber phone household { members { id } } } }', {
      id: wangId,
    });
    expect(nested).toEqual({
      data: {
        person: {
          name: wang.name,
          povertyRegistered: true,
          idNumber: '500230************',
          phone: `*******${wang.phone.slice(7)}`,
          household: { members: [{ id: wangId }] },
        },
      },
    });
    const viaEntities = await shandong(entities('birthYear employmentStatus'), { r: [{ __typename: 'Household', id: wangHouseholdId }] });
    expect(viaEntities).toEqual({ data: { _entities: [{ id: wangHouseholdId, members: [{ name: wang.name }] }] } });
  });
});

// ---------------------------------------------------------------------------------------------

/** A person's stored item and the audit items naming it: what a refused write must leave as it was. */
async function footprint(personId: string) {
  const { Item } = await fixture.storage.documents.send(
    new GetCommand({ TableName: fixture.storage.tableName, Key: { pk: `PERSON#${personId}`, sk: 'PERSON' }, ConsistentRead: true }),
  );
  return { person: Item, audit: await auditOf(personId) };
}

async function auditOf(targetId: string) {
  const { Items } = await fixture.storage.documents.send(
    new QueryCommand({
      TableName: fixture.storage.tableName,
      KeyConditionExpression: 'pk = :pk',
      FilterExpression: 'targetId = :target',
      ExpressionAttributeValues: { ':pk': `AUDIT#${new Date().toISOString().slice(0, 10)}`, ':target': targetId },
      ConsistentRead: true,
    }),
  );
  return Items ?? [];
}

const RECORD =
  'mutation ($i: RecordEmploymentRegistrationInput!) { recordEmploymentRegistration(input: $i) { idNumber phone employmentRegistrations { id workplace { code } } } }';
const UPDATE = 'mutation ($i: UpdatePersonInput!) { updatePerson(input: $i) { id name } }';
const END = 'mutation ($i: EndEmploymentRegistrationInput!) { endEmploymentRegistration(input: $i) { employmentStatus } }';

describe('writes across provinces: a Chongqing caseworker and a Sichuan person', () => {
  const chongqing = () => caseworkerOf('500000');
  const sichuan = () => caseworkerOf('510000');
  let sichuanPerson: { id: string; idNumber: string; phone: string; version: number };

  beforeAll(async () => {
    const input = personInput({ hometownCountyCode: '513431', idNumber: makeResidentId('513431', '1988-05-06', 211), phone: '13981234567' });
    const response = await sichuan()(REGISTER, { input });
    expect(response.errors).toBeUndefined();
    sichuanPerson = { id: response.data.registerPerson.id, idNumber: input.idNumber, phone: input.phone, version: 1 };
  });

  it('refuses updatePerson: FORBIDDEN naming Sichuan, nothing written, no audit item', async () => {
    const before = await footprint(sichuanPerson.id);
    const response = await chongqing()(UPDATE, { i: { id: sichuanPerson.id, expectedVersion: sichuanPerson.version, name: '冒名' } });
    expect(response).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          message: "updatePerson needs a caseworker or officer of the person's hometown province (510000) or an admin; you are responsible for 500000.",
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ],
    });
    expect(await footprint(sichuanPerson.id)).toEqual(before);
  });

  it('refuses recordEmploymentRegistration with a workplace outside Chongqing: FORBIDDEN, nothing written', async () => {
    const before = await footprint(sichuanPerson.id);
    const response = await chongqing()(RECORD, {
      i: { personId: sichuanPerson.id, employerName: '济南某厂', workplaceRegionCode: '370100', startDate: '2024-03-01' },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toMatch(
      /needs a caseworker or officer of the person's hometown province or the workplace's province \(510000 or 370000\)/,
    );
    expect(response.data).toBeNull();
    expect(await footprint(sichuanPerson.id)).toEqual(before);
  });

  it('records a registration with a Chongqing workplace (the receiving province), which unmasks nothing, then or later', async () => {
    const response = await chongqing()(RECORD, {
      i: { personId: sichuanPerson.id, employerName: '重庆某厂', workplaceRegionCode: '500230', startDate: '2024-04-01' },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.recordEmploymentRegistration).toMatchObject({ idNumber: '513431************', phone: '*******4567' });
    const later = await chongqing()('query ($id: ID!) { person(id: $id) { idNumber phone } }', { id: sichuanPerson.id });
    expect(later).toEqual({ data: { person: { idNumber: '513431************', phone: '*******4567' } } });
    // Sichuan, the hometown, still sees them whole.
    const home = await sichuan()('query ($id: ID!) { person(id: $id) { idNumber phone } }', { id: sichuanPerson.id });
    expect(home).toEqual({ data: { person: { idNumber: sichuanPerson.idNumber, phone: sichuanPerson.phone } } });
  });

  it('lets the hometown or the workplace province end that registration, not a third province', async () => {
    const registrations = (await sichuan()('query ($id: ID!) { person(id: $id) { employmentRegistrations { id } } }', { id: sichuanPerson.id })).data.person
      .employmentRegistrations;
    const i = { personId: sichuanPerson.id, registrationId: registrations[0].id, endDate: '2024-06-30' };
    const before = await footprint(sichuanPerson.id);
    const shandong = await caseworkerOf('370000')(END, { i });
    expect(errorCodes(shandong)).toEqual(['FORBIDDEN']);
    expect(shandong.errors![0]!.message).toMatch(/\(510000 or 500000\)/);
    expect(await footprint(sichuanPerson.id)).toEqual(before);
    expect(await chongqing()(END, { i })).toEqual({ data: { endEmploymentRegistration: { employmentStatus: 'SEEKING_WORK' } } });
  });

  it('refuses registerPerson with a Sichuan hometown: FORBIDDEN, the ID number stays free', async () => {
    const input = personInput({ hometownCountyCode: '513431', idNumber: makeResidentId('513431', '1991-01-02', 5) });
    const response = await chongqing()(REGISTER, { input });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toMatch(/registerPerson needs a caseworker or officer of the new person's hometown province \(510000\)/);
    const { Item } = await fixture.storage.documents.send(
      new GetCommand({ TableName: fixture.storage.tableName, Key: { pk: `IDNUMBER#${input.idNumber}`, sk: 'IDNUMBER' } }),
    );
    expect(Item).toBeUndefined();
  });

  it('refuses registerHousehold in Sichuan, and in Chongqing with the Sichuan person as a member: nothing written', async () => {
    const before = await footprint(sichuanPerson.id);
    const mutation = 'mutation ($i: RegisterHouseholdInput!) { registerHousehold(input: $i) { id } }';
    const inSichuan = await chongqing()(mutation, { i: { regionCode: '513431', registration: { registeredOn: '2014-12-31' }, idempotencyKey: 'hh-sichuan' } });
    expect(errorCodes(inSichuan)).toEqual(['FORBIDDEN']);
    expect(inSichuan.errors![0]!.message).toMatch(/registerHousehold needs a caseworker or officer of the household's province \(510000\)/);
    const withMember = await chongqing()(mutation, {
      i: { regionCode: '500230', registration: { registeredOn: '2014-12-31' }, memberIds: [sichuanPerson.id], idempotencyKey: 'hh-member' },
    });
    expect(errorCodes(withMember)).toEqual(['FORBIDDEN']);
    expect(withMember.errors![0]!.message).toMatch(new RegExp(`registerHousehold \\(member "${sichuanPerson.id}"\\) needs .*\\(510000\\)`));
    expect(await footprint(sichuanPerson.id)).toEqual(before);
    expect(await sichuan()('query ($id: ID!) { person(id: $id) { household { id } } }', { id: sichuanPerson.id })).toEqual({
      data: { person: { household: null } },
    });
  });

  it('refuses addHouseholdMember of the Sichuan person to a Chongqing household: nothing written', async () => {
    const before = await footprint(sichuanPerson.id);
    const response = await chongqing()('mutation ($i: AddHouseholdMemberInput!) { addHouseholdMember(input: $i) { members { id } } }', {
      i: { householdId: wangHouseholdId, personId: sichuanPerson.id },
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toMatch(/addHouseholdMember needs .*hometown province \(510000\)/);
    expect(await footprint(sichuanPerson.id)).toEqual(before);
    // The demo loaded the household without an audit trail; the refused change added none.
    expect((await auditOf(wangHouseholdId)).map((e) => e.operation)).toEqual([]);
  });
});

describe('registration conflicts are no oracle', () => {
  const sichuan = () => caseworkerOf('510000');
  let target: { id: string; idNumber: string };

  beforeAll(async () => {
    const input = personInput({ hometownCountyCode: '513431', idNumber: makeResidentId('513431', '1979-11-23', 88) });
    const response = await sichuan()(REGISTER, { input });
    expect(response.errors).toBeUndefined();
    target = { id: response.data.registerPerson.id, idNumber: input.idNumber };
  });

  it('answers a caller who may not read the person a refusal that names nothing, audited; and never registers twice', async () => {
    const prober = caseworkerOf('500000', 'prober-1');
    const response = await prober(REGISTER, { input: personInput({ idNumber: target.idNumber }) });
    expect(response).toEqual({
      data: null,
      errors: [
        {
          message:
            'registerPerson: this person cannot be registered by you. If they are registered already, a caseworker of their hometown province can find them ' +
            '(or move their hometown to your province); such refusals are recorded and limited per hour.',
          path: ['registerPerson'],
          locations: expect.any(Array),
          extensions: { code: 'CONFLICT' },
        },
      ],
    });
    const audit = await auditOf(target.id);
    expect(audit.map(({ operation, subject, outcome }) => ({ operation, subject, outcome }))).toEqual([
      { operation: 'registerPerson', subject: 'test-user', outcome: undefined },
      { operation: 'registerPerson', subject: 'prober-1', outcome: 'REFUSED_ALREADY_REGISTERED' },
    ]);
    const { Item } = await fixture.storage.documents.send(
      new GetCommand({ TableName: fixture.storage.tableName, Key: { pk: `IDNUMBER#${target.idNumber}`, sk: 'IDNUMBER' } }),
    );
    expect(Item?.personId).toBe(target.id);
  });

  it(`pauses a caller's registrations after ${MAX_REFUSED_REGISTRATIONS_PER_HOUR} such refusals in an hour, before looking at the number`, async () => {
    const prober = caseworkerOf('500000', 'prober-2');
    for (let i = 0; i < MAX_REFUSED_REGISTRATIONS_PER_HOUR; i++) {
      expect(errorCodes(await prober(REGISTER, { input: personInput({ idNumber: target.idNumber }) }))).toEqual(['CONFLICT']);
    }
    const fresh = personInput();
    const paused = await prober(REGISTER, { input: fresh });
    expect(errorCodes(paused)).toEqual(['FORBIDDEN']);
    expect(paused.errors![0]!.message).toMatch(/registering is paused for you until \d\d:00 UTC/);
    const { Item } = await fixture.storage.documents.send(
      new GetCommand({ TableName: fixture.storage.tableName, Key: { pk: `IDNUMBER#${fresh.idNumber}`, sk: 'IDNUMBER' } }),
    );
    expect(Item).toBeUndefined();
    // Another caseworker is not held back by this one's count.
    expect((await caseworkerOf('500000', 'colleague')(REGISTER, { input: fresh })).errors).toBeUndefined();
  });

  it('tells a caller who may read the person who it is', async () => {
    const response = await sichuan()(REGISTER, { input: personInput({ hometownCountyCode: '513431', idNumber: target.idNumber }) });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0]).toMatchObject({
      message: `idNumber: this resident ID number is already registered as person "${target.id}"; look them up instead of registering again.`,
      extensions: { code: 'CONFLICT', field: 'idNumber', id: target.id },
    });
  });
});
