/**
 * `npm run gateway -- --supergraph FILE [--port N]`: the gateway alone, serving any supergraph with
 * the subgraph URLs written in it (external test suites, benchmarks). Without GATEWAY_PRIVATE_KEY it
 * signs with the development keys `npm start` made, which its subgraphs trust.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SUPERGRAPH_FILE } from '../gateway/composition/compose.js';
import { deployedSupergraph, readGatewayConfig } from '../gateway/serving/config.js';
import { DEFAULT_GATEWAY_PORT, startGatewayServer } from '../gateway/serving/server.js';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys } from './dev-keys.js';

async function main() {
  const { values } = parseArgs({
    options: { supergraph: { type: 'string' }, port: { type: 'string' } },
  });
  const port = Number(values.port ?? process.env.PORT ?? DEFAULT_GATEWAY_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, got ${values.port}.`);
  const file = values.supergraph ?? SUPERGRAPH_FILE;
  let supergraph: string;
  try {
    supergraph = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`Cannot read the supergraph file ${file}; pass an existing file with --supergraph.`);
  }
  const config = readGatewayConfig();
  // Without GATEWAY_PRIVATE_KEY, the development keys `npm start` made (and its subgraphs trust).
  const keys = config.security ? null : await loadOrCreateDevKeys();
  const running = await startGatewayServer({
    security: config.security ?? {
      gatewayPrivateKey: keys!.gatewayPrivateKey,
      clientAuth: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, publicKeyPem: keys!.issuerPublicKey },
    },
    supergraph: deployedSupergraph(supergraph, config),
    timeoutsMs: config.timeoutsMs,
    production: config.production,
    corsOrigins: config.corsOrigins,
    persistedDocuments: { persistedOnlyClients: config.persistedOnlyClients },
    demandControl: config.demandControl,
    port,
  });
  console.log(`Gateway ready at ${running.url} (supergraph: ${values.supergraph ?? 'gateway/supergraph.graphql'})`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(error.message);
    process.exit(1);
  });
}
