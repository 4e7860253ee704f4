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

/** What this subgraph knows of a person's employment registration (the people stream's projection). */
export interface KnownEmploymentRegistration {
  readonly id: string;
  readonly employerId?: string;
  readonly startDate: string;
  readonly endDate?: string;
}

/**
 * The employment registration a move to REGISTERED at `at` stands on: the person's registration with
 * the posting's employer that is open on that day (the latest started, if several); null when none is.
 */
export function registrationToLink(
  registrations: readonly KnownEmploymentRegistration[],
  employerId: string | undefined,
  at: string,
): KnownEmploymentRegistration | null {
  const day = at.slice(0, 10);
  const open = registrations
    .filter((r) => employerId !== undefined && r.employerId === employerId && r.startDate <= day && (r.endDate === undefined || r.endDate >= day))
    .sort((a, b) => b.startDate.localeCompare(a.startDate));
  return open[0] ?? null;
}

const addMonthsToDate = (date: string, months: number) => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  // The same day of the month, or the month's last day (enrolled on 01-31 → month 2 starts 02-28).
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d, last));
  return target.toISOString().slice(0, 10);
};

/**
 * Subsidy month `month` (1-based) counted from the insurance enrolment: from the enrolment day's
 * monthly anniversary to the day before the next one. 2017-03-15 → month 1 is 03-15…04-14.
 */
export function subsidyMonthPeriod(enrolledOn: string, month: number): { start: string; end: string; claimableFrom: string } {
  const start = addMonthsToDate(enrolledOn, month - 1);
  const claimableFrom = addMonthsToDate(enrolledOn, month);
  const end = new Date(Date.parse(`${claimableFrom}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  return { start, end, claimableFrom };
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
