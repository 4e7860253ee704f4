import { describe, expect, it } from 'vitest';
import { InputProblems } from '../../subgraphs/shared/graphql/errors.js';
import { checkRegionCode, type RegionLevel } from '../../subgraphs/shared/graphql/input-checks.js';

/** The problems checkRegionCode reports for a value at a level: [] when it is accepted. */
function problemsOf(value: string, level?: RegionLevel): string[] {
  const problems = new InputProblems();
  const returned = checkRegionCode(problems, 'input.code', value, level);
  expect(returned).toBe(value);
  try {
    problems.throwIfAny();
    return [];
  } catch (error) {
    return ((error as { extensions: { problems: { message: string }[] } }).extensions.problems ?? []).map((p) => p.message);
  }
}

describe('checkRegionCode: the one region check of every subgraph', () => {
  // 500000 Chongqing (a province-level municipality), 370100 Jinan (a city), 500230 Fengdu (a county).
  const cases: [RegionLevel, string, boolean][] = [
    ['any', '500000', true],
    ['any', '370100', true],
    ['any', '500230', true],
    ['local', '500000', false],
    ['local', '370100', true],
    ['local', '500230', true],
    ['county', '500000', false],
    ['county', '370100', false],
    ['county', '500230', true],
    ['city', '500000', false],
    ['city', '370100', true],
    ['city', '500230', false],
  ];
  it.each(cases)('at level %s takes %s: %s', (level, code, accepted) => {
    const problems = problemsOf(code, level);
    if (accepted) expect(problems).toEqual([]);
    else expect(problems).toEqual([expect.stringMatching(new RegExp(`^${code} \\(.+\\) (is a province|is not county level|is not a prefecture-level city)`))]);
  });

  it('refuses an unknown code at every level with the same message, naming the query that lists codes', () => {
    for (const level of ['any', 'local', 'county', 'city'] as const)
      expect(problemsOf('999999', level)).toEqual(['"999999" is not a region code the product knows (query `region(code)`).']);
  });
});
