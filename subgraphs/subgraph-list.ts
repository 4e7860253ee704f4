import { employersSubgraph } from './employers/subgraph.js';
import { peopleSubgraph } from './people/subgraph.js';
import { programsSubgraph } from './programs/subgraph.js';

/**
 * The one list of subgraphs. Composition, the local runner, the gateway and the tests read it;
 * adding a subgraph means adding it here.
 */
export const subgraphList = [
  { ...peopleSubgraph, port: 4001 },
  { ...employersSubgraph, port: 4002 },
  { ...programsSubgraph, port: 4003 },
] as const;

export type SubgraphEntry = (typeof subgraphList)[number];

export const localUrl = (entry: { port: number }, host = 'localhost') => `http://${host}:${entry.port}/graphql`;
