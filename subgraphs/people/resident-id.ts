/**
 * Resident identity numbers (GB 11643-1999): 6-digit address code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
 */
import { isProvinceCode, provinceCodeOf } from '../shared/domain/regions.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARACTERS[sum % 11]!;
}

export interface ResidentIdFacts {
  readonly gender: 'FEMALE' | 'MALE';
  readonly birthDate: string;
  readonly birthYear: number;
}

/** Upper-cases a trailing `x`, the one normalisation people expect. */
export const normalizeResidentId = (value: string) => value.trim().toUpperCase();

/** Why `value` is not a valid resident ID number, or null when it is one. */
export function residentIdProblem(value: string, today = new Date()): string | null {
  if (!/^\d{17}[\dX]$/.test(value)) {
    return 'must be 18 characters: 17 digits then a digit or X.';
  }
  if (!isProvinceCode(provinceCodeOf(value.slice(0, 6)))) {
    return `starts with ${value.slice(0, 6)}, which is not in a known province.`;
  }
  const birth = value.slice(6, 14);
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replaceAll('-', '') !== birth) {
    return `contains ${birth}, which is not a valid birth date.`;
  }
  if (date.getUTCFullYear() < 1900 || date > today) {
    return `contains birth date ${birth}, which is outside 1900 to today.`;
  }
  const expected = checkCharacter(value.slice(0, 17));
  if (value[17] !== expected) {
    return 'has a wrong check character (the 18th): the number was probably mistyped.';
  }
  return null;
}

/** Facts a valid number carries; call after `residentIdProblem` returned null. */
export function residentIdFacts(value: string): ResidentIdFacts {
  const birthDate = `${value.slice(6, 10)}-${value.slice(10, 12)}-${value.slice(12, 14)}`;
  return {
    gender: Number(value[16]) % 2 === 1 ? 'MALE' : 'FEMALE',
    birthDate,
    birthYear: Number(value.slice(6, 10)),
  };
}

/** Builds a valid number, for demo data and tests. */
export function makeResidentId(addressCode: string, birthDate: string, sequence: number): string {
  const first17 = `${addressCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  if (!/^\d{17}$/.test(first17)) throw new Error(`Cannot build a resident ID from ${addressCode}, ${birthDate}, ${sequence}.`);
  return first17 + checkCharacter(first17);
}

/**
 * `500230************`: keeps the address code only. The hidden part is the birth date, sequence
 * and check character; a reader also sees the birth year and gender, which leave every day of that
 * year × the 500 sequence numbers of that gender (≈182,500 numbers, one check character each). The
 * old mask's last four (sequence + check) left the ~33 days whose check character matched.
 * test/unit/masking.test.ts counts the candidates.
 */
export const maskResidentId = (value: string) => `${value.slice(0, 6)}${'*'.repeat(12)}`;

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/**
 * `*******5678`: the last four only, for "is this your number ending 5678?". The seven hidden digits
 * of a mainland number (1, then 3–9, then any five) leave 700,000 candidates; the old `138****5678`
 * left 10,000, dialable in an afternoon.
 */
export const maskPhone = (value: string) => `${'*'.repeat(7)}${value.slice(7)}`;
