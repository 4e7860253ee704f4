import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { employerKey, postingKey } from '../../subgraphs/employers/keys.js';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import type { TestTables } from '../support/dynamo.js';
import { errorCodes, type Execute, type GraphQLResponse } from '../support/graphql.js';
import {
  CREATE_POSTING,
  EMPLOYER_FIELDS,
  employerInput,
  employerWithPosting,
  HIRE,
  POSTING_FIELDS,
  postingInput,
  REGISTER_EMPLOYER,
  startEmployersSubgraph,
} from './employers-fixture.js';

let execute: Execute;
let tables: TestTables;
let tableName: string;

beforeAll(async () => {
  const fixture = await startEmployersSubgraph();
  execute = fixture.execute;
  tables = fixture.tables;
  tableName = fixture.storage.tableName;
  await fixture.registerPeople('per_1', 'per_2', 'per_only');
});

const storedItem = async (key: Record<string, string>) =>
  (await tables.clients.documents.send(new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }))).Item;

const UPDATE_EMPLOYER = /* GraphQL */ `mutation ($input: UpdateEmployerInput!) { updateEmployer(input: $input) { ${EMPLOYER_FIELDS} } }`;
const UPDATE_POSTING = /* GraphQL */ `mutation ($input: UpdateJobPostingInput!) { updateJobPosting(input: $input) { ${POSTING_FIELDS} } }`;
const CLOSE_POSTING = /* GraphQL */ `mutation ($input: CloseJobPostingInput!) { closeJobPosting(input: $input) { ${POSTING_FIELDS} } }`;

/** Asserts one BAD_USER_INPUT error whose first problem is `field`, and returns the message. */
function expectBadInput(response: GraphQLResponse, field: string, message?: RegExp) {
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
  expect(response.errors![0]!.extensions!.field).toBe(field);
  if (message) expect(response.errors![0]!.message).toMatch(message);
}

describe('registerEmployer', () => {
  it('registers an employer and shows the contact person masked', async () => {
    const input = employerInput({ name: ' 济南测试汽车配件有限公司 ', contactPerson: { name: '刘建国', phone: '+8613805310217' } });
    const response = await execute(REGISTER_EMPLOYER, {
      input: { ...input, unifiedSocialCreditCode: input.unifiedSocialCreditCode.toLowerCase().replace(/(.{6})/, '$1 ') },
    });
    expect(response.errors).toBeUndefined();
    expect(response.data.registerEmployer).toEqual({
      id: expect.stringMatching(/^emp_/),
      name: '济南测试汽车配件有限公司',
      unifiedSocialCreditCode: input.unifiedSocialCreditCode,
      industry: 'MANUFACTURING',
      size: 'MEDIUM',
      positionsOffered: 0,
      version: 1,
      region: { code: '370100', name: '济南市', province: '山东省', city: '济南市' },
      contactPerson: { name: '刘**', phone: '138****0217' },
    });
    // Stored whole: the API, not the table, decides what to show.
    expect((await storedItem(employerKey(response.data.registerEmployer.id)))!.contactPerson).toEqual({ name: '刘建国', phone: '13805310217' });
  });

  it('refuses a second registration of a credit code with CONFLICT', async () => {
    const input = employerInput();
    await execute(REGISTER_EMPLOYER, { input });
    const again = await execute(REGISTER_EMPLOYER, { input: { ...input, name: '另一家公司' } });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0]!.extensions!.field).toBe('input.unifiedSocialCreditCode');
  });

  const validCode = makeCreditCode('370100', 'ABCD1234');
  it.each([
    ['an empty name', { name: '  ' }, 'input.name', /must not be empty/],
    ['a name of 101 characters', { name: '企'.repeat(101) }, 'input.name', /at most 100/],
    ['a name with a control character', { name: '公司\u0007' }, 'input.name', /control characters/],
    ['a credit code of 17 characters', { unifiedSocialCreditCode: validCode.slice(0, 17) }, 'input.unifiedSocialCreditCode', /18 characters/],
    [
      'a credit code with a wrong check character',
      { unifiedSocialCreditCode: validCode.slice(0, 17) + (validCode[17] === '0' ? '1' : '0') },
      'input.unifiedSocialCreditCode',
      /check character/,
    ],
    ['a credit code with an I', { unifiedSocialCreditCode: `I${validCode.slice(1)}` }, 'input.unifiedSocialCreditCode', /character 1 \("I"\) is not allowed/],
    ['an unknown region', { regionCode: '999999' }, 'input.regionCode', /not a region code the product knows/],
    ['a province as region', { regionCode: '370000' }, 'input.regionCode', /is a province/],
    ['an empty contact name', { contactPerson: { name: '', phone: '13805310217' } }, 'input.contactPerson.name', /must not be empty/],
    ['a landline as contact phone', { contactPerson: { name: '刘先生', phone: '053188888888' } }, 'input.contactPerson.phone', /mainland mobile number/],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_, override, field, message) => {
    expectBadInput(await execute(REGISTER_EMPLOYER, { input: employerInput(override) }), field, message);
  });

  it('reports every broken rule at once', async () => {
    const response = await execute(REGISTER_EMPLOYER, { input: employerInput({ name: '', regionCode: '1', contactPerson: { name: '', phone: '1' } }) });
    expect(response.errors![0]!.extensions!.problems).toEqual([
      { field: 'input.name', message: 'must not be empty.' },
      { field: 'input.regionCode', message: expect.any(String) },
      { field: 'input.contactPerson.name', message: 'must not be empty.' },
      { field: 'input.contactPerson.phone', message: expect.any(String) },
    ]);
  });
});

