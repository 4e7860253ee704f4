import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { hireRequestKey, personHiresKey, postingKey } from '../../subgraphs/employers/keys.js';
import { errorCodes, type Execute } from '../support/graphql.js';
import type { TestTables } from '../support/dynamo.js';
import { employerWithPosting, HIRE, startEmployersSubgraph } from './employers-fixture.js';

let execute: Execute;
let tables: TestTables;
let tableName: string;

beforeAll(async () => {
  const fixture = await startEmployersSubgraph();
  execute = fixture.execute;
  tables = fixture.tables;
  tableName = fixture.storage.tableName;
  // The people these tests hire, as the people table's stream reports them (hire refuses anyone else).
  await fixture.registerPeople(
    ...Array.from({ length: 50 }, (_, i) => `per_concurrent_${i}`),
    ...['per_replayed', 'per_double_click', 'per_last_place', 'per_a', 'per_b', 'per_twice', 'per_x', 'per_busy'],
  );
});

/** Every stored item under the posting's partition: the posting, its facets and its hires. */
async function postingItems(postingId: string) {
  const { Items = [] } = await tables.clients.documents.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': postingKey(postingId).pk },
      ConsistentRead: true,
    }),
  );
  return Items;
}

/** The whole table, for "nothing else was written" checks in tests only (never in a request path). */
async function tableSnapshot() {
  const { Items = [] } = await tables.clients.documents.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }));
  return Items.sort((a, b) => `${a.pk}|${a.sk}`.localeCompare(`${b.pk}|${b.sk}`));
}

const POSTING = /* GraphQL */ `
  query ($id: ID!) { jobPosting(id: $id) { filled openings status headcount version hires { id person { id } hiredAt } } }
`;

