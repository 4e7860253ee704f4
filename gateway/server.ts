/**
 * `npm run gateway -- --supergraph FILE [--port N]`: the gateway alone, serving any supergraph with
 * the subgraph URLs written in it. `npm start` uses the same function.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { SUPERGRAPH_FILE } from './compose.js';
import { DEV_AUDIENCE, DEV_ISSUER, loadOrCreateDevKeys } from '../scripts/dev-keys.js';
import { deployedSupergraph, readGatewayConfig } from './config.js';
import { createGateway, type GatewayOptions } from './gateway.js';

export const DEFAULT_GATEWAY_PORT = 4000;

export interface RunningGateway {
  readonly url: string;
  readonly server: Server;
  close(): Promise<void>;
}

export async function startGatewayServer(options: GatewayOptions & { port: number; host?: string }): Promise<RunningGateway> {
  const gateway = createGateway(options);
  const server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} is in use; stop what runs there or pass another --port / PORT.`) : error),
    );
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/graphql`,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await gateway.dispose();
    },
  };
}

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
