/**
 * `npm run compose`: checks the partner policy (gateway/composition/partner-policy.ts), composes the subgraph SDL
 * files into gateway/supergraph.graphql, refusing breaking changes to the API unless
 * `--allow-breaking "reason"` is given (reasons are kept in gateway/composition/schema-changelog.md). Partner
 * subgraphs switched off (the kill switch) are left out, and removing their fields is not refused.
 * `npm run compose -- --check`: fails when the checked-in supergraph is not what composition gives.
 * Either also writes (checks) gateway/core-subgraphs.ts, the subgraph list's core names for the gateway.
 */
import { composeServices } from '@apollo/composition';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { buildSchema, findBreakingChanges, findDangerousChanges, type DocumentNode, type GraphQLSchema } from 'graphql';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { subgraphTypeDefs } from '../../subgraphs/shared/graphql/shared-types.js';
import {
  disabledSubgraphs,
  externalPartnerList,
  isExternalPartner,
  localUrl,
  routedSubgraphs,
  subgraphList,
  type PartnerPolicy,
  type SubgraphEntry,
} from '../../subgraphs/subgraph-list.js';
import { POLICIES } from '../auth/client-auth.js';
import { checkComposedSupergraph, checkPartnerPolicy, partnerContributions, unknownPolicies } from './partner-policy.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
export const CHANGELOG_FILE = fileURLToPath(new URL('./schema-changelog.md', import.meta.url));

export interface ComposableSubgraph {
  readonly name: string;
  readonly url: string;
  readonly typeDefs: DocumentNode;
  /** Present for partner subgraphs: the policy compose checks them against. */
  readonly partner?: PartnerPolicy;
}

/**
 * Where the supergraph sends each subgraph: `local` writes the local ports (the checked-in file);
 * `production` the partners' https URLs (in-repo subgraphs get their `lambda://` URLs from the
 * gateway's SUBGRAPH_URLS in AWS either way).
 */
export type SupergraphTarget = 'local' | 'production';

const composable = (entry: SubgraphEntry, target: SupergraphTarget): ComposableSubgraph => ({
  name: entry.name,
  url: target === 'production' && isExternalPartner(entry) ? entry.url : localUrl(entry),
  typeDefs: subgraphTypeDefs(entry.schemaFile),
  ...(entry.partner ? { partner: entry.partner } : {}),
});

/** The subgraph list as composition sees it: each routed subgraph's whole SDL and its URL. */
export const listedSubgraphs = (target: SupergraphTarget = 'local', env: NodeJS.ProcessEnv = process.env): ComposableSubgraph[] =>
  routedSubgraphs(env).map((entry) => composable(entry, target));

/** Partner subgraphs the kill switch turned off: composed without, their removal is expected. */
export const switchedOffSubgraphs = (env: NodeJS.ProcessEnv = process.env): ComposableSubgraph[] => {
  const disabled = disabledSubgraphs(env);
  return [...subgraphList, ...externalPartnerList].filter((entry) => disabled.has(entry.name)).map((entry) => composable(entry, 'local'));
};

export type CompositionResult = { ok: true; supergraph: string } | { ok: false; refusedBy: 'partner policy' | 'composition'; errors: string[] };

