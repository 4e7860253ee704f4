/**
 * A masked value must not identify anyone together with what the same reader sees beside it. A
 * caller who may read a person but not whole personal data (a caseworker of another province) sees
 * hometown, birth year and gender next to the masked ID and phone numbers; each test counts the
 * numbers consistent with all of it, by enumerating every candidate the format allows.
 */
import { describe, expect, it } from 'vitest';
import { checkCharacter, makeResidentId, maskPhone, maskResidentId, MOBILE_PATTERN, residentIdFacts } from '../../subgraphs/people/resident-id.js';

/** Fewer candidates than this and a guess can be confirmed (by a registration conflict, a phone call) in reasonable time. */
const ENOUGH = 10_000;

/**
 * Valid resident ID numbers that mask to the same value and agree with the visible fields: the
 * address code (visible in the mask; the hometown is near it anyway), birth year and gender. Every
 * date of the year × every sequence number, with its one valid check character.
 */
function idCandidates(idNumber: string, mask: (value: string) => string): number {
  const masked = mask(idNumber);
  const { birthYear, gender } = residentIdFacts(idNumber);
  const address = idNumber.slice(0, 6);
  let count = 0;
  for (let day = new Date(Date.UTC(birthYear, 0, 1)); day.getUTCFullYear() === birthYear; day = new Date(day.getTime() + 86_400_000)) {
    const date = day.toISOString().slice(0, 10).replaceAll('-', '');
    for (let sequence = 0; sequence < 1000; sequence++) {
      const first17 = `${address}${date}${String(sequence).padStart(3, '0')}`;
      const candidate = first17 + checkCharacter(first17);
      if (residentIdFacts(candidate).gender === gender && mask(candidate) === masked) count++;
    }
  }
  return count;
}

/** Mainland mobile numbers that mask to the same value: for each hidden position, the digits the pattern allows there. */
function phoneCandidates(phone: string, mask: (value: string) => string): number {
  const masked = mask(phone);
  let count = 1;
  for (let position = 0; position < phone.length; position++) {
    if (masked[position] !== '*') continue;
    const allowed = [...'0123456789'].filter((digit) => MOBILE_PATTERN.test(phone.slice(0, position) + digit + phone.slice(position + 1).replace(/\D/g, '0')));
    count *= allowed.length;
  }
  return count;
}

/** The masks before issue 16: first 6 + last 4 of the ID, first 3 + last 4 of the phone. */
const OLD_ID_MASK = (value: string) => `${value.slice(0, 6)}********${value.slice(14)}`;
const OLD_PHONE_MASK = (value: string) => `${value.slice(0, 3)}****${value.slice(7)}`;

describe('masked personal data', () => {
  const idNumber = makeResidentId('500230', '1990-03-12', 37);

  it(`leaves at least ${ENOUGH} ID numbers for a masked ID with its hometown, birth year and gender`, () => {
    const count = idCandidates(idNumber, maskResidentId);
    expect(count).toBeGreaterThanOrEqual(ENOUGH);
    expect(count).toBe(365 * 500); // every day of 1990 × the 500 men's sequence numbers
  });

  it('documents why the old mask had to go: about 33 candidates', () => {
    const count = idCandidates(idNumber, OLD_ID_MASK);
    expect(count).toBeLessThan(100);
    expect(count).toBeGreaterThan(0);
  });

  it(`leaves at least ${ENOUGH} phone numbers for a masked phone (the old mask: exactly ${ENOUGH})`, () => {
    expect(phoneCandidates('13896012345', maskPhone)).toBe(7 * 10 ** 5);
    expect(phoneCandidates('13896012345', OLD_PHONE_MASK)).toBe(10 ** 4);
  });
});
