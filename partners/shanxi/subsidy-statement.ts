/**
 * The social insurance subsidy statement of one worker: every month they contributed since their
 * first enrolment, and the subsidy of that month by Shanxi's rule (subsidy-rule.ts: at most 2/3 of the
 * contribution, months 1–36, registered-poor workers only). Pure: the resolver gives it the
 * contracts and the people subgraph's `povertyRegistered` (through @requires).
 */
import { socialInsuranceSubsidy, SUBSIDY_MAX_MONTHS } from './subsidy-rule.js';
import type { LaborContractRecord } from './labor-contract-repository.js';

/** A Person as this subgraph receives it: its key, and what @requires asked the people subgraph for. */
export interface PersonReference {
  readonly id: string;
  readonly povertyRegistered?: boolean;
}

export interface SubsidyMonth {
  readonly month: number;
  readonly calendarMonth: string;
  readonly contributionFen: number;
  readonly subsidyFen: number;
}

export interface SubsidyStatement {
  readonly throughMonth: string;
  readonly registeredPoor: boolean;
  readonly ineligibleReason: string | null;
  readonly months: SubsidyMonth[];
  readonly totalContributionFen: number;
  readonly totalSubsidyFen: number;
  readonly subsidizedMonthsRemaining: number;
}

export const isCalendarMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

const nextMonth = (month: string) => {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
};

/** The worker's contribution in a calendar month: every enrolment of a contract that runs that month. */
function contributionIn(month: string, contracts: readonly LaborContractRecord[]): number {
  return contracts
    .filter((c) => c.startDate.slice(0, 7) <= month && (c.endDate === null || c.endDate.slice(0, 7) >= month))
    .flatMap((c) => c.insurance)
    .filter((enrolment) => enrolment.enrolledOn.slice(0, 7) <= month)
    .reduce((sum, enrolment) => sum + enrolment.monthlyContributionFen, 0);
}

/** The statement through `throughMonth` (`YYYY-MM`); null without any enrolment by then. */
export function subsidyStatement(contracts: readonly LaborContractRecord[], registeredPoor: boolean, throughMonth: string): SubsidyStatement | null {
  const enrolments = contracts.flatMap((c) => c.insurance.map((e) => e.enrolledOn.slice(0, 7)));
  const first = enrolments.sort()[0];
  if (!first || first > throughMonth) return null;
  const months: SubsidyMonth[] = [];
  let ineligibleReason: string | null = null;
  for (let calendarMonth = first; calendarMonth <= throughMonth; calendarMonth = nextMonth(calendarMonth)) {
    const contributionFen = contributionIn(calendarMonth, contracts);
    // A month without contribution (between contracts) is not a subsidy month either.
    if (contributionFen === 0) continue;
    const month = months.length + 1;
    const decision = socialInsuranceSubsidy({ registeredPoor, month, contributionFen });
    if (!decision.eligible && month <= SUBSIDY_MAX_MONTHS) ineligibleReason ??= decision.reason;
    months.push({ month, calendarMonth, contributionFen, subsidyFen: decision.eligible ? decision.subsidyFen : 0 });
  }
  return {
    throughMonth,
    registeredPoor,
    ineligibleReason,
    months,
    totalContributionFen: months.reduce((sum, m) => sum + m.contributionFen, 0),
    totalSubsidyFen: months.reduce((sum, m) => sum + m.subsidyFen, 0),
    subsidizedMonthsRemaining: registeredPoor ? Math.max(0, SUBSIDY_MAX_MONTHS - months.length) : 0,
  };
}
