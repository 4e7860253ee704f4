import { createSubgraphHandler, type SubgraphHandler } from '../shared/graphql/subgraph-server.js';
import { employersContext, type EmployersStorage } from './context.js';
import { PostingRepository } from './posting-repository.js';
import { applyStreamRecords, PROJECTED_ITEMS } from './stream-projection.js';
import { employersSchema } from './schema.js';
import { employersTable } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the employers subgraph. */
export const employersSubgraph = {
  name: 'employers',
  table: employersTable,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  /** Its resolvers' types (npm run codegen): the records each type's resolvers receive. */
  resolverTypes: {
    contextType: './context.js#EmployersContext',
    mappers: {
      Employer: './employer-repository.js#EmployerRecord',
      ContactPerson: './employer-repository.js#ContactPersonRecord',
      JobPosting: './posting-repository.js#PostingRecord',
      Benefits: './posting-repository.js#BenefitsRecord',
      Hire: './posting-repository.js#HireRecord',
      Person: './recommendations.js#PersonReference',
      PostingRecommendation: './recommendations.js#Recommendation',
    },
  },
  createHandler: (storage: EmployersStorage): SubgraphHandler =>
    createSubgraphHandler({ name: 'employers', schema: employersSchema, createContext: employersContext(storage) }),
  /** Which people exist, from the people table's stream (stream-projection.ts). */
  projections: {
    items: PROJECTED_ITEMS,
    createApply: (storage: EmployersStorage) => {
      const postings = new PostingRepository(storage.documents, storage.tableName);
      return (records: Parameters<typeof applyStreamRecords>[1]) => applyStreamRecords(postings, records);
    },
  },
};
