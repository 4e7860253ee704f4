import { describe, expect, it } from 'vitest';
import {
  allDemoHouseholds,
  DEMO_PEOPLE_COUNT,
  demoHouseholds,
  demoPersonId,
  generateFairWorkers,
  generatePeople,
  NAMED_PEOPLE,
  ZHEJIANG_SICHUAN_FAIR_WORKERS,
} from '../../scripts/demo/people.js';
import { householdStatusOn } from '../../subgraphs/people/household-repository.js';

describe('the people demo', () => {
  it('puts nobody in a household whose registration contradicts their registered-poor status', () => {
    const people = generatePeople(DEMO_PEOPLE_COUNT);
    const byId = new Map(people.map((p) => [demoPersonId(p), p]));
    const households = demoHouseholds(people);
    const disagreeing = households.flatMap((h) => h.memberIds.filter((id) => byId.get(id)!.povertyRegistered !== (householdStatusOn(h) === 'REGISTERED')));
    expect(disagreeing).toEqual([]);
    expect(households.flatMap((h) => h.memberIds).sort()).toEqual([...byId.keys()].sort());
    expect(households.every((h) => h.memberIds.every((id) => byId.get(id)!.hometownCode === h.regionCode))).toBe(true);
  });

  it('gives every registered-poor person a registered household, the fair workers and the named workers included, and nobody two', () => {
    const generated = generatePeople(DEMO_PEOPLE_COUNT);
    const fair = generateFairWorkers();
    const households = allDemoHouseholds(generated, fair);
    const memberships = households.flatMap((h) => h.memberIds);
    expect(new Set(memberships).size).toBe(memberships.length);
    const registered = new Set(households.filter((h) => householdStatusOn(h) === 'REGISTERED').flatMap((h) => h.memberIds));
    const poor = [...NAMED_PEOPLE, ...generated, ...fair].filter((p) => p.povertyRegistered).map(demoPersonId);
    expect([...registered].sort()).toEqual([...new Set(poor)].sort());
    // The 1,096 registered-poor fair workers are in households; the other 3,016 need none (no household: not registered).
    expect(fair.filter((w) => registered.has(demoPersonId(w)))).toHaveLength(1_096);
    expect(fair.filter((w) => memberships.includes(demoPersonId(w)))).toHaveLength(1_096);
  });

  it('has the article’s 4,112 people with intentions at the Zhejiang–Sichuan fair, 1,096 of them registered poor', () => {
    const workers = generateFairWorkers();
    expect(workers).toHaveLength(4_112);
    expect(new Set(workers.map(demoPersonId)).size).toBe(4_112);
    expect(workers.filter((w) => w.povertyRegistered)).toHaveLength(1_096);
    expect(ZHEJIANG_SICHUAN_FAIR_WORKERS.intentionsEach).toBe(1);
  });
});
