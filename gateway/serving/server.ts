/**
 * The gateway as a Node HTTP server, for this machine: `npm run gateway` (scripts/gateway.ts) and
 * `npm start` call it with the supergraph and keys they chose. In AWS the Lambda handler serves the
 * same gateway instead.
 */
import { createServer, type Server } from 'node:http';
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
