import { createSubgraphHandler, type SubgraphHandler } from '../shared/subgraph-server.js';
import { programsContext, type ProgramsStorage } from './context.js';
import { programsSchema } from './schema.js';
import { programsTable } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the programs subgraph. */
export const programsSubgraph = {
  name: 'programs',
  table: programsTable,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  createHandler: (storage: ProgramsStorage): SubgraphHandler =>
    createSubgraphHandler({ name: 'programs', schema: programsSchema, createContext: programsContext(storage) }),
};