describe('hire', () => {
  it('lets exactly 10 of 50 concurrent hires into a posting with 10 places succeed; the other 40 are told the posting is full', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 10 });
    const people = Array.from({ length: 50 }, (_, i) => `per_concurrent_${i}`);

    const responses = await Promise.all(
      people.map((personId, i) => execute(HIRE, { input: { postingId: posting.id, personId, idempotencyKey: `concurrent-${i}` } })),
    );

    const succeeded = responses.filter((r) => !r.errors);
    const failed = responses.filter((r) => r.errors);
    expect(succeeded).toHaveLength(10);
    expect(failed).toHaveLength(40);
    for (const response of failed) {
      expect(errorCodes(response)).toEqual(['CONFLICT']);
      expect(response.errors![0]!.message).toBe(`Job posting "${posting.id}" is full: all 10 places are filled. Choose another posting.`);
    }
    const stored = await execute(POSTING, { id: posting.id });
    expect(stored.data.jobPosting).toMatchObject({ filled: 10, openings: 0, status: 'FILLED', headcount: 10, version: 1 });
    const hiredIds = succeeded.map((r) => r.data.hire.person.id).sort();
    expect(stored.data.jobPosting.hires.map((h: { person: { id: string } }) => h.person.id).sort()).toEqual(hiredIds);
    expect((await postingItems(posting.id)).filter((item) => item.entity === 'Hire')).toHaveLength(10);
    // DynamoDB Local runs the ~60 transactions one at a time: slow when other test files run beside it.
  }, 120_000);

  it('answers a replayed idempotency key with the first hire and writes nothing', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 3 });
    const input = { postingId: posting.id, personId: 'per_replayed', idempotencyKey: 'replay-1' };
    const first = await execute(HIRE, { input });
    expect(first.errors).toBeUndefined();
    const before = await tableSnapshot();

    const replays = await Promise.all([execute(HIRE, { input }), execute(HIRE, { input })]);

    for (const replay of replays) expect(replay).toEqual(first);
    expect(await tableSnapshot()).toEqual(before);
    expect(first.data.hire.posting).toEqual({ id: posting.id, filled: 1, openings: 2, status: 'OPEN' });
  });

  it('settles concurrent first calls with one key into one hire', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 5 });
    const input = { postingId: posting.id, personId: 'per_double_click', idempotencyKey: 'double-click' };
    const responses = await Promise.all(Array.from({ length: 5 }, () => execute(HIRE, { input })));
    for (const response of responses) expect(response.data.hire.id).toBe(responses[0]!.data.hire.id);
    expect((await execute(POSTING, { id: posting.id })).data.jobPosting.filled).toBe(1);
  });

  it('still returns the first hire for its key after the posting filled up', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 1 });
    const input = { postingId: posting.id, personId: 'per_last_place', idempotencyKey: 'last-place' };
    const first = await execute(HIRE, { input });
    expect(first.data.hire.posting.status).toBe('FILLED');
    expect(await execute(HIRE, { input })).toEqual(first);
  });

  it('rejects a key reused for another person with CONFLICT naming the key, and writes nothing', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 3 });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_a', idempotencyKey: 'reused' } });
    const before = await tableSnapshot();
    const response = await execute(HIRE, { input: { postingId: posting.id, personId: 'per_b', idempotencyKey: 'reused' } });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0]!.extensions!.field).toBe('input.idempotencyKey');
    expect(response.errors![0]!.message).toMatch(/^input\.idempotencyKey: you already used this key to hire person "per_a"/);
    expect(await tableSnapshot()).toEqual(before);
  });

  it('hires a person into a posting once: a second hire with a new key is a CONFLICT', async () => {
    const { posting } = await employerWithPosting(execute, { headcount: 3 });
    await execute(HIRE, { input: { postingId: posting.id, personId: 'per_twice', idempotencyKey: 'twice-1' } });
    const response = await execute(HIRE, { input: { postingId: posting.id, personId: 'per_twice', idempotencyKey: 'twice-2' } });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0]!.message).toMatch(/already hired into job posting/);
    expect(response.errors![0]!.extensions!.field).toBe('input.personId');
    expect((await execute(POSTING, { id: posting.id })).data.jobPosting.filled).toBe(1);
  });

  it('refuses a closed posting with CONFLICT and an unknown one with NOT_FOUND', async () => {
    const { posting } = await employerWithPosting(execute);
    await execute('mutation ($id: ID!) { closeJobPosting(input: { id: $id, expectedVersion: 1 }) { status } }', { id: posting.id });
    const closed = await execute(HIRE, { input: { postingId: posting.id, personId: 'per_x', idempotencyKey: 'closed-1' } });
    expect(errorCodes(closed)).toEqual(['CONFLICT']);
    expect(closed.errors![0]!.message).toMatch(/is closed and takes no hires/);
    const unknown = await execute(HIRE, { input: { postingId: 'job_missing', personId: 'per_x', idempotencyKey: 'missing-1' } });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);
    expect(
      await tables.clients.documents.send(
        new QueryCommand({
          TableName: tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': hireRequestKey('test-user', 'closed-1').pk },
        }),
      ),
    ).toMatchObject({ Count: 0 });
  });

  it.each([
    ['an empty idempotency key', { idempotencyKey: '' }, 'input.idempotencyKey'],
    ['a key of 101 characters', { idempotencyKey: 'k'.repeat(101) }, 'input.idempotencyKey'],
    ['an empty person id', { personId: '' }, 'input.personId'],
    ['an empty posting id', { postingId: '' }, 'input.postingId'],
  ])('rejects %s with BAD_USER_INPUT naming the field', async (_, override, field) => {
    const response = await execute(HIRE, { input: { postingId: 'job_x', personId: 'per_x', idempotencyKey: 'valid', ...override } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0]!.extensions!.field).toBe(field);
  });

  it("lists a person's hires across postings, oldest first, from one item per person", async () => {
    const one = await employerWithPosting(execute);
    const two = await employerWithPosting(execute);
    await execute(HIRE, { input: { postingId: one.posting.id, personId: 'per_busy', idempotencyKey: 'busy-1' } });
    await execute(HIRE, { input: { postingId: two.posting.id, personId: 'per_busy', idempotencyKey: 'busy-2' } });
    const response = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id hires { posting { id } person { id } } } } }', {
      r: [
        { __typename: 'Person', id: 'per_busy' },
        { __typename: 'Person', id: 'per_nobody' },
      ],
    });
    expect(response.data._entities).toEqual([
      {
        id: 'per_busy',
        hires: [
          { posting: { id: one.posting.id }, person: { id: 'per_busy' } },
          { posting: { id: two.posting.id }, person: { id: 'per_busy' } },
        ],
      },
      { id: 'per_nobody', hires: [] },
    ]);
    const { Items = [] } = await tables.clients.documents.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': personHiresKey('per_busy').pk } }),
    );
    // Beside the hire list, the partition holds only the projection item saying the person exists.
    expect(Items.map((item) => item.sk).sort()).toEqual(['HIRES', 'KNOWN']);
  });
});
