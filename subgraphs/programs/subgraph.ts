import { createSubgraphHandler, type SubgraphHandler } from '../shared/graphql/subgraph-server.js';
import { programsContext, type ProgramsStorage } from './context.js';
import { PlacementRepository } from './placement-repository.js';
import { applyStreamRecords, PROJECTED_ITEMS } from './stream-projection.js';
import { programsSchema } from './schema.js';
import { programsTable } from './table.js';

/** What the rest of the system needs to know to store, serve and compose the programs subgraph. */
export const programsSubgraph = {
  name: 'programs',
  table: programsTable,
  schemaFile: new URL('./schema.graphql', import.meta.url),
  /** Its resolvers' types (npm run codegen): the records each type's resolvers receive. */
  resolverTypes: {
    contextType: './context.js#ProgramsContext',
    mappers: {
      CooperationProgram: './program-repository.js#ProgramRecord',
      RecruitmentEvent: './program-repository.js#EventRecord',
      Workstation: './program-repository.js#WorkstationRecord',
      JobDemandEntry: './program-repository.js#JobDemandRecord',
      JobSupplyEntry: './program-repository.js#JobSupplyRecord',
      Placement: './placement-repository.js#PlacementRecord',
      RetentionFollowUp: './placement-repository.js#FollowUpView',
      PlacementStatistics: './statistics.js#StatisticsView',
      CountyStatistics: './statistics.js#CountyStatisticsView',
      PlacementCounts: './statistics.js#PlacementCountsView',
      Person: './statistics.js#EntityReference',
      JobPosting: './statistics.js#EntityReference',
      Employer: './statistics.js#EntityReference',
    },
  },
  createHandler: (storage: ProgramsStorage): SubgraphHandler =>
    createSubgraphHandler({ name: 'programs', schema: programsSchema, createContext: programsContext(storage) }),
  /** People's flags and home provinces, postings' employers, terms and hires, from those tables' streams (stream-projection.ts). */
  projections: {
    items: PROJECTED_ITEMS,
    createApply: (storage: ProgramsStorage) => {
      const placements = new PlacementRepository(storage.documents, storage.tableName);
      return (records: Parameters<typeof applyStreamRecords>[1]) => applyStreamRecords(placements, records);
    },
  },
};
