/**
 * The Shanxi partner is a service a province copies out of this repository and runs on its own
 * servers: it may import its own files and the npm packages its package.json lists, nothing else.
 * Pure: reads files, starts nothing.
 */
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print, visit, type DefinitionNode } from 'graphql';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import rootCodegen from '../../codegen.js';
import { resolverTypes as partnerCodegen } from '../../partners/shanxi/codegen.js';
import { divisionCodes, findRegion as partnerRegion } from '../../partners/shanxi/regions.js';
import { socialInsuranceSubsidy as partnerRule, SUBSIDY_MAX_MONTHS as PARTNER_MAX_MONTHS } from '../../partners/shanxi/subsidy-rule.js';
import { findRegion as coreRegion } from '../../subgraphs/shared/domain/regions.js';
import { socialInsuranceSubsidy as coreRule, SUBSIDY_MAX_MONTHS as CORE_MAX_MONTHS } from '../../subgraphs/shared/domain/social-insurance-subsidy.js';
import { sharedTypeNames } from '../../subgraphs/shared/graphql/shared-types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PARTNER = join(ROOT, 'partners/shanxi');

type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const readManifest = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
const listed = (manifest: Manifest) => ({ ...manifest.dependencies, ...manifest.devDependencies });

/** Every TypeScript file of a folder, node_modules and generated output of tools aside. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts|cts)$/.test(name) ? [path] : [];
  });
}

/** `@scope/name/deep/path` → `@scope/name`; `name/deep` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

/** A relative specifier as TypeScript resolves it here: `./x.js` may name `./x.ts`. */
function resolvesTo(from: string, specifier: string): string | undefined {
  const target = resolve(dirname(from), specifier);
  const candidates = [target, target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts'), `${target}.ts`, join(target, 'index.ts')];
  return candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
}

/** What is wrong with each import of the files of `dir`, given the packages its package.json lists. */
function importViolations(dir: string): string[] {
  const packages = listed(readManifest(dir));
  return sourceFiles(dir).flatMap((file) => {
    const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    const where = relative(ROOT, file);
    return info.importedFiles.flatMap(({ fileName: specifier }) => {
      if (specifier.startsWith('.') || specifier.startsWith('/')) {
        const target = resolvesTo(file, specifier);
        if (!target) return [`${where}: ${specifier} resolves to no file`];
        const inside = relative(dir, target);
        return inside.startsWith('..') || inside.startsWith(sep) ? [`${where}: ${specifier} leaves partners/shanxi (${relative(ROOT, target)})`] : [];
      }
      if (specifier.startsWith('node:') || builtinModules.includes(specifier)) return [];
      const name = packageOf(specifier);
      return name in packages ? [] : [`${where}: ${specifier} is from ${name}, which partners/shanxi/package.json does not list`];
    });
  });
}

describe('the Shanxi partner as a service of its own', () => {
  it('imports only its own files and the packages its package.json lists', () => {
    expect(importViolations(PARTNER)).toEqual([]);
  });

  it('lists exactly the versions the root package.json pins, so the root install serves it here', () => {
    const root = listed(readManifest(ROOT));
    const mismatched = Object.entries(listed(readManifest(PARTNER)))
      .filter(([name, version]) => root[name] !== version)
      .map(([name, version]) => `${name}: ${version} in partners/shanxi, ${root[name] ?? 'absent'} at the root`);
    expect(mismatched).toEqual([]);
  });
});

const definitionsOf = (file: string) => parse(readFileSync(file, 'utf8')).definitions;
const nameOf = (definition: DefinitionNode) => ('name' in definition && definition.name ? definition.name.value : undefined);

describe('what the Shanxi partner keeps of its own, compared with the core it must agree with', () => {
  it("serves the shared value types it uses exactly as the core defines them, for composition appends the core's to its schema.graphql", () => {
    const core = new Map(definitionsOf(join(ROOT, 'subgraphs/shared/graphql/shared-types.graphql')).map((d) => [nameOf(d), print(d)]));
    const own = definitionsOf(join(PARTNER, 'shared-types.graphql'));
    // Every shared type schema.graphql names is in the partner's copy…
    const named = new Set<string>();
    const nameAll = (definitions: readonly DefinitionNode[]) =>
      visit({ kind: Kind.DOCUMENT, definitions }, { NamedType: (node) => void named.add(node.name.value) });
    nameAll(definitionsOf(join(PARTNER, 'schema.graphql')));
    // …and the shared types those name in turn (Region → PovertyDesignation → its enum).
    const coreDefinitions = definitionsOf(join(ROOT, 'subgraphs/shared/graphql/shared-types.graphql'));
    for (let size = -1; size !== named.size; ) {
      size = named.size;
      nameAll(coreDefinitions.filter((d) => named.has(nameOf(d) ?? '')));
    }
    expect(own.map(nameOf).sort()).toEqual([...sharedTypeNames()].filter((name) => named.has(name)).sort());
    // …and each is the core's definition, word for word.
    for (const definition of own) expect(print(definition)).toBe(core.get(nameOf(definition)));
  });

  it("names each of its regions as the core's region list does", () => {
    expect(divisionCodes().length).toBeGreaterThan(10);
    for (const code of divisionCodes()) expect(partnerRegion(code)).toEqual(coreRegion(code));
  });

  it("decides the social insurance subsidy as the core's copy of Shanxi's rule does, in every case", () => {
    expect(PARTNER_MAX_MONTHS).toBe(CORE_MAX_MONTHS);
    for (const registeredPoor of [true, false]) {
      for (const month of [-1, 0, 1, 1.5, 2, 35, 36, 37, 120]) {
        for (const contributionFen of [-300, 0, 1, 2, 3, 0.5, 4410, 4411, 5500, 100_000]) {
          const input = { registeredPoor, month, contributionFen };
          expect({ input, decision: partnerRule(input) }).toEqual({ input, decision: coreRule(input) });
        }
      }
    }
  });

  it("is generated by the core's npm run codegen from the entry its own codegen.ts has", () => {
    const inPartner = (path: string) => `partners/shanxi/${path}`;
    const root = (rootCodegen.generates as Record<string, unknown>)[inPartner('generated/resolver-types.ts')];
    expect(root).toEqual({ ...partnerCodegen, schema: partnerCodegen.schema.map(inPartner) });
  });
});
