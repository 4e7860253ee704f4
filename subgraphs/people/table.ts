import type { TableDefinition } from '../shared/dynamodb/table-definition.js';

/**
 * The people table. One table holds people, their uniqueness and index items, and households
 * (key scheme in keys.ts). The stream publishes changes for projections in other subgraphs,
 * which must never read this table directly.
 */
export const peopleTable: TableDefinition = {
  name: 'people',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    // Every `people(filter)` query reads this index: one facet item per filterable value of a person.
    { name: 'byFacet', partitionKey: { name: 'facet', type: 'S' }, sortKey: { name: 'personId', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
  // Counters of refused registrations (registration-conflicts.ts) expire by themselves.
  timeToLiveAttribute: 'expiresAt',
};
