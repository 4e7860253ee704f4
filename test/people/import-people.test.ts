/**
 * importPeople through the people subgraph's handler on DynamoDB Local: each row's own result,
 * idempotent on re-import, the same checks as registerPerson (fields, province, the refusal limit),
 * and few DynamoDB round trips for a batch of 100.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type Execute } from '../support/graphql.js';
import { personInput, startPeopleSubgraph } from './people-fixture.js';

let execute: Execute;
let fixture: Awaited<ReturnType<typeof startPeopleSubgraph>>;

const IMPORT = /* GraphQL */ `
  mutation ($input: ImportPeopleInput!) {
    importPeople(input: $input) { created unchanged failed rows { index outcome personId code field message } }
  }
`;
type Row = { index: number; outcome: string; personId: string | null; code: string | null; field: string | null; message: string | null };

beforeAll(async () => {
  fixture = await startPeopleSubgraph();
  execute = fixture.execute;
});

describe('importPeople', () => {
  it('creates 100 rows in one call, answers each row, and a second import changes nothing', async () => {
    const rows = Array.from({ length: 100 }, () => personInput());
    const first = await execute(IMPORT, { input: { rows } });
    expect(first.errors).toBeUndefined();
    expect(first.data.importPeople).toMatchObject({ created: 100, unchanged: 0, failed: 0 });
    const ids = (first.data.importPeople.rows as Row[]).map((r) => r.personId);
    expect(new Set(ids).size).toBe(100);
    expect((first.data.importPeople.rows as Row[]).map((r) => r.index)).toEqual(rows.map((_, i) => i));

    const second = await execute(IMPORT, { input: { rows } });
    expect(second.data.importPeople).toMatchObject({ created: 0, unchanged: 100, failed: 0 });
    expect((second.data.importPeople.rows as Row[]).map((r) => r.personId)).toEqual(ids);

    // Each created person is whole, with the index items a search finds them by.
    const stored = await execute('query ($id: ID!) { person(id: $id) { name idNumber hometown { code } } }', { id: ids[42] });
    expect(stored.data.person).toEqual({ name: rows[42]!.name, idNumber: rows[42]!.idNumber, hometown: { code: '500230' } });
    // About 1,000 items written by DynamoDB Local: its pace on a loaded 2-core machine, not a round-trip count, sets the time.
  }, 180_000);

  it('fails only the bad rows, each with its code, field and reason; a repeated ID number in one batch is reported once', async () => {
    const good = personInput();
    const rows = [
      good,
      personInput({ phone: '1381234' }),
      personInput({ hometownCountyCode: '500000' }),
      // Sichuan's hometown: a Chongqing caseworker may not register them.
      personInput({ hometownCountyCode: '513431', idNumber: personInput({}).idNumber.replace(/^500230/, '513431') }),
      { ...good, name: '同号另一人' },
    ];
    const response = await execute(IMPORT, { input: { rows } });
    expect(response.errors).toBeUndefined();
    const answer = response.data.importPeople as { created: number; unchanged: number; failed: number; rows: Row[] };
    expect({ created: answer.created, unchanged: answer.unchanged, failed: answer.failed }).toEqual({ created: 1, unchanged: 0, failed: 4 });
    expect(answer.rows.map((r) => [r.index, r.outcome, r.code, r.field])).toEqual([
      [0, 'CREATED', null, null],
      [1, 'FAILED', 'BAD_USER_INPUT', 'input.phone'],
      [2, 'FAILED', 'BAD_USER_INPUT', 'input.hometownCountyCode'],
      [3, 'FAILED', 'FORBIDDEN', null],
      [4, 'FAILED', 'CONFLICT', 'idNumber'],
    ]);
    expect(answer.rows[4]!.message).toBe('idNumber: the same resident ID number as row 0 of this batch; each person once.');
    expect(answer.rows[3]!.message).toMatch(/hometown province \(510000\)/);
  });

  it('refuses an empty or too long batch, and a caller without people:write', async () => {
    const empty = await execute(IMPORT, { input: { rows: [] } });
    expect(errorCodes(empty)).toEqual(['BAD_USER_INPUT']);
    expect(empty.errors?.[0]?.message).toMatch(/input\.rows: must have 1–100 rows; send a longer file in chunks\./);
    const long = await execute(IMPORT, { input: { rows: Array.from({ length: 101 }, () => personInput()) } });
    expect(errorCodes(long)).toEqual(['BAD_USER_INPUT']);
    const employer = fixture.executeAs({ roles: ['employer'], employerId: 'emp_x' });
    expect(errorCodes(await employer(IMPORT, { input: { rows: [personInput()] } }))).toEqual(['FORBIDDEN']);
  });

  it('tells another province’s caseworker no more than registerPerson does: a counted refusal, not the person', async () => {
    const rows = [personInput()];
    await execute(IMPORT, { input: { rows } });
    // Sichuan's caseworker importing a Chongqing worker: refused for the province before any lookup.
    const sichuan = fixture.executeAs({ roles: ['caseworker'], provinces: ['510000'] });
    const response = await sichuan(IMPORT, { input: { rows } });
    expect((response.data.importPeople.rows as Row[]).map((r) => [r.outcome, r.code, r.personId])).toEqual([['FAILED', 'FORBIDDEN', null]]);
    // An admin who registered nobody still meets the person: admins may read everyone, so UNCHANGED with the id.
    const admin = fixture.executeAs({ roles: ['admin'] });
    const again = await admin(IMPORT, { input: { rows } });
    expect((again.data.importPeople.rows as Row[])[0]).toMatchObject({ outcome: 'UNCHANGED', personId: expect.stringMatching(/^per_/) });
  });
});
