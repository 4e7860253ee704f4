import { describe, expect, it } from 'vitest';
import { type CAMPAIGNS, generateDemoEmployers, HAOMAN, haomanId, splitTotal } from '../../scripts/demo/employers.js';
import { creditCodeProblem } from '../../subgraphs/employers/social-credit-code.js';
import { findRegion } from '../../subgraphs/shared/domain/regions.js';
import { SeededRandom } from '../../scripts/demo/seeded-random.js';

const demo = generateDemoEmployers();
const positionsOf = (campaign: keyof typeof CAMPAIGNS) => {
  const ids = new Set(demo.campaigns[campaign]);
  return demo.postings.filter((p) => ids.has(p.employerId)).reduce((sum, p) => sum + p.headcount, 0);
};

describe('the employers demo data generator', () => {
  it("matches the article's counts and totals exactly", () => {
    expect(demo.campaigns.shandong).toHaveLength(212);
    expect(positionsOf('shandong')).toBe(20_605);
    expect(demo.campaigns.zhejiang).toHaveLength(122);
    expect(positionsOf('zhejiang')).toBe(13_000);
    expect(demo.campaigns.yichang.length).toBeGreaterThan(200);
    expect(demo.campaigns.xiaogan.length).toBeGreaterThan(30);
    expect(demo.campaigns.nanjing.length).toBeGreaterThan(0);
    expect(demo.campaigns.shandong).toContain(haomanId());
  });

  it('is deterministic, and every employer and posting is valid as the API would accept it', () => {
    expect(generateDemoEmployers()).toEqual(demo);
    expect(new Set(demo.employers.map((e) => e.unifiedSocialCreditCode)).size).toBe(demo.employers.length);
    expect(new Set(demo.employers.map((e) => e.name)).size).toBe(demo.employers.length);
    for (const employer of demo.employers) {
      expect(creditCodeProblem(employer.unifiedSocialCreditCode)).toBeNull();
      expect(findRegion(employer.regionCode)?.city).not.toBeNull();
      const postings = demo.postings.filter((p) => p.employerId === employer.id);
      expect(employer.positionsOffered).toBe(postings.reduce((sum, p) => sum + p.headcount, 0));
    }
    for (const posting of demo.postings) {
      expect(posting.headcount).toBeGreaterThanOrEqual(1);
      expect(posting.headcount).toBeLessThanOrEqual(1000);
      expect(posting.monthlyWageMinYuan).toBeLessThanOrEqual(posting.monthlyWageMaxYuan);
    }
  });

  it('gives Haoman Auto Parts welder postings with travel reimbursed after 3 months', () => {
    const haoman = demo.postings.filter((p) => p.employerId === haomanId());
    expect(haoman.map((p) => [p.occupation, p.headcount])).toEqual(HAOMAN.postings.map((p) => [p.occupation, p.headcount]));
    expect(haoman.filter((p) => p.occupation === '焊工')).toHaveLength(2);
    for (const posting of haoman) expect(posting.benefits.travelReimbursementAfterMonths).toBe(3);
  });
});

describe('splitTotal', () => {
  it('splits a total into parts of at least the minimum that add up exactly', () => {
    const parts = splitTotal(new SeededRandom(1), 20_515, 211, 10);
    expect(parts).toHaveLength(211);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(20_515);
    expect(Math.min(...parts)).toBeGreaterThanOrEqual(10);
    expect(() => splitTotal(new SeededRandom(1), 5, 3, 2)).toThrow('Cannot split 5 into 3 parts of at least 2.');
  });
});
