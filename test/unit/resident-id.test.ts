import { describe, expect, it } from 'vitest';
import { checkCharacter, makeResidentId, maskPhone, maskResidentId, residentIdFacts, residentIdProblem } from '../../subgraphs/people/resident-id.js';

describe('resident ID numbers (GB 11643)', () => {
  it('computes the check character of the standard example 11010519491231002X', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(residentIdProblem('11010519491231002X')).toBeNull();
  });

  it('builds numbers that validate, for every sequence parity', () => {
    for (let sequence = 1; sequence <= 50; sequence++) {
      expect(residentIdProblem(makeResidentId('500230', '1990-03-12', sequence))).toBeNull();
    }
  });

  it('reads gender from the sequence parity and the birth year from the date', () => {
    expect(residentIdFacts(makeResidentId('500230', '1990-03-12', 37))).toEqual({ gender: 'MALE', birthDate: '1990-03-12', birthYear: 1990 });
    expect(residentIdFacts(makeResidentId('610924', '1995-08-20', 42))).toEqual({ gender: 'FEMALE', birthDate: '1995-08-20', birthYear: 1995 });
  });

  it('catches any single mistyped digit', () => {
    const valid = makeResidentId('500230', '1990-03-12', 37);
    for (let position = 14; position < 17; position++) {
      const digit = (Number(valid[position]) + 1) % 10;
      const typo = `${valid.slice(0, position)}${digit}${valid.slice(position + 1)}`;
      expect(residentIdProblem(typo)).toMatch(/check character/);
    }
  });

  it('rejects a birth date of today + 1 day but accepts today', () => {
    const today = new Date('2020-05-05T12:00:00Z');
    expect(residentIdProblem(makeResidentId('500230', '2020-05-05', 1), today)).toBeNull();
    expect(residentIdProblem(makeResidentId('500230', '2020-05-06', 1), today)).toMatch(/outside 1900 to today/);
  });

  it('masks an ID number to its address code and a phone number to its last four (test/security/masking.test.ts says why)', () => {
    expect(maskResidentId('11010519491231002X')).toBe('110105************');
    expect(maskPhone('13896012345')).toBe('*******2345');
  });
});
