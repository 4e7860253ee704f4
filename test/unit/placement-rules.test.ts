import { describe, expect, it } from 'vitest';
import {
  allowedNext,
  isLegalTransition,
  monthsBetween,
  socialInsuranceSubsidy,
  travelReimbursementDecision,
  type PlacementStatus,
} from '../../subgraphs/programs/placement-rules.js';

const ALL: PlacementStatus[] = ['INTENT', 'HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_12M', 'LEFT'];
const LEGAL = new Set([
  'INTENT>HIRED',
  'HIRED>REGISTERED',
  'REGISTERED>RETAINED_3M',
  'RETAINED_3M>RETAINED_6M',
  'RETAINED_6M>RETAINED_12M',
  'HIRED>LEFT',
  'REGISTERED>LEFT',
  'RETAINED_3M>LEFT',
  'RETAINED_6M>LEFT',
  'RETAINED_12M>LEFT',
]);

describe('placement transitions', () => {
  for (const from of ALL) {
    for (const to of ALL) {
      const legal = LEGAL.has(`${from}>${to}`);
      it(`${legal ? 'allows' : 'refuses'} ${from} → ${to}`, () => expect(isLegalTransition(from, to)).toBe(legal));
    }
  }
  it('lists the next statuses of an employed placement', () => expect(allowedNext('REGISTERED')).toEqual(['RETAINED_3M', 'LEFT']));
});

describe('social insurance subsidy (Shanxi rule)', () => {
  it('pays month 36 and refuses month 37', () => {
    expect(socialInsuranceSubsidy({ registeredPoor: true, month: 36, contributionFen: 30_000 })).toEqual({ eligible: true, subsidyFen: 20_000 });
    expect(socialInsuranceSubsidy({ registeredPoor: true, month: 37, contributionFen: 30_000 }).eligible).toBe(false);
  });
  it('rounds 2/3 down to the fen', () => {
    expect(socialInsuranceSubsidy({ registeredPoor: true, month: 1, contributionFen: 100 })).toEqual({ eligible: true, subsidyFen: 66 });
    expect(socialInsuranceSubsidy({ registeredPoor: true, month: 1, contributionFen: 1 })).toEqual({ eligible: true, subsidyFen: 0 });
    expect(socialInsuranceSubsidy({ registeredPoor: true, month: 1, contributionFen: 2 })).toEqual({ eligible: true, subsidyFen: 1 });
  });
  it('refuses people who are not registered poor', () => {
    expect(socialInsuranceSubsidy({ registeredPoor: false, month: 1, contributionFen: 30_000 })).toEqual({
      eligible: false,
      reason: 'the subsidy is only for registered-poor workers.',
    });
  });
});

describe('travel reimbursement', () => {
  it('counts whole calendar months', () => {
    expect(monthsBetween('2017-03-15T00:00:00.000Z', '2017-06-14T23:00:00.000Z')).toBe(2);
    expect(monthsBetween('2017-03-15T00:00:00.000Z', '2017-06-15T00:00:00.000Z')).toBe(3);
  });
  it('is refused the day before the required months and granted on the day', () => {
    expect(travelReimbursementDecision('2017-03-15T00:00:00.000Z', 3, '2017-06-14T00:00:00.000Z').eligible).toBe(false);
    expect(travelReimbursementDecision('2017-03-15T00:00:00.000Z', 3, '2017-06-15T00:00:00.000Z')).toEqual({ eligible: true, monthsWorked: 3 });
  });
  it('is refused when the posting does not reimburse travel', () => {
    expect(travelReimbursementDecision('2017-03-15T00:00:00.000Z', null, '2018-03-15T00:00:00.000Z')).toEqual({
      eligible: false,
      reason: 'the posting does not reimburse travel.',
    });
  });
});
