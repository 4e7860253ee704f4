/**
 * The rules of a placement that need no storage: which status may follow which, and the money rules
 * of travel reimbursement and the Shanxi social insurance subsidy. Pure functions, tested at their
 * boundaries (test/unit/placement-rules.test.ts).
 */
import { allowedNext, type PlacementStatus } from '../shared/domain/placement-statuses.js';

export { allowedNext, type PlacementStatus };

export const isLegalTransition = (from: PlacementStatus, to: PlacementStatus) => allowedNext(from).includes(to);

/** Whole months from `start` to `end` (ISO instants, UTC calendar): 2017-03-15 → 2017-06-14 is 2, → 2017-06-15 is 3. */
export function monthsBetween(start: string, end: string): number {
  const a = new Date(start);
  const b = new Date(end);
  let months = (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + (b.getUTCMonth() - a.getUTCMonth());
  if (b.getUTCDate() < a.getUTCDate()) months -= 1;
  return Math.max(0, months);
}

/** The whole months since HIRED a retention status stands for (稳得住: still employed after 3/6/12 months). */
export const RETENTION_MONTHS: Readonly<Partial<Record<PlacementStatus, number>>> = { RETAINED_3M: 3, RETAINED_6M: 6, RETAINED_12M: 12 };

/**
 * Why a move to `to` at `at` may not happen yet, or null: a retention status needs its months since
 * HIRED to have passed by the move's date (a placement cannot be "retained 6 months" after two).
 */
export function retentionProblem(to: PlacementStatus, hiredAt: string | null | undefined, at: string): string | null {
  const required = RETENTION_MONTHS[to];
  if (required === undefined) return null;
  if (!hiredAt) return `${to} needs the placement's HIRED date, which it does not have.`;
  const months = monthsBetween(hiredAt, at);
  return months >= required ? null : `${to} needs ${required} whole months since HIRED (${hiredAt.slice(0, 10)}); by ${at.slice(0, 10)} it is ${months}.`;
}

export type ReimbursementDecision = { readonly eligible: true; readonly monthsWorked: number } | { readonly eligible: false; readonly reason: string };

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

// The Shanxi subsidy rule is shared with the Shanxi partner subgraph, which pays it monthly.
export { socialInsuranceSubsidy, SUBSIDY_MAX_MONTHS, type SubsidyDecision } from '../shared/domain/social-insurance-subsidy.js';

/** The retention check each status waits for: after HIRED (and REGISTERED) the 3-month one, then 6, then 12. */
const NEXT_CHECK: Readonly<Partial<Record<PlacementStatus, PlacementStatus>>> = {
  HIRED: 'RETAINED_3M',
  REGISTERED: 'RETAINED_3M',
  RETAINED_3M: 'RETAINED_6M',
  RETAINED_6M: 'RETAINED_12M',
};

/** The first day `months` whole months after `start` (as monthsBetween counts them): 2017-11-30 + 3 is 2018-03-01, since February has no 30th. */
export function dateAfterMonths(start: string, months: number): string {
  const a = new Date(start);
  const target = new Date(Date.UTC(a.getUTCFullYear(), a.getUTCMonth() + months, 1));
  const daysInMonth = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  const day =
    a.getUTCDate() <= daysInMonth
      ? new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth(), a.getUTCDate()))
      : new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 1));
  return day.toISOString().slice(0, 10);
}

/**
 * The retention check a placement waits for and the day it falls due (its months since HIRED have
 * passed), or null when it waits for none (not hired yet, retained 12 months, or left).
 */
export function nextRetentionCheck(status: PlacementStatus, hiredAt: string | null | undefined): { check: PlacementStatus; dueOn: string } | null {
  const check = NEXT_CHECK[status];
  if (!check || !hiredAt) return null;
  return { check, dueOn: dateAfterMonths(hiredAt, RETENTION_MONTHS[check]!) };
}