describe('updateEmployer', () => {
  it('changes the details, moves the employer between filters and bumps the version', async () => {
    const registered = (await execute(REGISTER_EMPLOYER, { input: employerInput({ regionCode: '370200' }) })).data.registerEmployer;
    const response = await execute(UPDATE_EMPLOYER, { input: { id: registered.id, expectedVersion: 1, regionCode: '330100', size: 'LARGE' } });
    expect(response.data.updateEmployer).toMatchObject({ version: 2, size: 'LARGE', region: { code: '330100', province: '浙江省' } });
    const inZhejiang = await execute('{ employers(filter: { cityCode: "330100" }, first: 100) { edges { node { id } } } }');
    expect(inZhejiang.data.employers.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(registered.id);
    const inQingdao = await execute('{ employers(filter: { cityCode: "370200" }, first: 100) { edges { node { id } } } }');
    expect(inQingdao.data.employers.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(registered.id);
  });

  it('refuses a stale version with CONFLICT and leaves the stored employer unchanged', async () => {
    const registered = (await execute(REGISTER_EMPLOYER, { input: employerInput() })).data.registerEmployer;
    await execute(UPDATE_EMPLOYER, { input: { id: registered.id, expectedVersion: 1, name: '第一次修改' } });
    const before = await storedItem(employerKey(registered.id));
    const stale = await execute(UPDATE_EMPLOYER, { input: { id: registered.id, expectedVersion: 1, name: '第二次修改' } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/was changed by someone else since version 1; reload it/);
    expect(await storedItem(employerKey(registered.id))).toEqual(before);
  });

  it('answers NOT_FOUND for an unknown employer and BAD_USER_INPUT for a bad field', async () => {
    expect(errorCodes(await execute(UPDATE_EMPLOYER, { input: { id: 'emp_missing', expectedVersion: 1 } }))).toEqual(['NOT_FOUND']);
    expectBadInput(await execute(UPDATE_EMPLOYER, { input: { id: 'emp_missing', expectedVersion: 0 } }), 'input.expectedVersion');
    expectBadInput(await execute(UPDATE_EMPLOYER, { input: { id: 'emp_missing', expectedVersion: 1, regionCode: '370000' } }), 'input.regionCode');
  });

  it('keeps positions offered that postings added after the version was read', async () => {
    const { employer } = await employerWithPosting(execute, { headcount: 25 });
    const response = await execute(UPDATE_EMPLOYER, { input: { id: employer.id, expectedVersion: 1, name: '改名后的公司' } });
    expect(response.data.updateEmployer).toMatchObject({ name: '改名后的公司', positionsOffered: 25, version: 2 });
  });
});

describe('createJobPosting', () => {
  it("publishes an OPEN posting with the employer's industry and adds its headcount to the employer's positions", async () => {
    const employer = (await execute(REGISTER_EMPLOYER, { input: employerInput({ industry: 'CONSTRUCTION' }) })).data.registerEmployer;
    const response = await execute(CREATE_POSTING, { input: postingInput(employer.id, { headcount: 12, closingOn: '2017-03-31' }) });
    expect(response.data.createJobPosting).toEqual({
      id: expect.stringMatching(/^job_/),
      title: '电焊工',
      occupation: '焊工',
      industry: 'CONSTRUCTION',
      headcount: 12,
      filled: 0,
      openings: 12,
      monthlyWageMinYuan: 6000,
      monthlyWageMaxYuan: 8000,
      status: 'OPEN',
      postedOn: '2017-02-08',
      closingOn: '2017-03-31',
      requirements: ['18–45 岁'],
      version: 1,
      employer: { id: employer.id },
      workplace: { code: '370100', province: '山东省', city: '济南市' },
      benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY', socialInsurance: true },
    });
    await execute(CREATE_POSTING, { input: postingInput(employer.id, { headcount: 8 }) });
    expect((await execute('query ($id: ID!) { employer(id: $id) { positionsOffered } }', { id: employer.id })).data.employer.positionsOffered).toBe(20);
  });

  it('answers NOT_FOUND for an unknown employer', async () => {
    const response = await execute(CREATE_POSTING, { input: postingInput('emp_missing') });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
    expect(response.errors![0]!.message).toBe('No employer with id "emp_missing" exists.');
  });

  it.each([
    ['an empty title', { title: '' }, 'input.title'],
    ['a title of 101 characters', { title: '工'.repeat(101) }, 'input.title'],
    ['an empty occupation', { occupation: ' ' }, 'input.occupation'],
    ['an occupation of 31 characters', { occupation: '工'.repeat(31) }, 'input.occupation'],
    ['a headcount of 0', { headcount: 0 }, 'input.headcount'],
    ['a headcount of 1001', { headcount: 1001 }, 'input.headcount'],
    ['a minimum wage of 0', { monthlyWageMinYuan: 0 }, 'input.monthlyWageMinYuan'],
    ['a maximum wage above 100000', { monthlyWageMaxYuan: 100_001 }, 'input.monthlyWageMaxYuan'],
    ['a maximum wage below the minimum', { monthlyWageMinYuan: 5000, monthlyWageMaxYuan: 4999 }, 'input.monthlyWageMaxYuan'],
    ['an unknown workplace', { workplaceRegionCode: '000000' }, 'input.workplaceRegionCode'],
    ['a province as workplace', { workplaceRegionCode: '330000' }, 'input.workplaceRegionCode'],
    ['21 requirements', { requirements: Array.from({ length: 21 }, () => '能吃苦') }, 'input.requirements'],
    ['an empty requirement', { requirements: ['能吃苦', ''] }, 'input.requirements[1]'],
    [
      'travel reimbursed after 37 months',
      { benefits: { travelReimbursementAfterMonths: 37, housing: 'NONE', socialInsurance: true } },
      'input.benefits.travelReimbursementAfterMonths',
    ],
    [
      'travel reimbursed after -1 months',
      { benefits: { travelReimbursementAfterMonths: -1, housing: 'NONE', socialInsurance: true } },
      'input.benefits.travelReimbursementAfterMonths',
    ],
    ['a closing date before the posting date', { postedOn: '2017-02-08', closingOn: '2017-02-07' }, 'input.closingOn'],
    ['an empty employer id', { employerId: '' }, 'input.employerId'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_, override, field) => {
    expectBadInput(await execute(CREATE_POSTING, { input: postingInput('emp_any', override) }), field);
  });

  it('rejects a date that is not a calendar date', async () => {
    const response = await execute(CREATE_POSTING, { input: postingInput('emp_any', { postedOn: '2017-02-30' }) });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.message).toMatch(/calendar date written YYYY-MM-DD/);
  });
});

describe('updateJobPosting and closeJobPosting', () => {
  it('changes terms, re-indexes the posting and bumps the version', async () => {
    const { posting } = await employerWithPosting(execute, { occupation: '钳工', monthlyWageMinYuan: 3000, monthlyWageMaxYuan: 3500 });
    const response = await execute(UPDATE_POSTING, {
      input: { id: posting.id, expectedVersion: 1, occupation: '车工', monthlyWageMinYuan: 4100, monthlyWageMaxYuan: 4600, closingOn: '2017-06-30' },
    });
    expect(response.data.updateJobPosting).toMatchObject({
      occupation: '车工',
      monthlyWageMinYuan: 4100,
      monthlyWageMaxYuan: 4600,
      closingOn: '2017-06-30',
      version: 2,
    });
    const found = await execute('{ jobPostings(filter: { occupation: "车工", minimumMonthlyWageYuan: 4100 }, first: 100) { edges { node { id } } } }');
    expect(found.data.jobPostings.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(posting.id);
    const gone = await execute('{ jobPostings(filter: { occupation: "钳工" }, first: 100) { edges { node { id } } } }');
    expect(gone.data.jobPostings.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(posting.id);
  });

  it('refuses a stale version with CONFLICT and leaves the stored posting unchanged', async () => {
    const { posting } = await employerWithPosting(execute);
    await execute(UPDATE_POSTING, { input: { id: posting.id, expectedVersion: 1, title: '焊工（急招）' } });
    const before = await storedItem(postingKey(posting.id));
    const stale = await execute(UPDATE_POSTING, { input: { id: posting.id, expectedVersion: 1, headcount: 99 } });
    expect(errorCodes(stale)).toEqual(['CONFLICT']);
    expect(stale.errors![0]!.message).toMatch(/Job posting ".*" was changed by someone else since version 1/);
    expect(await storedItem(postingKey(posting.id))).toEqual(before);
    const staleClose = await execute(CLOSE_POSTING, { input: { id: posting.id, expectedVersion: 1 } });
    expect(errorCodes(staleClose)).toEqual(['CONFLICT']);
    expect(await storedItem(postingKey(posting.id))).toEqual(before);
  });

  it('keeps the version of a posting across hires, so an update after hires needs no reload', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 2 });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_1', idempotencyKey: `${posting.id}-1` } });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_2', idempotencyKey: `${posting.id}-2` } });
    const raised = await execute(UPDATE_POSTING, { input: { id: posting.id, expectedVersion: 1, headcount: 5 } });
    expect(raised.data.updateJobPosting).toMatchObject({ headcount: 5, filled: 2, openings: 3, status: 'OPEN', version: 2 });
  });

  it('refuses a headcount below the places already filled, naming the field', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 3 });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_1', idempotencyKey: `${posting.id}-a` } });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_2', idempotencyKey: `${posting.id}-b` } });
    expectBadInput(
      await execute(UPDATE_POSTING, { input: { id: posting.id, expectedVersion: 1, headcount: 1 } }),
      'input.headcount',
      /at least the 2 places already filled/,
    );
  });

  it('checks a changed wage bound against the stored other bound', async () => {
    const { posting } = await employerWithPosting(execute, { monthlyWageMinYuan: 5000, monthlyWageMaxYuan: 6000 });
    expectBadInput(
      await execute(UPDATE_POSTING, { input: { id: posting.id, expectedVersion: 1, monthlyWageMinYuan: 6500 } }),
      'input.monthlyWageMaxYuan',
      /at least monthlyWageMinYuan \(6500\)/,
    );
  });

  it('closes a posting: it leaves the OPEN lists, and closing again returns it unchanged', async () => {
    const { posting } = await employerWithPosting(execute, { occupation: '质检员' });
    const closed = await execute(CLOSE_POSTING, { input: { id: posting.id, expectedVersion: 1 } });
    expect(closed.data.closeJobPosting).toMatchObject({ status: 'CLOSED', version: 2 });
    expect(await execute(CLOSE_POSTING, { input: { id: posting.id, expectedVersion: 2 } })).toEqual(closed);
    const open = await execute('{ jobPostings(filter: { occupation: "质检员", status: OPEN }) { edges { node { id } } } }');
    expect(open.data.jobPostings.edges).toEqual([]);
    const closedList = await execute('{ jobPostings(filter: { status: CLOSED }, first: 100) { edges { node { id } } } }');
    expect(closedList.data.jobPostings.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(posting.id);
  });

  it('opens a FILLED posting again when its headcount is raised', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 1 });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_only', idempotencyKey: `${posting.id}-only` } });
    const raised = await execute(UPDATE_POSTING, { input: { id: posting.id, expectedVersion: 1, headcount: 2 } });
    expect(raised.data.updateJobPosting).toMatchObject({ status: 'OPEN', filled: 1, openings: 1 });
  });
});
