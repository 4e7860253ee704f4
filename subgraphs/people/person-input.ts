/**
 * Turns mutation inputs into records, enforcing every rule; each broken rule is reported with the
 * input field that broke it, all at once (InputProblems).
 */
import { InputProblems } from '../shared/graphql/errors.js';
import { findRegion, isProvinceCode } from '../shared/domain/regions.js';
import type { JobIntentionRecord, PersonRecord } from './person-repository.js';
import { MOBILE_PATTERN, normalizeResidentId, residentIdFacts, residentIdProblem } from './resident-id.js';

export const LIMITS = {
  nameLength: 40,
  skills: 20,
  skillLength: 30,
  occupations: 20,
  maxMonthlyWageYuan: 100_000,
  employerNameLength: 100,
  idempotencyKeyLength: 100,
} as const;

/** Control characters have no place in a name and break logs and exports. */
const CONTROL = /\p{Cc}/u;

export function checkName(problems: InputProblems, field: string, value: string, maxLength: number): string {
  const name = value.trim();
  problems.check(name.length > 0, field, 'must not be empty.');
  problems.check([...name].length <= maxLength, field, `must be at most ${maxLength} characters.`);
  problems.check(!CONTROL.test(name), field, 'must not contain control characters.');
  return name;
}

export function checkIdNumber(problems: InputProblems, field: string, value: string): string {
  const idNumber = normalizeResidentId(value);
  const problem = residentIdProblem(idNumber);
  if (problem) problems.add(field, problem);
  return idNumber;
}

export function checkPhone(problems: InputProblems, field: string, value: string): string {
  const phone = value.trim().replace(/^\+86/, '');
  problems.check(MOBILE_PATTERN.test(phone), field, 'must be a mainland mobile number: 11 digits starting with 13–19.');
  return phone;
}

export function checkCountyCode(problems: InputProblems, field: string, value: string): string {
  const region = findRegion(value);
  if (!region) problems.add(field, `${JSON.stringify(value)} is not a region code the product knows (query \`region(code)\`).`);
  else problems.check(region.county !== null, field, `${value} (${region.name}) is not county level; give the county's code.`);
  return value;
}

export function checkRegionCode(problems: InputProblems, field: string, value: string): string {
  problems.check(findRegion(value) !== null, field, `${JSON.stringify(value)} is not a region code the product knows (query \`region(code)\`).`);
  return value;
}

function checkTerms(problems: InputProblems, field: string, values: readonly string[], maxCount: number): string[] {
  const terms = [...new Set(values.map((value) => value.trim()))];
  problems.check(values.length <= maxCount, field, `must have at most ${maxCount} entries.`);
  terms.forEach((term, i) => {
    if (term.length === 0 || [...term].length > LIMITS.skillLength || CONTROL.test(term)) {
      problems.add(`${field}[${i}]`, `must be 1–${LIMITS.skillLength} characters without control characters.`);
    }
  });
  return terms;
}

export const checkSkills = (problems: InputProblems, field: string, values: readonly string[]) =>
  checkTerms(problems, field, values, LIMITS.skills);

export function checkJobIntention(
  problems: InputProblems,
  field: string,
  input: { occupations: readonly string[]; destinationProvinceCodes: readonly string[]; minimumMonthlyWageYuan?: number | null },
): JobIntentionRecord {
  const occupations = checkTerms(problems, `${field}.occupations`, input.occupations, LIMITS.occupations);
  const destinationProvinceCodes = [...new Set(input.destinationProvinceCodes)];
  destinationProvinceCodes.forEach((code, i) =>
    problems.check(isProvinceCode(code), `${field}.destinationProvinceCodes[${i}]`, `${JSON.stringify(code)} is not a province-level code such as 370000.`),
  );
  const wage = input.minimumMonthlyWageYuan;
  if (wage !== null && wage !== undefined) {
    problems.check(wage >= 0 && wage <= LIMITS.maxMonthlyWageYuan, `${field}.minimumMonthlyWageYuan`, `must be 0–${LIMITS.maxMonthlyWageYuan} yuan.`);
  }
  return { occupations, destinationProvinceCodes, ...(wage !== null && wage !== undefined ? { minimumMonthlyWageYuan: wage } : {}) };
}

export function checkIdempotencyKey(problems: InputProblems, field: string, value: string): string {
  problems.check(value.length > 0 && value.length <= LIMITS.idempotencyKeyLength, field, `must be 1–${LIMITS.idempotencyKeyLength} characters.`);
  return value;
}

export type NewPersonFields = Pick<PersonRecord, 'name' | 'idNumber' | 'phone' | 'hometownCode' | 'povertyRegistered' | 'skills' | 'jobIntention'>;

/** A person's first version, from checked fields; gender and birth year come from the ID number. */
export function newPersonRecord(fields: NewPersonFields, id: string, now: string): PersonRecord {
  const { gender, birthYear } = residentIdFacts(fields.idNumber);
  return {
    id,
    ...fields,
    gender,
    birthYear,
    employmentStatus: 'SEEKING_WORK',
    registrations: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
