/**
 * Turns mutation inputs into records, enforcing every rule; each broken rule is reported with the
 * input field that broke it, all at once (InputProblems).
 */
import type { InputProblems } from '../shared/graphql/errors.js';
import { stableId } from '../shared/domain/ids.js';
import { checkProvinceCode, checkText } from '../shared/graphql/input-checks.js';
import type { JobIntentionRecord, PersonRecord } from './person-repository.js';
import { normalizeResidentId, residentIdFacts, residentIdProblem } from './resident-id.js';

export const LIMITS = {
  nameLength: 40,
  skills: 20,
  skillLength: 30,
  occupations: 20,
  maxMonthlyWageYuan: 100_000,
  employerNameLength: 100,
  idempotencyKeyLength: 100,
} as const;

export function checkIdNumber(problems: InputProblems, field: string, value: string): string {
  const idNumber = normalizeResidentId(value);
  const problem = residentIdProblem(idNumber);
  if (problem) problems.add(field, problem);
  return idNumber;
}

function checkTerms(problems: InputProblems, field: string, values: readonly string[], maxCount: number): string[] {
  const terms = [...new Set(values.map((value) => value.trim()))];
  problems.check(values.length <= maxCount, field, `must have at most ${maxCount} entries.`);
  for (const [i, term] of terms.entries()) checkText(problems, `${field}[${i}]`, term, LIMITS.skillLength);
  return terms;
}

export const checkSkills = (problems: InputProblems, field: string, values: readonly string[]) => checkTerms(problems, field, values, LIMITS.skills);

export function checkJobIntention(
  problems: InputProblems,
  field: string,
  input: { occupations: readonly string[]; destinationProvinceCodes: readonly string[]; minimumMonthlyWageYuan?: number | null },
): JobIntentionRecord {
  const occupations = checkTerms(problems, `${field}.occupations`, input.occupations, LIMITS.occupations);
  const destinationProvinceCodes = [...new Set(input.destinationProvinceCodes)];
  for (const [i, code] of destinationProvinceCodes.entries()) checkProvinceCode(problems, `${field}.destinationProvinceCodes[${i}]`, code);
  const wage = input.minimumMonthlyWageYuan;
  if (wage !== null && wage !== undefined) {
    problems.check(wage >= 0 && wage <= LIMITS.maxMonthlyWageYuan, `${field}.minimumMonthlyWageYuan`, `must be 0–${LIMITS.maxMonthlyWageYuan} yuan.`);
  }
  return { occupations, destinationProvinceCodes, ...(wage !== null && wage !== undefined ? { minimumMonthlyWageYuan: wage } : {}) };
}

/**
 * The id of an employment registration: the same facts give the same id, so a retried
 * recordEmploymentRegistration finds its registration, and a demo that derives registrations from
 * placements (scripts/demo) names them as the mutation would.
 */
export const employmentRegistrationId = (fields: {
  personId: string;
  employerId?: string | null;
  employerName: string;
  workplaceCode: string;
  startDate: string;
}) => stableId('reg', [fields.personId, fields.employerId ?? '', fields.employerName, fields.workplaceCode, fields.startDate].join('|'));

export type NewPersonFields = Pick<PersonRecord, 'name' | 'idNumber' | 'phone' | 'hometownCode' | 'skills' | 'jobIntention'>;

/**
 * A person's first version, from checked fields; gender and birth year come from the ID number. Not
 * registered poor: that status comes with a registered household (household-repository.ts).
 */
export function newPersonRecord(fields: NewPersonFields, id: string, now: string): PersonRecord {
  const { gender, birthYear } = residentIdFacts(fields.idNumber);
  return {
    id,
    ...fields,
    gender,
    birthYear,
    povertyRegistered: false,
    employmentStatus: 'SEEKING_WORK',
    registrations: [],
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
}
