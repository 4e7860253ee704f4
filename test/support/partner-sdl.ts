/** Partner SDL as a province's pull request would change it, composed the way `npm run compose` does. */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect } from 'vitest';
import { listedSubgraphs, runCompose, SUPERGRAPH_FILE, type ComposableSubgraph } from '../../gateway/composition/compose.js';
import { subgraphTypeDefs } from '../../subgraphs/shared/graphql/shared-types.js';

export const SHANXI_SDL = readFileSync(new URL('../../partners/shanxi/schema.graphql', import.meta.url), 'utf8');
export const PEOPLE_SDL = readFileSync(new URL('../../subgraphs/people/schema.graphql', import.meta.url), 'utf8');
export const today = new Date('2026-11-29T00:00:00Z');

/** SDL text as a schema file of its own, parsed as compose parses the listed files (so errors name file and line). */
export function typeDefsOf(sdl: string) {
  const file = join(mkdtempSync(join(tmpdir(), 'partner-sdl-')), 'schema.graphql');
  writeFileSync(file, sdl);
  return subgraphTypeDefs(pathToFileURL(file));
}

/** The listed subgraphs with Shanxi's SDL (and policy) edited, and optionally the people SDL too. */
export function withShanxi(
  edit: (sdl: string) => string,
  policy: Partial<ComposableSubgraph['partner']> = {},
  editPeople?: (sdl: string) => string,
): ComposableSubgraph[] {
  const edited = edit(SHANXI_SDL);
  expect(edited).not.toBe(SHANXI_SDL);
  const people = editPeople ? editPeople(PEOPLE_SDL) : undefined;
  if (editPeople) expect(people).not.toBe(PEOPLE_SDL);
  return listedSubgraphs().map((s) => {
    if (s.name === 'shanxi') return { ...s, typeDefs: typeDefsOf(edited), partner: { ...s.partner!, ...policy } };
    if (s.name === 'people' && people) return { ...s, typeDefs: typeDefsOf(people) };
    return s;
  });
}

/** Adds SDL to Person as Shanxi defines it. */
export const onPerson = (fields: string) => (sdl: string) =>
  sdl.replace('type Person @key(fields: "id") {\n  id: ID!\n', `type Person @key(fields: "id") {\n  id: ID!\n${fields}\n`);
/** Adds one import to Shanxi's federation @link: `"@policy"`, or `{ name: "@requires", as: "@needs" }`. */
export const importingAs = (entry: string) => (sdl: string) => sdl.replace('import: ["@key",', `import: [${entry}, "@key",`);
export const importing = (directive: string) => importingAs(`"${directive}"`);

export function scratchFiles() {
  const dir = mkdtempSync(join(tmpdir(), 'compose-'));
  const supergraphFile = join(dir, 'supergraph.graphql');
  copyFileSync(SUPERGRAPH_FILE, supergraphFile);
  return { supergraphFile, changelogFile: join(dir, 'schema-changelog.md') };
}

/** Runs `npm run compose` on the edited subgraphs; a refusal must leave the supergraph untouched. */
export function compose(subgraphs: ComposableSubgraph[], argv: string[] = []) {
  const files = scratchFiles();
  const before = readFileSync(files.supergraphFile, 'utf8');
  const outcome = runCompose(argv, subgraphs, files, today, []);
  if (outcome.exitCode !== 0) expect(readFileSync(files.supergraphFile, 'utf8')).toBe(before);
  return { ...outcome, supergraph: readFileSync(files.supergraphFile, 'utf8'), files };
}

/** The `(at file:line)` ending of a refusal that points into a schema file. */
export const at = String.raw`\(at [^)]*schema\.graphql:\d+\)`;
