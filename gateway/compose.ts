/**
 * `npm run compose`: composes the subgraph SDL files into gateway/supergraph.graphql.
 * `npm run compose -- --check`: fails when the checked-in supergraph is not what composition gives.
 */
import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { subgraphTypeDefs } from '../subgraphs/shared/shared-types.js';
import { localUrl, subgraphList } from '../subgraphs/subgraph-list.js';

export const SUPERGRAPH_FILE = fileURLToPath(new URL('./supergraph.graphql', import.meta.url));

export type CompositionResult = { ok: true; supergraph: string } | { ok: false; errors: string[] };

/** Composes the subgraph list; errors name the subgraph and location where composition reports them. */
export function composeSupergraph(): CompositionResult {
  const result = composeServices(
    subgraphList.map((entry) => ({
      name: entry.name,
      url: localUrl(entry),
      typeDefs: subgraphTypeDefs(entry.schemaFile),
    })),
  );
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map((error) => {
        const where = error.nodes
          ?.map((node) => node.loc?.source && `${node.loc.source.name}:${node.loc.startToken.line}`)
          .filter(Boolean)
          .join(', ');
        return `${error.extensions?.code ?? 'COMPOSITION_ERROR'}: ${error.message}${where ? ` (at ${where})` : ''}`;
      }),
    };
  }
  return { ok: true, supergraph: `${result.supergraphSdl.trim()}\n` };
}

function main(argv: string[]): number {
  const result = composeSupergraph();
  if (!result.ok) {
    console.error(`Composition failed with ${result.errors.length} error(s):`);
    for (const error of result.errors) console.error(`  - ${error}`);
    return 1;
  }
  if (argv.includes('--check')) {
    const current = readFileSync(SUPERGRAPH_FILE, 'utf8');
    if (current !== result.supergraph) {
      console.error('gateway/supergraph.graphql is stale: a subgraph schema changed since it was composed. Run `npm run compose` and commit the result.');
      return 1;
    }
    console.log('gateway/supergraph.graphql is up to date.');
    return 0;
  }
  writeFileSync(SUPERGRAPH_FILE, result.supergraph);
  console.log(`Composed ${subgraphList.length} subgraph(s) (${subgraphList.map((s) => s.name).join(', ')}) into gateway/supergraph.graphql.`);
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
