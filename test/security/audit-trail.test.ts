import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { personInput, REGISTER, startPeopleSubgraph } from '../people/people-fixture.js';

let fixture: Awaited<ReturnType<typeof startPeopleSubgraph>>;

beforeAll(async () => {
  fixture = await startPeopleSubgraph();
});

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

describe('the audit trail of personal data', () => {
  it('records who changed whom, when, and in which request, for every successful mutation', async () => {
    const registered = await fixture.execute(REGISTER, { input: personInput() }, { 'x-request-id': 'audit-req-1' });
    const id = registered.data.registerPerson.id;
    await fixture.execute(
      'mutation ($i: UpdatePersonInput!) { updatePerson(input: $i) { version } }',
      { i: { id, expectedVersion: 1, name: '改名' } },
      { 'x-request-id': 'audit-req-2' },
    );
    const entries = await auditOf(id);
    expect(entries.map(({ operation, requestId, subject, roles, targetId }) => ({ operation, requestId, subject, roles, targetId }))).toEqual([
      { operation: 'registerPerson', requestId: 'audit-req-1', subject: 'test-user', roles: ['caseworker', 'program_officer'], targetId: id },
      { operation: 'updatePerson', requestId: 'audit-req-2', subject: 'test-user', roles: ['caseworker', 'program_officer'], targetId: id },
    ]);
    for (const entry of entries) expect(Date.now() - Date.parse(entry.at as string)).toBeLessThan(60_000);
  });

  it('records nothing for a mutation that failed', async () => {
    const id = (await fixture.execute(REGISTER, { input: personInput() })).data.registerPerson.id;
    const stale = await fixture.execute('mutation ($i: UpdatePersonInput!) { updatePerson(input: $i) { version } }', {
      i: { id, expectedVersion: 7, name: '不写' },
    });
    expect(stale.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await auditOf(id)).map((e) => e.operation)).toEqual(['registerPerson']);
  });

  it('is reachable through no API: the schema has no audit type or field', () => {
    const sdl = readFileSync(new URL('../../subgraphs/people/schema.graphql', import.meta.url), 'utf8');
    expect(sdl).not.toMatch(/audit/i);
  });
});
