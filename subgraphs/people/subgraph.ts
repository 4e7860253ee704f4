import { createSubgraphHandler, type SubgraphHandler } from '../shared/graphql/subgraph-server.js';
import { peopleContext, type PeopleStorage } from './context.js';
import { peopleSchema } from './schema.js';
import { peopleTable } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the people subgraph. */
export const peopleSubgraph = {
  name: 'people',
  table: peopleTable,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  /** Its resolvers' types (npm run codegen): the records each type's resolvers receive. */
  resolverTypes: {
    contextType: './context.js#PeopleContext',
    mappers: {
      Person: './person-repository.js#PersonRecord',
      Household: './household-repository.js#HouseholdRecord',
      EmploymentRegistration: './person-repository.js#EmploymentRegistrationRecord',
      JobIntention: './person-repository.js#JobIntentionRecord',
    },
  },
  createHandler: (storage: PeopleStorage): SubgraphHandler =>
    createSubgraphHandler({ name: 'people', schema: peopleSchema, createContext: peopleContext(storage) }),
};
