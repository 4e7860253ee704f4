import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { withSubgraphUrls } from '../../gateway/transport/supergraph-urls.js';

describe('gateway/supergraph.graphql', () => {
  it('is what composing the subgraph list gives now (run `npm run compose` when this fails)', () => {
    const result = composeSupergraph();
    if (!result.ok) throw new Error(`Composition failed:\n${result.errors.join('\n')}`);
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(result.supergraph);
  });

  it('points each subgraph at its local port', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toContain('@join__graph(name: "people", url: "http://localhost:4001/graphql")');
  });
});

describe('withSubgraphUrls', () => {
  it('rewrites the URL of a named subgraph and refuses an unknown name', () => {
    const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(withSubgraphUrls(supergraph, { people: 'http://127.0.0.1:5555/graphql' })).toContain(
      '@join__graph(name: "people", url: "http://127.0.0.1:5555/graphql")',
    );
    expect(() => withSubgraphUrls(supergraph, { nobody: 'http://x' })).toThrow('The supergraph has no subgraph named "nobody".');
  });
});
