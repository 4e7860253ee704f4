/**
 * The dependency rule of .dependency-cruiser.cjs, checked over the whole repository with
 * dependency-cruiser's API: pure (reads source files only; no DynamoDB, no network).
 */
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CRUISED = ['subgraphs', 'gateway', 'partners', 'scripts', 'infra', 'web/src', 'test', 'bench'];

/** Cruises `folders` of the repository with the project's rules; paths in the result are relative to the root. */
async function cruiseRepository(folders: readonly string[] = CRUISED): Promise<ICruiseResult> {
  const cwd = process.cwd();
  // dependency-cruiser resolves and reports paths against the working directory.
  process.chdir(ROOT);
  try {
    const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
    const tsConfig = extractTSConfig('./tsconfig.json');
    const { output } = await cruise([...folders], { ...options, validate: true }, {}, { tsConfig });
    return output as ICruiseResult;
  } finally {
    process.chdir(cwd);
  }
}

/** One line a violation: the rule, the importing file and what it imports (or the cycle). */
const describeViolations = (result: ICruiseResult): string[] =>
  result.summary.violations.map((v) =>
    v.cycle?.length ? `${v.rule.name}: ${v.from} → ${v.cycle.map((c) => c.name).join(' → ')}` : `${v.rule.name}: ${v.from} → ${v.to}`,
  );

describe('the dependency rule', () => {
  it('has no violation anywhere in the repository', async () => {
    const result = await cruiseRepository();
    expect(result.summary.totalCruised, 'cruised no files: the paths are wrong').toBeGreaterThan(200);
    expect(describeViolations(result)).toEqual([]);
  }, 180_000);
});
