import { createHash, randomBytes } from 'node:crypto';

// Crockford base32: sortable as text, no ambiguous letters.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function base32(bytes: Uint8Array, length: number): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  // Leftover bits (48 bits of time make 9 characters and 3 bits) fill a last character.
  if (bits > 0 && out.length < length) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/**
 * A new id, e.g. `per_01jd2k…`: a 48-bit millisecond timestamp then 80 random bits, so ids sort by
 * creation time, which keeps paging orders stable and meaningful.
 */
export function newId(prefix: string, now = Date.now()): string {
  const time = Buffer.alloc(6);
  time.writeUIntBE(now, 0, 6);
  return `${prefix}_${base32(time, 10)}${base32(randomBytes(10), 16)}`;
}

/** The same id for the same key, every time: for demo data and idempotency keys. */
export function stableId(prefix: string, key: string): string {
  return `${prefix}_${base32(createHash('sha256').update(key).digest(), 26)}`;
}
