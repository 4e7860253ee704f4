/**
 * The Shanxi subgraph as Shanxi hosts it: a plain Node HTTP service of its own (not one of the
 * core's Lambda functions) that answers only requests the gateway signed (HMAC-SHA256,
 * gateway-signature.ts). The core's `npm start` runs this file as a separate process on port 4010,
 * as the province runs it on its own servers (README.md; settings in config.ts):
 *
 *   SHANXI_GATEWAY_SECRET=… DYNAMODB_ENDPOINT=http://localhost:8000 npm start
 */
import { HeaderMap } from '@apollo/server';
import { Logger } from '@aws-lambda-powertools/logger';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { readConfig } from './config.js';
import { shanxiContext, type ShanxiContext } from './context.js';
import { loadShanxiDemoData, readDemoWorkers } from './demo-data.js';
import { createDynamoClients, ensureTable, type Storage } from './dynamodb.js';
import { GATEWAY_SIGNATURE_HEADER, SignatureReplayCache, verifyGatewaySignature } from './gateway-signature.js';
import { createGraphQLServer } from './graphql-server.js';
import { shanxiSchema } from './schema.js';
import { shanxiTable } from './table.js';

/** The gateway's request id, passed along for the logs; only a short token is taken as it is (no forged log lines). */
const REQUEST_ID_HEADER = 'x-request-id';
const requestIdOf = (value: string | string[] | undefined) => (typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined);

/** A GraphQL request is small; anything bigger is not from the gateway. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface ShanxiServiceOptions {
  readonly port: number;
  readonly host?: string;
  readonly storage: Storage;
  /** The secret shared with the gateway. */
  readonly gatewaySecret: string;
}

export interface RunningShanxiService {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body too large.'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const errorBody = (message: string, code: string) => JSON.stringify({ errors: [{ message, extensions: { code } }] });

export async function startShanxiService(options: ShanxiServiceOptions): Promise<RunningShanxiService> {
  const logger = new Logger({ serviceName: 'shanxi' });
  const apollo = createGraphQLServer<ShanxiContext>(shanxiSchema);
  await apollo.start();
  const createContext = shanxiContext(options.storage);
  // One instance here; a province running several shares the nonces across them (see SignatureReplayCache).
  const replays = new SignatureReplayCache();

  const server = createServer(async (request, response) => {
    const requestId = requestIdOf(request.headers[REQUEST_ID_HEADER]) ?? randomUUID();
    const requestLogger = logger.createChild({ persistentKeys: { requestId } });
    try {
      const body = request.method === 'POST' ? await readBody(request) : '';
      const signed = { method: request.method ?? 'GET', url: request.url ?? '/', body };
      const signature = verifyGatewaySignature(request.headers[GATEWAY_SIGNATURE_HEADER] as string | undefined, signed, options.gatewaySecret, replays);
      if (!signature.ok) {
        requestLogger.warn('request refused: no valid gateway signature', { reason: signature.reason, sourceIp: request.socket.remoteAddress });
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end(errorBody(`Refused: ${signature.reason}`, 'UNAUTHENTICATED'));
        return;
      }
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(request.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      const url = new URL(request.url ?? '/', 'http://localhost');
      let parsed: unknown;
      try {
        parsed = body ? JSON.parse(body) : undefined;
      } catch {
        response.writeHead(400, { 'content-type': 'application/json' });
        response.end(errorBody('The request body is not JSON.', 'BAD_REQUEST'));
        return;
      }
      const result = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body: parsed },
        // The gateway vouches for the request but passes no client identity: its auth directives
        // (e.g. @requiresScopes on laborContracts) decided already who may ask.
        context: async () => createContext({ requestId, logger: requestLogger }),
      });
      response.writeHead(result.status ?? 200, Object.fromEntries(result.headers));
      if (result.body.kind === 'complete') {
        response.end(result.body.string);
      } else {
        for await (const chunk of result.body.asyncIterator) response.write(chunk);
        response.end();
      }
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (status === 500) requestLogger.error('request failed', { error: (error as Error).message });
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(errorBody(status === 413 ? 'Request body too large.' : 'Internal server error.', status === 413 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR'));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} for the Shanxi subgraph is in use; stop what runs there.`) : error),
    );
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await apollo.stop();
    },
  };
}

async function main() {
  const config = readConfig();
  const clients = createDynamoClients(config.dynamo);
  const storage = { documents: clients.documents, tableName: config.tableName };
  await ensureTable(clients.client, shanxiTable, config.tableName, config.dynamo.endpoint);
  // A test system's demo data, handed over as a file (the core's runner writes it); never in production.
  const loaded = config.demoPeopleFile ? await loadShanxiDemoData(storage, readDemoWorkers(config.demoPeopleFile)) : undefined;
  const running = await startShanxiService({ port: config.port, storage, gatewaySecret: config.gatewaySecret });
  const demo = loaded ? ` (demo data: ${loaded.companies} labor-service companies, ${loaded.contracts} contracts)` : '';
  console.log(`Shanxi subgraph ready at ${running.url}, table ${config.tableName}${demo}.`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(`Shanxi subgraph failed to start: ${error.message}`);
    process.exit(1);
  });
}
