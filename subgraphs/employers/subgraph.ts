import { createSubgraphHandler, type SubgraphHandler } from '../shared/subgraph-server.js';
import { employersContext, type EmployersStorage } from './context.js';
import { employersSchema } from './schema.js';
import { employersTable } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the employers subgraph. */
export const employersSubgraph = {
  name: 'employers',
  table: employersTable,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  createHandler: (storage: EmployersStorage): SubgraphHandler =>
    createSubgraphHandler({ name: 'employers', schema: employersSchema, createContext: employersContext(storage) }),
};
