import { randomBytes } from 'node:crypto';
import { afterAll, inject } from 'vitest';
import type { GatewaySecurity } from '../../gateway/serving/gateway.js';
import { DEV_AUDIENCE, DEV_ISSUER, signDevToken, type DevTokenClaims } from '../../scripts/dev-keys.js';
import { startLocalSystem, type LocalSystem } from '../../scripts/local-system.js';
import type { PartnerEndpoints } from '../../scripts/partner-services.js';
import { deleteTables } from '../../subgraphs/shared/dynamodb/table-definition.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { runDynamoEndpoint, sharedDemoEndpoint } from './dynamo.js';
import { graphqlClient, type Execute } from './graphql.js';
import { SHARED_DEMO_PREFIX } from './shared-demo.js';

/**
 * The whole system as `npm start` runs it — every subgraph's real handler over HTTP and the real
 * gateway on the checked-in supergraph — on free ports. With `loadDemoData` it reads the run's
 * shared demo tables (loaded once by global-setup); without, tables of this test file only.
 */
export async function useLocalSystem(options: {
  loadDemoData: boolean;
  onSubgraphRequest?: (subgraph: string, body: string | undefined) => void;
  /** Feed the programs subgraph's projections from the people and employers streams (see startLocalSystem). */
  streamProjections?: boolean;
  /** Production behaviour at the gateway (no introspection, the web app held to its persisted documents…). */
  production?: boolean;
  /** Partner subgraphs the test runs (e.g. the Shanxi service): where, and their secrets. */
  partners?: PartnerEndpoints;
}): Promise<LocalSystem & { execute: Execute; executeAs: (claims: DevTokenClaims) => Execute }> {
  const dynamoEndpoint = options.loadDemoData ? await sharedDemoEndpoint() : runDynamoEndpoint();
  const system = await startLocalSystem({
    dynamoEndpoint,
    tablePrefix: options.loadDemoData ? SHARED_DEMO_PREFIX : `e${randomBytes(4).toString('hex')}-`,
    subgraphPorts: Object.fromEntries(subgraphList.map((s) => [s.name, 0])),
    gatewayPort: 0,
    loadDemoData: false,
    keys: inject('keys'),
    onSubgraphRequest: options.onSubgraphRequest,
    ...(options.streamProjections ? { streamProjections: true } : {}),
    ...(options.production !== undefined ? { production: options.production } : {}),
    ...(options.partners ? { partners: options.partners } : {}),
  });
  afterAll(async () => {
    if (!options.loadDemoData) await deleteTables(system.clients.client, Object.values(system.tableNames), { endpoint: dynamoEndpoint });
    await system.stop();
  });
  const keys = inject('keys');
  /** Through the gateway as a client holding a development token with these claims. */
  const executeAs =
    (claims: DevTokenClaims): Execute =>
    async (query, variables, headers) =>
      graphqlClient(system.gatewayUrl)(query, variables, { authorization: `Bearer ${await signDevToken(keys.issuerPrivateKey, claims)}`, ...headers });
  return { ...system, execute: graphqlClient(system.gatewayUrl), executeAs };
}

/** The gateway security the local system uses, for tests that start a gateway of their own. */
export function testGatewaySecurity(): GatewaySecurity {
  const keys = inject('keys');
  return { gatewayPrivateKey: keys.gatewayPrivateKey, clientAuth: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, publicKeyPem: keys.issuerPublicKey } };
}
