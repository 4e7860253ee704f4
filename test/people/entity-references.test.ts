import { beforeAll, describe, expect, it } from 'vitest';
import { demoPersonId, generatePeople } from '../../scripts/demo/people.js';
import type { Execute } from '../support/graphql.js';
import type { CallCounter } from '../support/dynamo.js';
import { startPeopleSubgraph } from './people-fixture.js';

let execute: Execute;
let calls: CallCounter;
// The first 250 of the demo's generated people: the shared demo tables hold them (and more).
const people = generatePeople(250);

beforeAll(async () => {
  const fixture = await startPeopleSubgraph({ sharedDemo: true });
  execute = fixture.execute;
  calls = fixture.tables.calls;
});

const ENTITIES = /* GraphQL */ `
  query ($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on Person { id name household { id members { id } } } }
  }
`;

describe('Person references (_entities)', () => {
  it('resolves 250 references in 3 BatchGetItem calls, and their households in 1 more per 100', async () => {
    const representations = people.map((p) => ({ __typename: 'Person', id: demoPersonId(p) }));
    calls.reset();
    const response = await execute(ENTITIES, { representations });
    expect(response.errors).toBeUndefined();
    expect(response.data._entities).toHaveLength(250);
    expect(response.data._entities.map((e: { id: string }) => e.id)).toEqual(representations.map((r) => r.id));
    expect(response.data._entities.map((e: { name: string }) => e.name)).toEqual(people.map((p) => p.name));
    // 250 people: 3 calls. Their households: 1 call per 100. Members already read are in the
    // request's loader cache; the others (of the demo's later people): 1 call per 100.
    const entities = response.data._entities as { id: string; household: { id: string; members: { id: string }[] } | null }[];
    const households = new Set(entities.flatMap((e) => (e.household ? [e.household.id] : [])));
    const asked = new Set(entities.map((e) => e.id));
    const others = new Set(entities.flatMap((e) => e.household?.members.map((m) => m.id) ?? []).filter((id) => !asked.has(id)));
    expect(households.size).toBeGreaterThan(50);
    expect(Object.fromEntries(calls.counts)).toEqual({ BatchGetItem: 3 + Math.ceil(households.size / 100) + Math.ceil(others.size / 100) });
  });

  it('reads each distinct id once: 250 references to 10 people take one call', async () => {
    const representations = Array.from({ length: 250 }, (_, i) => ({ __typename: 'Person', id: demoPersonId(people[i % 10]!) }));
    calls.reset();
    const response = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }', { r: representations });
    expect(response.data._entities).toHaveLength(250);
    expect(Object.fromEntries(calls.counts)).toEqual({ BatchGetItem: 1 });
  });

  it('returns null for a reference to a person that does not exist', async () => {
    const response = await execute('query ($r: [_Any!]!) { _entities(representations: $r) { ... on Person { id } } }', {
      r: [
        { __typename: 'Person', id: 'per_missing' },
        { __typename: 'Person', id: demoPersonId(people[0]!) },
      ],
    });
    expect(response.data._entities).toEqual([null, { id: demoPersonId(people[0]!) }]);
  });
});
