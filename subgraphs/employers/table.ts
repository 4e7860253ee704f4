import type { TableDefinition } from '../shared/dynamodb/table-definition.js';

/**
 * The employers table. One table holds employers, their credit-code uniqueness items, job
 * postings, hires, hire idempotency records (per caller), per-person hire lists, the people who
 * exist (projected from the people table's stream) and the facet items every list query reads (key
 * scheme in keys.ts).
 */
export const employersTable: TableDefinition = {
  name: 'employers',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    // Every `employers(filter)`, `jobPostings(filter)`, `Employer.postings` and job-matching query
    // reads this index: one facet item per filterable value of an employer or posting. Postings
    // sort by minimum wage, so a minimum-wage filter is a key condition on any facet.
    { name: 'byFacet', partitionKey: { name: 'facet', type: 'S' }, sortKey: { name: 'facetSort', type: 'S' } },
  ],
  stream: 'NEW_AND_OLD_IMAGES',
};
