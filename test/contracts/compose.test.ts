import { copyFileSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { listedSubgraphs, runCompose, SUPERGRAPH_FILE, type ComposableSubgraph } from '../../gateway/composition/compose.js';
import { subgraphTypeDefs } from '../../subgraphs/shared/graphql/shared-types.js';

const PEOPLE_SDL = readFileSync(new URL('../../subgraphs/people/schema.graphql', import.meta.url), 'utf8');

/** The listed subgraphs with the people SDL edited, as a developer's working copy would be. */
function withPeopleSdl(edit: (sdl: string) => string): ComposableSubgraph[] {
  const edited = edit(PEOPLE_SDL);
  expect(edited).not.toBe(PEOPLE_SDL);
  const file = join(mkdtempSync(join(tmpdir(), 'sdl-')), 'schema.graphql');
  writeFileSync(file, edited);
  return listedSubgraphs().map((s) => (s.name === 'people' ? { ...s, typeDefs: subgraphTypeDefs(pathToFileURL(file)) } : s));
}

/** A scratch copy of the checked-in supergraph, so the command can write without touching the repo. */
function scratchFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  const supergraphFile = join(dir, 'supergraph.graphql');
  copyFileSync(SUPERGRAPH_FILE, supergraphFile);
  return { supergraphFile, changelogFile: join(dir, 'schema-changelog.md') };
}

const today = new Date('2026-11-29T00:00:00Z');

describe('npm run compose', () => {
  it('writes nothing when the supergraph is up to date', () => {
    const files = scratchFiles();
    expect(runCompose([], listedSubgraphs(), files, today)).toEqual({
      exitCode: 0,
      lines: [expect.stringMatching(/^gateway\/supergraph.graphql is already up to date/)],
    });
  });

  it('writes an additive change and notes nothing breaking', () => {
    const files = scratchFiles();
    const subgraphs = withPeopleSdl((sdl) =>
      sdl.replace(
        '  "From the resident ID number."\n  gender',
        '  nickname: String @requiresScopes(scopes: [["people:read"]])\n  "From the resident ID number."\n  gender',
      ),
    );
    const outcome = runCompose([], subgraphs, files, today);
    expect(outcome.exitCode).toBe(0);
    expect(readFileSync(files.supergraphFile, 'utf8')).toContain('nickname: String');
    expect(existsSync(files.changelogFile)).toBe(false);
  });

  it.each([
    [
      'a removed field',
      (sdl: string) => sdl.replace(/ {2}"The region with this GB\/T 2260 code[^\n]*\n {2}region\(code: String!\): Region\n/, ''),
      'FIELD_REMOVED: Query.region was removed.',
    ],
    [
      'a removed enum value',
      (sdl: string) => sdl.replace('  NOT_SEEKING_WORK\n', ''),
      'VALUE_REMOVED_FROM_ENUM: NOT_SEEKING_WORK was removed from enum type EmploymentStatus.',
    ],
    [
      'a retyped field',
      (sdl: string) => sdl.replace('  birthYear: Int!', '  birthYear: String!'),
      'FIELD_CHANGED_KIND: Person.birthYear changed type from Int! to String!.',
    ],
    [
      'an argument made required',
      (sdl: string) => sdl.replace('people(filter: PeopleFilter, first: Int', 'people(filter: PeopleFilter!, first: Int'),
      'ARG_CHANGED_KIND: Query.people arg filter has changed type from PeopleFilter to PeopleFilter!.',
    ],
  ])('refuses %s, leaving the supergraph as it was', (_, edit, change) => {
    const files = scratchFiles();
    const before = readFileSync(files.supergraphFile, 'utf8');
    const outcome = runCompose([], withPeopleSdl(edit), files, today);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toMatch(/^Refusing to write gateway\/supergraph.graphql: \d+ breaking change\(s\)/);
    expect(outcome.lines).toContain(`  - ${change}`);
    expect(outcome.lines.at(-1)).toBe('or, if breaking clients is intended, run: npm run compose -- --allow-breaking "why this is acceptable"');
    expect(readFileSync(files.supergraphFile, 'utf8')).toBe(before);
  });

  it('writes a breaking change given a reason, and keeps the reason in the changelog', () => {
    const files = scratchFiles();
    const subgraphs = withPeopleSdl((sdl) => sdl.replace('  NOT_SEEKING_WORK\n', ''));
    const outcome = runCompose(['--allow-breaking', 'No front end uses NOT_SEEKING_WORK yet'], subgraphs, files, today);
    expect(outcome.exitCode).toBe(0);
    expect(readFileSync(files.changelogFile, 'utf8')).toContain(
      '## 2026-11-29: No front end uses NOT_SEEKING_WORK yet\n\n- VALUE_REMOVED_FROM_ENUM: NOT_SEEKING_WORK was removed from enum type EmploymentStatus.\n',
    );
    expect(readFileSync(files.supergraphFile, 'utf8')).not.toContain('NOT_SEEKING_WORK');
  });

  it('prints every composition error with the subgraph file and line', () => {
    const files = scratchFiles();
    const outcome = runCompose(
      [],
      withPeopleSdl((sdl) => sdl.replace('type Person @key(fields: "id")', 'type Person @key(fields: "nope")')),
      files,
      today,
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toMatch(/^Composition failed with \d+ error\(s\):$/);
    expect(outcome.lines[1]).toMatch(
      /^ {2}- KEY_INVALID_FIELDS: \[people\] On type "Person", for @key\(fields: "nope"\): Cannot query field "nope" .* \(at [^)]*schema\.graphql:\d+/,
    );
  });

  it('--check fails on a stale supergraph and passes on a fresh one', () => {
    const files = scratchFiles();
    expect(runCompose(['--check'], listedSubgraphs(), files, today)).toEqual({ exitCode: 0, lines: ['gateway/supergraph.graphql is up to date.'] });
    const stale = runCompose(
      ['--check'],
      withPeopleSdl((sdl) => sdl.replace('  name: String!\n', '  name: String!\n  alias: String\n')),
      files,
      today,
    );
    expect(stale).toEqual({
      exitCode: 1,
      lines: ['gateway/supergraph.graphql is stale: a subgraph schema changed since it was composed. Run `npm run compose` and commit the result.'],
    });
  });
});
