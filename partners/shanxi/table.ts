import type { TableDefinition } from '../../subgraphs/shared/dynamodb/table-definition.js';

/**
 * Shanxi's own table, in Shanxi's own storage (locally a table of DynamoDB Local; in production
 * whatever the province runs: the gateway never sees it). Key scheme in labor-contract-repository.ts.
 */
export const shanxiTable: TableDefinition = {
  name: 'shanxi',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    // shanxiLaborCompanies(countyCode) and shanxiLaborCompanies(): companies by county, and all of them.
    { name: 'byCounty', partitionKey: { name: 'countyCode', type: 'S' }, sortKey: { name: 'id', type: 'S' } },
    { name: 'byKind', partitionKey: { name: 'kind', type: 'S' }, sortKey: { name: 'id', type: 'S' } },
  ],
};
