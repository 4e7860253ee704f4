import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { errorCodes, type Execute } from '../support/graphql.js';
import { personInput, REGISTER, startPeopleSubgraph } from './people-fixture.js';

let execute: Execute;
let fixture: Awaited<ReturnType<typeof startPeopleSubgraph>>;

beforeAll(async () => {
  fixture = await startPeopleSubgraph();
  execute = fixture.execute;
});

/** Every item stored under a partition key, to prove what a failed write left behind. */
async function itemsUnder(pk: string) {
  const { Items } = await fixture.storage.documents.send(
    new QueryCommand({ TableName: fixture.storage.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': pk } }),
  );
  return Items ?? [];
}

describe('registerPerson', () => {
  it('stores the person with gender and birth year taken from the ID number; personal data whole for the hometown province, masked for others', async () => {
    const input = personInput({
      name: '王龙彪',
      idNumber: makeResidentId('500230', '1990-03-12', 37),
      phone: '13896012345',
      jobIntention: { occupations: ['焊工'], destinationProvinceCodes: ['370000'], minimumMonthlyWageYuan: 4000 },
    });
    const response = await execute(REGISTER, { input });
    expect(response.errors).toBeUndefined();
    expect(response.data.registerPerson).toEqual({
      id: expect.stringMatching(/^per_[0-9a-z]{26}$/),
      name: '王龙彪',
      gender: 'MALE',
      birthYear: 1990,
      // Not registered poor until their household is (registerHousehold with a registration).
      povertyRegistered: false,
      skills: ['焊工'],
      employmentStatus: 'SEEKING_WORK',
      idNumber: input.idNumber,
      phone: '13896012345',
      version: 1,
      hometown: { code: '500230', name: '丰都县', province: '重庆市', provinceCode: '500000', city: null, county: '丰都县', countyCode: '500230' },
      jobIntention: { occupations: ['焊工'], minimumMonthlyWageYuan: 4000, destinationProvinces: [{ code: '370000', name: '山东省' }] },
    });
    const shandong = fixture.executeAs({ roles: ['caseworker'], provinces: ['370000'] });
    const seen = await shandong('query ($id: ID!) { person(id: $id) { idNumber phone } }', { id: response.data.registerPerson.id });
    expect(seen).toEqual({ data: { person: { idNumber: '500230************', phone: '*******2345' } } });
  });

  it('accepts a lower-case x check character and stores it upper-case', async () => {
    // 11010519491231002X is the example number of GB 11643 itself.
    const response = await execute(REGISTER, { input: personInput({ idNumber: '11010519491231002x' }) });
    expect(response.errors).toBeUndefined();
    expect(response.data.registerPerson).toMatchObject({ idNumber: '11010519491231002X', gender: 'FEMALE', birthYear: 1949 });
  });

  it('rejects a second person with the same ID number with CONFLICT', async () => {
    const input = personInput();
    expect((await execute(REGISTER, { input })).errors).toBeUndefined();
    const second = await execute(REGISTER, { input: { ...input, name: '另一个人' } });
    expect(errorCodes(second)).toEqual(['CONFLICT']);
    expect(second.errors![0]!.message).toMatch(/already registered/);
  });

  it('lets exactly one of 20 concurrent registrations of one ID number succeed', async () => {
    const input = personInput();
    const responses = await Promise.all(Array.from({ length: 20 }, (_, i) => execute(REGISTER, { input: { ...input, name: `并发${i}` } })));
    const succeeded = responses.filter((r) => r.data?.registerPerson);
    expect(succeeded).toHaveLength(1);
    expect(responses.flatMap(errorCodes)).toEqual(Array(19).fill('CONFLICT'));
    const uniqueness = await itemsUnder(`IDNUMBER#${input.idNumber}`);
    expect(uniqueness).toEqual([expect.objectContaining({ personId: succeeded[0]!.data.registerPerson.id })]);
  });

  describe('validation', () => {
    const cases: [rule: string, overrides: Record<string, unknown>, field: string, message: RegExp][] = [
      ['empty name', { name: '   ' }, 'input.name', /must not be empty/],
      ['name over 40 characters', { name: '王'.repeat(41) }, 'input.name', /at most 40 characters/],
      ['control characters in the name', { name: '王\u0007龙' }, 'input.name', /control characters/],
      ['ID number of 17 characters', { idNumber: '50023019900312003' }, 'input.idNumber', /18 characters/],
      ['ID number with letters', { idNumber: '5002301990031200AX' }, 'input.idNumber', /18 characters/],
      [
        'ID number with a wrong check character',
        { idNumber: `${makeResidentId('500230', '1990-03-12', 37).slice(0, 17)}0` },
        'input.idNumber',
        /check character/,
      ],
      ['ID number with an impossible birth date', { idNumber: makeResidentId('500230', '1990-02-30', 1) }, 'input.idNumber', /not a valid birth date/],
      ['ID number born in the future', { idNumber: makeResidentId('500230', '2999-01-01', 1) }, 'input.idNumber', /outside 1900 to today/],
      ['ID number from no known province', { idNumber: makeResidentId('990101', '1990-01-01', 1) }, 'input.idNumber', /not in a known province/],
      ['phone that is a landline', { phone: '02388888888' }, 'input.phone', /mainland mobile number/],
      ['phone of 10 digits', { phone: '1389601234' }, 'input.phone', /mainland mobile number/],
      ['unknown county code', { hometownCountyCode: '999999' }, 'input.hometownCountyCode', /not a region code the product knows/],
      ['province code as hometown', { hometownCountyCode: '500000' }, 'input.hometownCountyCode', /not county level/],
      ['city code as hometown', { hometownCountyCode: '370100' }, 'input.hometownCountyCode', /not county level/],
      ['21 skills', { skills: Array.from({ length: 21 }, (_, i) => `技能${i}`) }, 'input.skills', /at most 20 entries/],
      ['an empty skill', { skills: ['焊工', ' '] }, 'input.skills[1]', /must not be empty/],
      ['a skill over 30 characters', { skills: ['焊'.repeat(31)] }, 'input.skills[0]', /must be at most 30 characters/],
      [
        'a destination that is not a province',
        { jobIntention: { occupations: ['焊工'], destinationProvinceCodes: ['370100'] } },
        'input.jobIntention.destinationProvinceCodes[0]',
        /not a province-level code/,
      ],
      [
        'a negative minimum wage',
        { jobIntention: { occupations: ['焊工'], destinationProvinceCodes: ['370000'], minimumMonthlyWageYuan: -1 } },
        'input.jobIntention.minimumMonthlyWageYuan',
        /0–100000 yuan/,
      ],
    ];

    it.each(cases)('rejects %s with BAD_USER_INPUT naming the field, and stores nothing', async (_, overrides, field, message) => {
      const input = personInput(overrides);
      const response = await execute(REGISTER, { input });
      expect(response.data).toBeNull();
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect(response.errors![0]!.extensions!.field).toBe(field);
      expect(response.errors![0]!.message).toMatch(new RegExp(`^${field.replace(/[[\].]/g, '\\$&')}: `));
      expect(response.errors![0]!.message).toMatch(message);
      expect(await itemsUnder(`IDNUMBER#${String(input.idNumber).toUpperCase()}`)).toEqual([]);
    });

    it('reports every broken rule of one input at once', async () => {
      const response = await execute(REGISTER, { input: personInput({ name: '', phone: '123', hometownCountyCode: '1' }) });
      expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
      expect((response.errors![0]!.extensions!.problems as { field: string }[]).map((p) => p.field)).toEqual([
        'input.name',
        'input.phone',
        'input.hometownCountyCode',
      ]);
    });
  });
});
