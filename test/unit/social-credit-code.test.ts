import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  creditCodeCheckCharacter,
  creditCodeProblem,
  makeCreditCode,
  normalizeCreditCode,
  organizationCodeCheckCharacter,
} from '../../subgraphs/employers/social-credit-code.js';

describe('unified social credit codes (GB 32100)', () => {
  it("computes the check character of the standard's worked example and of real companies' codes", () => {
    // The example GB 32100 explanations use, then two codes printed on real business licences.
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
    expect(creditCodeCheckCharacter('9144030071526726X')).toBe('G');
    expect(creditCodeCheckCharacter('91330100799655058')).toBe('B');
    for (const code of ['91350100M000100Y43', '9144030071526726XG', '91330100799655058B']) expect(creditCodeProblem(code)).toBeNull();
  });

  it('maps a sum divisible by 31 to the check character 0, not to 31', () => {
    // Position weights are 3^i mod 31; find a prefix whose weighted sum is a multiple of 31.
    const prefix = '9137010000000000';
    const last = [...CODE_ALPHABET].find((c) => creditCodeCheckCharacter(prefix + c) === '0');
    expect(last).toBeDefined();
    expect(creditCodeProblem(`${prefix}${last}0`)).toBeNull();
  });

  it('catches every single mistyped character and every swap of two neighbours that changes the code', () => {
    const code = '91350100M000100Y43';
    for (let i = 0; i < 17; i++) {
      for (const c of CODE_ALPHABET) {
        if (c === code[i]) continue;
        expect(creditCodeProblem(code.slice(0, i) + c + code.slice(i + 1)), `${i}:${c}`).not.toBeNull();
      }
    }
    for (let i = 0; i < 16; i++) {
      const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
      if (swapped !== code) expect(creditCodeProblem(swapped), `swap ${i}`).not.toBeNull();
    }
  });

  it.each([
    ['too short', '91350100M000100Y4', /must be 18 characters, got 17/],
    ['a letter outside the alphabet', '91350100M00O100Y43', /character 12 \("O"\) is not allowed/],
    ['lower case (before normalizing)', '91350100m000100Y43', /character 9 \("m"\) is not allowed/],
    ['an unknown registration authority', 'H1350100M000100Y43', /not a registration authority code/],
    ['letters where the division code goes', '9135A100M000100Y43', /must be the 6-digit administrative division code/],
    ['a wrong check character', '91350100M000100Y44', /wrong check character/],
  ])('explains %s', (_, code, message) => {
    expect(creditCodeProblem(code)).toMatch(message);
  });

  it('normalizes spaces and lower case the way codes are copied off licences', () => {
    expect(normalizeCreditCode(' 91350100 m000100y43 ')).toBe('91350100M000100Y43');
  });

  it('builds valid codes whose organization code carries its own GB 11714 check character', () => {
    expect(organizationCodeCheckCharacter('M000100Y')).toBe('4');
    const code = makeCreditCode('370100', 'HM201702');
    expect(creditCodeProblem(code)).toBeNull();
    expect(code.slice(0, 8)).toBe('91370100');
    expect(code[16]).toBe(organizationCodeCheckCharacter('HM201702'));
    expect(() => makeCreditCode('37010', 'HM201702')).toThrow('Cannot build a credit code');
  });
});
