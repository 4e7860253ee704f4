import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import { startLocalSystem, type LocalSystem } from '../../scripts/local-system.js';
import { deleteTables } from '../../subgraphs/shared/table-definition.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { graphqlClient, type Execute } from './graphql.js';

/**
 * The whole system as `npm start` runs it — every subgraph's real handler over HTTP and the real
 * gateway on the checked-in supergraph — on free ports and on tables of this test file only.
 */
export async function useLocalSystem(options: { loadDemoData: boolean }): Promise<LocalSystem & { execute: Execute }> {
  const dynamoEndpoint = inject('dynamoEndpoint');
  const system = await startLocalSystem({
    dynamoEndpoint,
    tablePrefix: `e${randomBytes(4).toString('hex')}-`,
    subgraphPorts: Object.fromEntries(subgraphList.map((s) => [s.name, 0])),
    gatewayPort: 0,
    loadDemoData: options.loadDemoData,
  });
  afterAll(async () => {
    await deleteTables(system.clients.client, Object.values(system.tableNames), { endpoint: dynamoEndpoint });
    await system.stop();
  });
  return { ...system, execute: graphqlClient(system.gatewayUrl) };
}
