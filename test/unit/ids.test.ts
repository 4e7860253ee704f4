import { describe, expect, it } from 'vitest';
import { newId, stableId } from '../../subgraphs/shared/domain/ids.js';

describe('newId', () => {
  it('is the prefix and 26 base32 characters', () => {
    expect(newId('per')).toMatch(/^per_[0-9a-hjkmnp-tv-z]{26}$/);
  });

  it('sorts by creation time, to the millisecond', () => {
    const ids = [1_500_000_000_000, 1_500_000_000_001, 1_500_000_000_008, 1_600_000_000_000].map((t) => newId('x', t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs between two ids of the same millisecond', () => {
    expect(newId('x', 1)).not.toBe(newId('x', 1));
  });
});

describe('stableId', () => {
  it('gives the same id for the same key and another for another key', () => {
    expect(stableId('hh', 'a')).toBe(stableId('hh', 'a'));
    expect(stableId('hh', 'a')).not.toBe(stableId('hh', 'b'));
    expect(stableId('hh', 'a')).toMatch(/^hh_[0-9a-z]{26}$/);
  });
});
