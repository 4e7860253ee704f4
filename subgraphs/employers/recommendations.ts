/**
 * Job matching: ranks OPEN postings for a person by occupation match, destination and wage, and
 * gives each the uplift over the same occupation in the person's home county where a like-for-like
 * reference exists (wage-references.ts; never against the provincial all-industry average, which is
 * shown as such). Pure functions; the resolver fetches candidates and hands them here.
 */
import type { PostingCandidate } from './posting-repository.js';
import { averageMonthlyWageYuan } from '../shared/domain/provincial-wages.js';
import { wageReferenceFor, wageUpliftYuan } from '../shared/domain/wage-references.js';

/**
 * A Person as this subgraph sees it: the key, plus the fields `recommendedPostings` @requires, which
 * the gateway fetches from the people subgraph and passes in the representation.
 */
export interface PersonReference {
  readonly __typename?: 'Person';
  readonly id: string;
  readonly skills?: readonly string[] | null;
  readonly hometown?: { readonly code?: string | null; readonly provinceCode?: string | null } | null;
  readonly jobIntention?: {
    readonly occupations?: readonly string[] | null;
    readonly destinationProvinces?: readonly { readonly code: string }[] | null;
    readonly minimumMonthlyWageYuan?: number | null;
  } | null;
}

export type OccupationMatch = 'JOB_INTENTION' | 'SKILL' | 'NONE';

export interface Recommendation {
  readonly postingId: string;
  readonly occupationMatch: OccupationMatch;
  readonly inDestinationProvince: boolean;
  readonly hometownAverageMonthlyWageYuan: number | null;
  readonly monthlyWageUpliftYuan: number | null;
  /** What `monthlyWageUpliftYuan` is measured against; null with it. */
  readonly wageReferenceLabel: string | null;
}

export const RECOMMENDATIONS = { default: 5, max: 20 } as const;

/** The occupations worth a targeted query for this person: intended ones, then skills. */
export function occupationsOf(person: PersonReference): { intended: string[]; skills: string[] } {
  const intended = [...new Set(person.jobIntention?.occupations ?? [])];
  const skills = [...new Set(person.skills ?? [])].filter((skill) => !intended.includes(skill));
  return { intended, skills };
}

/** Integer yuan: the middle of the range, rounded down, so the figure is never a float. */
export const midRangeWageYuan = (candidate: Pick<PostingCandidate, 'monthlyWageMinYuan' | 'monthlyWageMaxYuan'>) =>
  Math.floor((candidate.monthlyWageMinYuan + candidate.monthlyWageMaxYuan) / 2);

const MATCH_ORDER: Record<OccupationMatch, number> = { JOB_INTENTION: 0, SKILL: 1, NONE: 2 };

/**
 * The best `first` of `candidates` for `person`, in order: occupation match (intention, skill,
 * none), then workplace in a wanted province, then mid-range wage, then id for a stable order. Postings whose best wage is below the person's lowest
 * acceptable wage are left out.
 */
export function rankPostings(person: PersonReference, candidates: readonly PostingCandidate[], first: number): Recommendation[] {
  const { intended, skills } = occupationsOf(person);
  const destinations = new Set((person.jobIntention?.destinationProvinces ?? []).map((region) => region.code));
  const minimumWage = person.jobIntention?.minimumMonthlyWageYuan ?? 0;
  const provinceCode = person.hometown?.provinceCode;
  const reference = provinceCode ? averageMonthlyWageYuan(provinceCode) : null;

  const unique = [...new Map(candidates.map((candidate) => [candidate.postingId, candidate])).values()];
  const ranked = unique
    .filter((candidate) => candidate.monthlyWageMaxYuan >= minimumWage)
    .map((candidate) => {
      const occupationMatch: OccupationMatch = intended.includes(candidate.occupation)
        ? 'JOB_INTENTION'
        : skills.includes(candidate.occupation)
          ? 'SKILL'
          : 'NONE';
      const wage = midRangeWageYuan(candidate);
      const like = wageReferenceFor({ sendingCountyCode: person.hometown?.code, occupation: candidate.occupation });
      return {
        recommendation: {
          postingId: candidate.postingId,
          occupationMatch,
          inDestinationProvince: destinations.has(candidate.workplaceProvinceCode),
          hometownAverageMonthlyWageYuan: reference,
          monthlyWageUpliftYuan: wageUpliftYuan(wage, like),
          wageReferenceLabel: like?.label ?? null,
        },
        wage,
      };
    });
  ranked.sort(
    (a, b) =>
      MATCH_ORDER[a.recommendation.occupationMatch] - MATCH_ORDER[b.recommendation.occupationMatch] ||
      Number(b.recommendation.inDestinationProvince) - Number(a.recommendation.inDestinationProvince) ||
      b.wage - a.wage ||
      a.recommendation.postingId.localeCompare(b.recommendation.postingId),
  );
  return ranked.slice(0, first).map((entry) => entry.recommendation);
}
