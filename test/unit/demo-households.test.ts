import { describe, expect, it } from 'vitest';
import {
  DEMO_PEOPLE_COUNT,
  demoHouseholds,
  demoPersonId,
  generateFairWorkers,
  generatePeople,
  ZHEJIANG_SICHUAN_FAIR_WORKERS,
} from '../../scripts/demo/people.js';

describe('the people demo', () => {
  it('puts nobody in a household whose registration contradicts their registered-poor status', () => {
    const people = generatePeople(DEMO_PEOPLE_COUNT);
    const byId = new Map(people.map((p) => [demoPersonId(p), p]));
    const households = demoHouseholds(people);
    const disagreeing = households.flatMap((h) => h.memberIds.filter((id) => byId.get(id)!.povertyRegistered !== (h.povertyStatus === 'REGISTERED')));
    expect(disagreeing).toEqual([]);
    expect(households.flatMap((h) => h.memberIds).sort()).toEqual([...byId.keys()].sort());
    expect(households.every((h) => h.memberIds.every((id) => byId.get(id)!.hometownCode === h.regionCode))).toBe(true);
  });

  it('has the article’s 4,112 people with intentions at the Zhejiang–Sichuan fair, 1,096 of them registered poor', () => {
    const workers = generateFairWorkers();
    expect(workers).toHaveLength(4_112);
    expect(new Set(workers.map(demoPersonId)).size).toBe(4_112);
    expect(workers.filter((w) => w.povertyRegistered)).toHaveLength(1_096);
    expect(ZHEJIANG_SICHUAN_FAIR_WORKERS.intentionsEach).toBe(1);
  });
});
