/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015): 18 characters.
 *   1     registration authority (1–9, A–G, N, Y; 9 is market regulation, which registers companies)
 *   2     category within that authority (for 9: 1 enterprise, 2 sole proprietor, 3 farmers' cooperative)
 *   3–8   GB/T 2260 code of the registering administration
 *   9–17  organization code (GB 11714), whose 17th character is its own check character
 *   18    check character over the first 17, modulo 31
 * The alphabet is the digits and the capital letters without I, O, Z, S and V (easily misread).
 */

export const CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weight of position i (0-based) is 3^i mod 31, as GB 32100 tabulates them. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

const REGISTRATION_AUTHORITIES = '123456789ABCDEFGNY';

/** The 18th character for the first 17, or null when one of them is outside the alphabet. */
export function creditCodeCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CODE_ALPHABET.indexOf(first17[i]!);
    if (value < 0) return null;
    sum += value * WEIGHTS[i]!;
  }
  return CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Spaces and lower case are how people copy codes off licences; nothing else is forgiven. */
export const normalizeCreditCode = (value: string) => value.replace(/\s+/g, '').toUpperCase();

/** Why `value` is not a valid unified social credit code, or null when it is one. */
export function creditCodeProblem(value: string): string | null {
  if (value.length !== 18) return `must be 18 characters, got ${value.length}.`;
  const bad = [...value].findIndex((c) => !CODE_ALPHABET.includes(c));
  if (bad >= 0) {
    return `character ${bad + 1} (${JSON.stringify(value[bad])}) is not allowed: codes use digits and capital letters except I, O, S, V and Z.`;
  }
  if (!REGISTRATION_AUTHORITIES.includes(value[0]!)) {
    return `starts with ${value[0]}, which is not a registration authority code (1–9, A–G, N or Y).`;
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return `characters 3–8 (${value.slice(2, 8)}) must be the 6-digit administrative division code.`;
  }
  if (value[17] !== creditCodeCheckCharacter(value.slice(0, 17))) {
    return 'has a wrong check character (the 18th): the code was probably mistyped.';
  }
  return null;
}

const ORGANIZATION_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/** GB 11714's check character for the first 8 characters of an organization code (0–9 or X). */
export function organizationCodeCheckCharacter(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORGANIZATION_WEIGHTS[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

/**
 * Builds a valid code of a company (authority 9, category 1) registered in `divisionCode`, from an
 * 8-character organization code body: for demo data and tests.
 */
export function makeCreditCode(divisionCode: string, organizationBody: string): string {
  if (!/^\d{6}$/.test(divisionCode) || organizationBody.length !== 8 || [...organizationBody].some((c) => !CODE_ALPHABET.includes(c))) {
    throw new Error(`Cannot build a credit code from ${divisionCode} and ${organizationBody}.`);
  }
  const first17 = `91${divisionCode}${organizationBody}${organizationCodeCheckCharacter(organizationBody)}`;
  return first17 + creditCodeCheckCharacter(first17)!;
}
