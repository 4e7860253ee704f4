import { fileURLToPath } from 'node:url';
import { createTableInput, type TableDefinition } from './dynamodb.js';

/**
 * Shanxi's own table, in Shanxi's own storage (locally a table of DynamoDB Local; in production
 * whatever the province runs: the gateway never sees it). Key scheme in labor-contract-repository.ts.
 * `npm run -s table:create-input` prints the CreateTable input for `aws dynamodb create-table --cli-input-json`.
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

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  console.log(JSON.stringify(createTableInput(shanxiTable, process.env.TABLE_NAME || shanxiTable.name), null, 2));
}
