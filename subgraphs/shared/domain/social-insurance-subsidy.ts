/**
 * The social insurance subsidy of Shanxi's employee-system pilot (DOMAIN.md): programs checks
 * subsidy claims of placements with it, the Shanxi partner subgraph computes its monthly
 * statements with it. Pure, tested at its boundaries (test/unit/placement-rules.test.ts).
 */
/** Shanxi's employee-system pilot: the subsidy is paid for at most 3 years. */
export const SUBSIDY_MAX_MONTHS = 36;

export type SubsidyDecision = { readonly eligible: true; readonly subsidyFen: number } | { readonly eligible: false; readonly reason: string };

/**
 * The social insurance subsidy of one month (Shanxi rule): only for registered-poor workers, only
 * for months 1–36, at most two thirds of the actual contribution. Integer fen, rounded down, so the
 * subsidy never exceeds 2/3 by a fraction of a fen.
 */
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
