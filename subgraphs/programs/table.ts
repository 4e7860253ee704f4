import type { TableDefinition } from '../shared/dynamodb/table-definition.js';

/**
 * The programs table: programs (with their lists, reports and workstations), events, placements,
 * the facet items every list query reads, statistics counters, and the projections of the people
 * and employers tables' streams (key scheme in keys.ts).
 */
export const programsTable: TableDefinition = {
  name: 'programs',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    // programs(filter), recruitmentEvents(filter), placements(filter), Program.events and
    // JobPosting.placements all read this index: one facet item per value a record is found by.
    { name: 'byFacet', partitionKey: { name: 'facet', type: 'S' }, sortKey: { name: 'facetSort', type: 'S' } },
  ],
};
