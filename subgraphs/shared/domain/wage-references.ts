/**
 * Like-for-like wage references: what the same kind of job pays in the sending region, stored as
 * data with its source, so that a wage uplift compares like with like. A provincial all-industry
 * average (provincial-wages.ts) is not such a reference: it made every Zhejiang–Sichuan hire look
 * 2,085 yuan worse off. Where no reference below applies, the API gives no uplift at all (null),
 * never a figure against something else.
 *
 * Two kinds, the two the article gives:
 * - per sending county × occupation ("a Fengdu welder": Wang Longbiao's Shandong job pays 4,000+
 *   more than welding in Fengdu);
 * - per program, for "similar jobs in the sending region" (Shandong's jobs, 3,000+ a month, are
 *   about 1,000 above similar jobs in Chongqing).
 * The article states differences, not the home wages: each home wage here is derived from the
 * stated difference (offered − difference) and says so in `derivation`.
 */
import { ARTICLE_SOURCE } from './poverty-designations.js';

export type WageReferenceBasis = 'COUNTY_OCCUPATION' | 'PROGRAM_SIMILAR_JOBS';

export interface WageReferenceRecord {
  readonly basis: WageReferenceBasis;
  /** What the reference wage is the wage of, e.g. "焊工 in 丰都县". */
  readonly label: string;
  readonly monthlyWageYuan: number;
  readonly source: string;
  /** How the figure follows from the source. */
  readonly derivation: string;
}

interface CountyOccupationReference extends WageReferenceRecord {
  readonly countyCode: string;
  readonly occupation: string;
}

/**
 * A program's "similar jobs in the sending region" reference: stored on the program record (the
 * programs table), set by whoever runs the program; `comparedMonthlyWageYuan` is the offered wage the
 * source compares with it, e.g. Shandong's "3,000+ a month".
 */
export interface ProgramWageReference extends WageReferenceRecord {
  readonly basis: 'PROGRAM_SIMILAR_JOBS';
  readonly comparedMonthlyWageYuan: number;
}

const COUNTY_OCCUPATION: readonly CountyOccupationReference[] = [
  {
    basis: 'COUNTY_OCCUPATION',
    countyCode: '500230',
    occupation: '焊工',
    label: '焊工 in 丰都县 (Fengdu County)',
    monthlyWageYuan: 2_000,
    source: `${ARTICLE_SOURCE}：焊工岗位工资比在丰都当地高4000多元`,
    derivation:
      "Haoman's welder posting pays from 6,000 yuan; the article puts it 4,000+ above welding in Fengdu, so Fengdu's welder wage is taken as 6,000 − 4,000.",
  },
];

/** The Chongqing–Shandong program's reference as the article states it (the demo stores it on the program). */
export const CHONGQING_SHANDONG_SIMILAR_JOBS: ProgramWageReference = {
  basis: 'PROGRAM_SIMILAR_JOBS',
  label: '重庆同类岗位 (similar jobs in Chongqing)',
  monthlyWageYuan: 2_000,
  comparedMonthlyWageYuan: 3_000,
  source: `${ARTICLE_SOURCE}：月均工资3000元以上，比重庆同类岗位高1000元左右`,
  derivation: "Shandong's positions average 3,000+ a month, about 1,000 above similar jobs in Chongqing: 3,000 − 1,000.",
};

/**
 * The like-for-like reference for a job in `occupation` taken by a worker from `sendingCountyCode`
 * within `programId`: the county × occupation one when there is one (the narrower comparison), else
 * the program's similar-jobs one, else null.
 */
export function wageReferenceFor(input: {
  sendingCountyCode: string | null | undefined;
  occupation: string | null | undefined;
  programReference?: ProgramWageReference | null;
}): WageReferenceRecord | null {
  const county = COUNTY_OCCUPATION.find((r) => r.countyCode === input.sendingCountyCode && r.occupation === input.occupation);
  return county ?? input.programReference ?? null;
}

/** Offered minus reference, integer yuan; null without a like-for-like reference. */
export const wageUpliftYuan = (monthlyWageYuan: number, reference: WageReferenceRecord | null): number | null =>
  reference === null ? null : monthlyWageYuan - reference.monthlyWageYuan;

export const allCountyOccupationReferences = (): readonly WageReferenceRecord[] => COUNTY_OCCUPATION;