/** Composes subgraphs; each error names the subgraph files and lines composition points at. */
export function composeSupergraph(subgraphs: readonly ComposableSubgraph[] = listedSubgraphs()): CompositionResult {
  const policyProblems = [...unknownPolicies(subgraphs, Object.keys(POLICIES)), ...checkPartnerPolicy(subgraphs)];
  if (policyProblems.length > 0) return { ok: false, refusedBy: 'partner policy', errors: policyProblems };
  const result = composeServices([...subgraphs]);
  if (result.errors) {
    return {
      ok: false,
      refusedBy: 'composition',
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
  // The check again on what the gateway will plan from: the field sets as the supergraph carries them.
  const shipped = checkComposedSupergraph(result.supergraphSdl, subgraphs);
  if (shipped.length > 0) return { ok: false, refusedBy: 'partner policy', errors: shipped };
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

/** How a composition failure reads on the terminal. */
export const compositionFailure = (result: Extract<CompositionResult, { ok: false }>): string[] => [
  result.refusedBy === 'partner policy'
    ? `Refused by the partner policy with ${result.errors.length} problem(s) (PARTNERS.md explains each):`
    : `Composition failed with ${result.errors.length} error(s):`,
  ...result.errors.map((e) => `  - ${e}`),
];

/** FIELD_REMOVED / TYPE_REMOVED descriptions name the coordinate first: `Person.shanxiX was removed.` */
const removedCoordinate = (change: string) => /^(?:FIELD_REMOVED|TYPE_REMOVED): (\S+) was removed\.$/.exec(change)?.[1];

export type ChangeReview =
  | { readonly ok: true; readonly lines: string[]; readonly changelogEntry: string | null }
  | { readonly ok: false; readonly lines: string[] };

/**
 * Whether `next` may replace `previous` for the clients: breaking changes are refused without a
 * reason, except the removal of what switched-off partners contributed (the kill switch must work
 * in an emergency without anyone's sign-off).
 */
export function reviewChanges(
  previous: string | null,
  next: string,
  options: { reason?: string; switchedOff?: readonly ComposableSubgraph[]; core?: readonly ComposableSubgraph[]; today?: Date; target?: string },
): ChangeReview {
  const changes = previous ? compareApiSchemas(previous, next) : { breaking: [], dangerous: [] };
  const target = options.target ?? 'gateway/supergraph.graphql';
  const switchedOff = (options.switchedOff ?? []).map((s) => ({
    name: s.name,
    removed: partnerContributions(
      s,
      (options.core ?? []).filter((c) => !c.partner),
    ),
  }));
  const expected = (change: string) => {
    const coordinate = removedCoordinate(change);
    return coordinate ? switchedOff.find((s) => s.removed.has(coordinate))?.name : undefined;
  };
  const lines: string[] = [];
  const breaking = changes.breaking.filter((change) => !expected(change));
  for (const change of changes.breaking.filter(expected)) lines.push(`Removed with the switched-off partner subgraph ${expected(change)}: ${change}`);
  const reason = options.reason?.trim();
  let changelogEntry: string | null = null;
  if (breaking.length > 0) {
    if (!reason) {
      return {
        ok: false,
        lines: [
          `Refusing to write ${target}: ${breaking.length} breaking change(s) to the API clients use:`,
          ...breaking.map((c) => `  - ${c}`),
          'Keep the old field or value (deprecate it with @deprecated) until no client uses it,',
          `or, if breaking clients is intended, run: npm run ${target === 'gateway/supergraph.graphql' ? 'compose' : 'publish-supergraph'} -- --allow-breaking "why this is acceptable"`,
        ],
      };
    }
    changelogEntry = [`## ${(options.today ?? new Date()).toISOString().slice(0, 10)}: ${reason}`, '', ...breaking.map((c) => `- ${c}`), ''].join('\n');
    lines.push(`Allowed ${breaking.length} breaking change(s) (${reason}); recorded in gateway/composition/schema-changelog.md.`);
  }
  for (const change of changes.dangerous) lines.push(`Note: ${change}`);
  return { ok: true, lines, changelogEntry };
}

export function appendToChangelog(changelogFile: string, entry: string): void {
  if (!existsSync(changelogFile)) {
    writeFileSync(changelogFile, '# Breaking changes to the API schema\n\nWritten by `npm run compose -- --allow-breaking "reason"`; newest last.\n\n');
  }
  appendFileSync(changelogFile, `${entry}\n`);
}

/** The whole `npm run compose` command, with its files and subgraphs as arguments so tests can run it. */
export function runCompose(
  argv: readonly string[],
  subgraphs: readonly ComposableSubgraph[] = listedSubgraphs(),
  files: ComposeFiles = { supergraphFile: SUPERGRAPH_FILE, changelogFile: CHANGELOG_FILE },
  today = new Date(),
  switchedOff: readonly ComposableSubgraph[] = switchedOffSubgraphs(),
): ComposeOutcome {
  const { values } = parseArgs({
    args: [...argv],
    options: { check: { type: 'boolean', default: false }, 'allow-breaking': { type: 'string' } },
  });
  const result = composeSupergraph(subgraphs);
  if (!result.ok) return { exitCode: 1, lines: compositionFailure(result) };
  const current = existsSync(files.supergraphFile) ? readFileSync(files.supergraphFile, 'utf8') : null;
  if (values.check) {
    if (current === result.supergraph) return { exitCode: 0, lines: ['gateway/supergraph.graphql is up to date.'] };
    return {
      exitCode: 1,
      lines: ['gateway/supergraph.graphql is stale: a subgraph schema changed since it was composed. Run `npm run compose` and commit the result.'],
    };
  }
  if (current === result.supergraph) {
    return { exitCode: 0, lines: [`gateway/supergraph.graphql is already up to date (${subgraphs.length} subgraphs).`] };
  }
  const review = reviewChanges(current, result.supergraph, { reason: values['allow-breaking'], switchedOff, core: subgraphs, today });
  if (!review.ok) return { exitCode: 1, lines: review.lines };
  if (review.changelogEntry) appendToChangelog(files.changelogFile, review.changelogEntry);
  writeFileSync(files.supergraphFile, result.supergraph);
  const off = switchedOff.length > 0 ? `; switched off: ${switchedOff.map((s) => s.name).join(', ')}` : '';
  return {
    exitCode: 0,
    lines: [...review.lines, `Composed ${subgraphs.length} subgraph(s) (${subgraphs.map((s) => s.name).join(', ')}) into gateway/supergraph.graphql${off}.`],
  };
}

export const CORE_SUBGRAPHS_FILE = fileURLToPath(new URL('../core-subgraphs.ts', import.meta.url));

/**
 * gateway/core-subgraphs.ts, from the subgraph list: the names of the core subgraphs, the only ones
 * the gateway gives client claims. The gateway cannot import the list itself (it would load every
 * subgraph's schema and resolvers), and must not learn it from deployment settings.
 */
export function coreSubgraphsModule(entries: readonly SubgraphEntry[] = [...subgraphList, ...externalPartnerList]): string {
  const core = entries.filter((entry) => !entry.partner).map((entry) => entry.name);
  return [
    '// Generated by `npm run compose` from subgraphs/subgraph-list.ts (its entries without `partner`); do not edit.',
    '/** The core subgraphs: every other subgraph the gateway routes to is a partner and gets no client claims. */',
    `export const CORE_SUBGRAPHS: readonly string[] = ${JSON.stringify(core)};`,
    '',
  ].join('\n');
}

/** Writes (or with --check, checks) gateway/core-subgraphs.ts; the line to print. */
function syncCoreSubgraphs(check: boolean): { ok: boolean; line: string } {
  const wanted = coreSubgraphsModule();
  const current = existsSync(CORE_SUBGRAPHS_FILE) ? readFileSync(CORE_SUBGRAPHS_FILE, 'utf8') : null;
  if (current === wanted) return { ok: true, line: 'gateway/core-subgraphs.ts is up to date.' };
  if (check) return { ok: false, line: 'gateway/core-subgraphs.ts is stale: the subgraph list changed. Run `npm run compose` and commit the result.' };
  writeFileSync(CORE_SUBGRAPHS_FILE, wanted);
  return { ok: true, line: 'Wrote gateway/core-subgraphs.ts from the subgraph list.' };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    const outcome = runCompose(process.argv.slice(2));
    for (const line of outcome.lines) (outcome.exitCode === 0 ? console.log : console.error)(line);
    process.exitCode = outcome.exitCode;
    if (outcome.exitCode === 0) {
      const core = syncCoreSubgraphs(process.argv.includes('--check'));
      (core.ok ? console.log : console.error)(core.line);
      if (!core.ok) process.exitCode = 1;
    }
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
}
