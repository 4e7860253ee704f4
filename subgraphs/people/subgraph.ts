import { createSubgraphHandler, type SubgraphHandler } from '../shared/graphql/subgraph-server.js';
import { peopleContext, type PeopleStorage } from './context.js';
import { peopleSchema } from './schema.js';
import { peopleTable } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the people subgraph. */
export const peopleSubgraph = {
  name: 'people',
  table: peopleTable,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  createHandler: (storage: PeopleStorage): SubgraphHandler =>
    createSubgraphHandler({ name: 'people', schema: peopleSchema, createContext: peopleContext(storage) }),
};
