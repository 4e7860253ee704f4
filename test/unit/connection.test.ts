import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from '../../subgraphs/shared/graphql/connection.js';

describe('cursors', () => {
  const keys = ['facet', 'personId', 'pk', 'sk'];
  const key = { facet: 'ALL', personId: 'per_1', pk: 'PERSON#per_1', sk: 'FACET#ALL' };

  it('round-trips the key of the list it was made for', () => {
    expect(decodeCursor(encodeCursor('people:{}', key), 'people:{}', keys)).toEqual(key);
  });

  it.each([
    ['garbage', 'not-a-cursor!'],
    ['JSON that is not an object', Buffer.from('42').toString('base64url')],
    ['a key with a missing attribute', encodeCursor('people:{}', { facet: 'ALL', personId: 'x', pk: 'y' })],
    ['a key with a nested value', Buffer.from(JSON.stringify({ s: 'people:{}', k: { ...key, sk: { S: 'x' } } })).toString('base64url')],
  ])('refuses %s with BAD_USER_INPUT on `after`', (_, cursor) => {
    expect(() => decodeCursor(cursor, 'people:{}', keys)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'after' }) }),
    );
  });

  it('refuses a cursor of another list', () => {
    expect(() => decodeCursor(encodeCursor('people:{"skill":"x"}', key), 'people:{}', keys)).toThrow(/different list or filter/);
  });
});

describe('pageSize', () => {
  it('defaults to 20 and accepts 1 to 100', () => {
    expect(pageSize(undefined)).toBe(20);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(100)).toBe(100);
  });
  it.each([0, -1, 101, 2.5])('refuses %s', (first) => {
    expect(() => pageSize(first)).toThrow(/first: must be an integer from 1 to 100/);
  });
});
