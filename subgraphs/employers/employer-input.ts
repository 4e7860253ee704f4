/**
 * Turns mutation inputs and filters into records, enforcing every rule; each broken rule is reported
 * with the input field that broke it, all at once (InputProblems).
 */
import type { InputProblems } from '../shared/graphql/errors.js';
import { checkPhone, checkText } from '../shared/graphql/input-checks.js';
import type { ContactPersonRecord } from './employer-repository.js';
import type { BenefitsRecord } from './posting-repository.js';
import { creditCodeProblem, normalizeCreditCode } from './social-credit-code.js';

export const LIMITS = {
  employerNameLength: 100,
  personNameLength: 40,
  titleLength: 100,
  occupationLength: 30,
  requirements: 20,
  requirementLength: 200,
  maxHeadcount: 1000,
  maxMonthlyWageYuan: 100_000,
  maxTravelReimbursementMonths: 36,
  idLength: 100,
  idempotencyKeyLength: 100,
} as const;

export function checkCreditCode(problems: InputProblems, field: string, value: string): string {
  const code = normalizeCreditCode(value);
  const problem = creditCodeProblem(code);
  if (problem) problems.add(field, problem);
  return code;
}

export function checkContactPerson(problems: InputProblems, field: string, input: { name: string; phone: string }): ContactPersonRecord {
  return {
    name: checkText(problems, `${field}.name`, input.name, LIMITS.personNameLength),
    phone: checkPhone(problems, `${field}.phone`, input.phone),
  };
}

export function checkOccupation(problems: InputProblems, field: string, value: string): string {
  return checkText(problems, field, value, LIMITS.occupationLength);
}

export function checkHeadcount(problems: InputProblems, field: string, value: number): number {
  problems.check(
    Number.isInteger(value) && value >= 1 && value <= LIMITS.maxHeadcount,
    field,
    `must be 1–${LIMITS.maxHeadcount}; publish several postings for more places.`,
  );
  return value;
}

/** Checks each bound and, when both are fine, their order; reports on the field that breaks it. */
export function checkWageRange(problems: InputProblems, field: string, min: number, max: number): { min: number; max: number } {
  const inRange = (value: number) => Number.isInteger(value) && value >= 1 && value <= LIMITS.maxMonthlyWageYuan;
  problems.check(inRange(min), `${field}.monthlyWageMinYuan`, `must be whole yuan, 1–${LIMITS.maxMonthlyWageYuan}.`);
  problems.check(inRange(max), `${field}.monthlyWageMaxYuan`, `must be whole yuan, 1–${LIMITS.maxMonthlyWageYuan}.`);
  if (inRange(min) && inRange(max)) {
    problems.check(min <= max, `${field}.monthlyWageMaxYuan`, `must be at least monthlyWageMinYuan (${min}), got ${max}.`);
  }
  return { min, max };
}

export function checkRequirements(problems: InputProblems, field: string, values: readonly string[]): string[] {
  problems.check(values.length <= LIMITS.requirements, field, `must have at most ${LIMITS.requirements} entries.`);
  return values.map((value, i) => checkText(problems, `${field}[${i}]`, value, LIMITS.requirementLength));
}

export function checkBenefits(
  problems: InputProblems,
  field: string,
  input: { travelReimbursementAfterMonths?: number | null; housing: BenefitsRecord['housing']; socialInsurance: boolean },
): BenefitsRecord {
  const months = input.travelReimbursementAfterMonths;
  if (months !== null && months !== undefined) {
    problems.check(
      Number.isInteger(months) && months >= 0 && months <= LIMITS.maxTravelReimbursementMonths,
      `${field}.travelReimbursementAfterMonths`,
      `must be 0–${LIMITS.maxTravelReimbursementMonths} months; omit it when travel is not reimbursed.`,
    );
  }
  return {
    ...(months !== null && months !== undefined ? { travelReimbursementAfterMonths: months } : {}),
    housing: input.housing,
    socialInsurance: input.socialInsurance,
  };
}

/** `刘**`: the surname (first character) stays, so a recruiter can still be greeted. */
export const maskPersonName = (name: string) => {
  const characters = [...name];
  return characters[0] + '*'.repeat(Math.max(characters.length - 1, 1));
};

/** `138****5678`. */
export const maskPhone = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(7)}`;
