/**
 * `npm run compose`: composes the subgraph SDL files into gateway/supergraph.graphql, refusing
 * breaking changes to the API unless `--allow-breaking "reason"` is given (reasons are kept in
 * gateway/schema-changelog.md).
 * `npm run compose -- --check`: fails when the checked-in supergraph is not what composition gives.
 */
import { composeServices } from '@apollo/composition';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, findBreakingChanges, findDangerousChanges, type DocumentNode, type GraphQLSchema } from 'graphql';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { subgraphTypeDefs } from '../subgraphs/shared/shared-types.js';
import { localUrl, subgraphList } from '../subgraphs/subgraph-list.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));
export const CHANGELOG_FILE = fileURLToPath(new URL('./schema-changelog.md', import.meta.url));

export interface ComposableSubgraph {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: DocumentNode;
}

/** The subgraph list as composition sees it: each subgraph's whole SDL and its local URL. */
export const listedSubgraphs = (): ComposableSubgraph[] =>
  subgraphList.map((entry) => ({ name: entry.name, url: localUrl(entry), typeDefs: subgraphTypeDefs(entry.schemaFile) }));

export type CompositionResult = { ok: true; supergraph: string } | { ok: false; errors: string[] };

/** Composes subgraphs; each error names the subgraph files and lines composition points at. */
export function composeSupergraph(subgraphs: readonly ComposableSubgraph[] = listedSubgraphs()): CompositionResult {
  const result = composeServices([...subgraphs]);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => {
        const where = [
          ...new Set(
            (error.nodes ?? [])
              .map((node) => (node.loc ? `${node.loc.source.name}:${node.loc.startToken.line}` : null))
              .filter((place): place is string => place !== null),
          ),
        ];
        return `${error.extensions?.code ?? 'COMPOSITION_ERROR'}: ${error.message}${where.length > 0 ? ` (at ${where.join(', ')})` : ''}`;
      }),
    };
  }
  return { ok: true, supergraph: `${result.supergraphSdl.trim()}\n` };
}

/** The schema clients see: the supergraph without federation's machinery and @inaccessible parts. */
export function apiSchemaOf(supergraph: string): GraphQLSchema {
  // Through SDL text: federation-internals is CommonJS and carries its own copy of graphql's
  // classes, which the ESM graphql functions here would refuse as "from another realm".
  // null: accept every feature the supergraph links (auth directives are enforced by the gateway).
  return buildSchema(printSchema(Supergraph.build(supergraph, { supportedFeatures: null }).apiSchema()));
}

export interface SchemaChanges {
  /** Changes that can break an existing client: removed or retyped fields, new required arguments… */
  readonly breaking: string[];
  /** Changes that can surprise one without breaking it: new enum values, changed defaults… */
  readonly dangerous: string[];
}

export function compareApiSchemas(previousSupergraph: string, nextSupergraph: string): SchemaChanges {
  const previous = apiSchemaOf(previousSupergraph);
  const next = apiSchemaOf(nextSupergraph);
  return {
    breaking: findBreakingChanges(previous, next).map((change) => `${change.type}: ${change.description}`),
    dangerous: findDangerousChanges(previous, next).map((change) => `${change.type}: ${change.description}`),
  };
}

export interface ComposeFiles {
  readonly supergraphFile: string;
  readonly changelogFile: string;
}

export interface ComposeOutcome {
  readonly exitCode: number;
  readonly lines: string[];
}

/** The whole `npm run compose` command, with its files and subgraphs as arguments so tests can run it. */
export function runCompose(
  argv: readonly string[],
  subgraphs: readonly ComposableSubgraph[] = listedSubgraphs(),
  files: ComposeFiles = { supergraphFile: SUPERGRAPH_FILE, changelogFile: CHANGELOG_FILE },
  today = new Date(),
): ComposeOutcome {
  const { values } = parseArgs({
    args: [...argv],
    options: { check: { type: 'boolean', default: false }, 'allow-breaking': { type: 'string' } },
  });
  const lines: string[] = [];
  const result = composeSupergraph(subgraphs);
  if (!result.ok) {
    lines.push(`Composition failed with ${result.errors.length} error(s):`, ...result.errors.map((e) => `  - ${e}`));
    return { exitCode: 1, lines };
  }
  const current = existsSync(files.supergraphFile) ? readFileSync(files.supergraphFile, 'utf8') : null;
  if (values.check) {
    if (current === result.supergraph) return { exitCode: 0, lines: ['gateway/supergraph.graphql is up to date.'] };
    lines.push('gateway/supergraph.graphql is stale: a subgraph schema changed since it was composed. Run `npm run compose` and commit the result.');
    return { exitCode: 1, lines };
  }
  if (current === result.supergraph) {
    return { exitCode: 0, lines: [`gateway/supergraph.graphql is already up to date (${subgraphs.length} subgraphs).`] };
  }

  const changes = current ? compareApiSchemas(current, result.supergraph) : { breaking: [], dangerous: [] };
  const reason = values['allow-breaking']?.trim();
  if (changes.breaking.length > 0) {
    if (!reason) {
      lines.push(
        `Refusing to write gateway/supergraph.graphql: ${changes.breaking.length} breaking change(s) to the API clients use:`,
        ...changes.breaking.map((c) => `  - ${c}`),
        'Keep the old field or value (deprecate it with @deprecated) until no client uses it,',
        'or, if breaking clients is intended, run: npm run compose -- --allow-breaking "why this is acceptable"',
      );
      return { exitCode: 1, lines };
    }
    const entry = [
      `## ${today.toISOString().slice(0, 10)}: ${reason}`,
      '',
      ...changes.breaking.map((c) => `- ${c}`),
      '',
    ].join('\n');
    if (!existsSync(files.changelogFile)) {
      writeFileSync(files.changelogFile, '# Breaking changes to the API schema\n\nWritten by `npm run compose -- --allow-breaking "reason"`; newest last.\n\n');
    }
    appendFileSync(files.changelogFile, `${entry}\n`);
    lines.push(`Allowed ${changes.breaking.length} breaking change(s) (${reason}); recorded in gateway/schema-changelog.md.`);
  }
  for (const change of changes.dangerous) lines.push(`Note: ${change}`);
  writeFileSync(files.supergraphFile, result.supergraph);
  lines.push(`Composed ${subgraphs.length} subgraph(s) (${subgraphs.map((s) => s.name).join(', ')}) into gateway/supergraph.graphql.`);
  return { exitCode: 0, lines };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const outcome = runCompose(process.argv.slice(2));
    for (const line of outcome.lines) (outcome.exitCode === 0 ? console.log : console.error)(line);
    process.exitCode = outcome.exitCode;
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
