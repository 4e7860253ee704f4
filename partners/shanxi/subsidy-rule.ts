/**
 * The social insurance subsidy of Shanxi's employee-system pilot, the rule of Shanxi's department
 * of human resources and social security: for registered-poor workers only, for months 1–36 of
 * enrolment, at most two thirds of the actual contribution, integer fen rounded down.
 *
 * Shanxi's own copy. The rule is the province's policy and this service is where the province
 * states it; the core keeps its copy (subgraphs/shared/domain/social-insurance-subsidy.ts) to check
 * placements' subsidy claims. The core's test/partners/shanxi-standalone.test.ts compares the two
 * over every case; when Shanxi changes its rule, that test says the core must follow.
 */
export const SUBSIDY_MAX_MONTHS = 36;

export type SubsidyDecision = { readonly eligible: true; readonly subsidyFen: number } | { readonly eligible: false; readonly reason: string };

/** The subsidy of one month of enrolment (`month` 1 is the first). */
export function socialInsuranceSubsidy(input: { registeredPoor: boolean; month: number; contributionFen: number }): SubsidyDecision {
  if (!input.registeredPoor) return { eligible: false, reason: 'the subsidy is only for registered-poor workers.' };
  if (!Number.isInteger(input.month) || input.month < 1) return { eligible: false, reason: `month must be 1 or more, got ${input.month}.` };
  if (input.month > SUBSIDY_MAX_MONTHS) {
    return { eligible: false, reason: `the subsidy is paid for at most ${SUBSIDY_MAX_MONTHS} months; month ${input.month} is past that.` };
  }
  if (!Number.isInteger(input.contributionFen) || input.contributionFen < 1) {
    return { eligible: false, reason: `the contribution must be a positive whole number of fen, got ${input.contributionFen}.` };
  }
  return { eligible: true, subsidyFen: Math.floor((input.contributionFen * 2) / 3) };
}
