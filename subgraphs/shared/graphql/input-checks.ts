/**
 * The input rules every subgraph applies the same way, with one wording of each message, so a
 * front end sees the same text for the same mistake whichever subgraph it calls. Each check adds
 * to the caller's InputProblems (all broken rules reported at once) and returns the value to store.
 */
import { findRegion, isProvinceCode } from '../domain/regions.js';
import type { InputProblems } from './errors.js';
import { isIsoDate } from './shared-types.js';

/** Control characters have no place in names, texts or ids: they break logs and exports. */
const CONTROL = /\p{Cc}/u;
const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Length in characters as people count them (code points), not UTF-16 units. */
const lengthOf = (value: string) => [...value].length;

function checkCharacters(problems: InputProblems, field: string, value: string, maxLength: number): void {
  problems.check(value.length > 0, field, 'must not be empty.');
  problems.check(lengthOf(value) <= maxLength, field, `must be at most ${maxLength} characters.`);
  problems.check(!CONTROL.test(value), field, 'must not contain control characters.');
}

/** A name or free text: trimmed, then 1–`maxLength` characters without control characters. */
export function checkText(problems: InputProblems, field: string, value: string, maxLength: number): string {
  const text = value.trim();
  checkCharacters(problems, field, text, maxLength);
  return text;
}

/** Ids and keys are opaque (checked as sent, not trimmed), but unbounded ones would end up in keys and logs. */
export function checkOpaque(problems: InputProblems, field: string, value: string, maxLength: number): string {
  checkCharacters(problems, field, value, maxLength);
  return value;
}

/** A mainland mobile number; `+86` is accepted and dropped. */
export function checkPhone(problems: InputProblems, field: string, value: string): string {
  const phone = value.trim().replace(/^\+86/, '');
  problems.check(MOBILE_PATTERN.test(phone), field, 'must be a mainland mobile number: 11 digits starting with 13–19.');
  return phone;
}

export function checkDate(problems: InputProblems, field: string, value: string): string {
  problems.check(isIsoDate(value), field, `must be a date written YYYY-MM-DD, got ${JSON.stringify(value)}.`);
  return value;
}

export function checkProvinceCode(problems: InputProblems, field: string, value: string): string {
  problems.check(isProvinceCode(value), field, `${JSON.stringify(value)} is not a province-level code such as 370000.`);
  return value;
}

/**
 * Which GB/T 2260 divisions a field takes: `any` known code; `local`, a city or county (employers,
 * workplaces and fair venues must be found and travelled to: a province is too coarse); `county`, a
 * county-level division (hometowns, sending counties); `city`, a prefecture-level city.
 */
export type RegionLevel = 'any' | 'local' | 'county' | 'city';

const REGION_LEVEL_RULES: Record<Exclude<RegionLevel, 'any'>, { fits: (r: NonNullable<ReturnType<typeof findRegion>>) => boolean; wanted: string }> = {
  local: { fits: (r) => r.city !== null || r.county !== null, wanted: 'is a province; give a city- or county-level code' },
  county: { fits: (r) => r.county !== null, wanted: "is not county level; give the county's code" },
  city: { fits: (r) => r.city !== null && r.county === null, wanted: 'is not a prefecture-level city; give the city’s code, such as 370100' },
};

/** A region code the product knows (`region(code)`), at the level the field takes. */
export function checkRegionCode(problems: InputProblems, field: string, value: string, level: RegionLevel = 'any'): string {
  const region = findRegion(value);
  if (!region) problems.add(field, `${JSON.stringify(value)} is not a region code the product knows (query \`region(code)\`).`);
  else if (level !== 'any' && !REGION_LEVEL_RULES[level].fits(region)) problems.add(field, `${value} (${region.name}) ${REGION_LEVEL_RULES[level].wanted}.`);
  return value;
}

export function checkExpectedVersion(problems: InputProblems, field: string, value: number): number {
  problems.check(Number.isInteger(value) && value >= 1, field, 'must be the current version, 1 or more.');
  return value;
}
