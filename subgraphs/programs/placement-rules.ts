/**
 * The rules of a placement that need no storage: which status may follow which, and the money rules
 * of travel reimbursement and the Shanxi social insurance subsidy. Pure functions, tested at their
 * boundaries (test/unit/placement-rules.test.ts).
 */
export type PlacementStatus = 'INTENT' | 'HIRED' | 'REGISTERED' | 'RETAINED_3M' | 'RETAINED_6M' | 'RETAINED_12M' | 'LEFT';

/** The employed statuses: LEFT may follow any of them. */
const EMPLOYED: readonly PlacementStatus[] = ['HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_12M'];

/** The one forward step from each status (RETAINED_12M and LEFT are final on the ladder). */
const NEXT: Readonly<Record<PlacementStatus, PlacementStatus | null>> = {
  INTENT: 'HIRED',
  HIRED: 'REGISTERED',
  REGISTERED: 'RETAINED_3M',
  RETAINED_3M: 'RETAINED_6M',
  RETAINED_6M: 'RETAINED_12M',
  RETAINED_12M: null,
  LEFT: null,
};

/** The statuses a placement in `from` may move to. */
export function allowedNext(from: PlacementStatus): PlacementStatus[] {
  const next = NEXT[from];
  return [...(next ? [next] : []), ...(EMPLOYED.includes(from) ? ['LEFT' as const] : [])];
}

export const isLegalTransition = (from: PlacementStatus, to: PlacementStatus) => allowedNext(from).includes(to);

/** Whole months from `start` to `end` (ISO instants, UTC calendar): 2017-03-15 → 2017-06-14 is 2, → 2017-06-15 is 3. */
export function monthsBetween(start: string, end: string): number {
  const a = new Date(start);
  const b = new Date(end);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

export type ReimbursementDecision =
  | { readonly eligible: true; readonly monthsWorked: number }
  | { readonly eligible: false; readonly reason: string };

/**
 * Travel is reimbursed once the worker has worked the posting's required months since being hired
 * (DOMAIN.md: Haoman reimburses "after working for a period"); `requiredMonths` null means the
 * posting does not reimburse travel.
 */
export function travelReimbursementDecision(hiredAt: string | null, requiredMonths: number | null | undefined, now: string): ReimbursementDecision {
  if (requiredMonths === null || requiredMonths === undefined) return { eligible: false, reason: 'the posting does not reimburse travel.' };
  if (!hiredAt) return { eligible: false, reason: 'the worker has not been hired yet.' };
  const monthsWorked = monthsBetween(hiredAt, now);
  if (monthsWorked < requiredMonths) {
    return { eligible: false, reason: `the posting reimburses travel after ${requiredMonths} months of work; the worker has worked ${monthsWorked}.` };
  }
  return { eligible: true, monthsWorked };
}

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
