/**
 * Serves a Lambda handler for API Gateway HTTP API (v2) events over plain HTTP, so the local runner
 * and the tests run exactly the function AWS runs, not a second server code path.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { eventFromRequest, structuredResult } from '../gateway/transport/http-api-event.js';

export type HttpApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/** API Gateway's payload limit; larger bodies are refused before they reach the function. */
const MAX_BODY_BYTES = 6 * 1024 * 1024;

async function toRequest(incoming: IncomingMessage): Promise<Request> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error('Request body exceeds 6 MB.'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(',') : value);
  }
  const method = incoming.method ?? 'GET';
  const body = method === 'GET' || method === 'HEAD' || chunks.length === 0 ? undefined : Buffer.concat(chunks);
  return new Request(`http://${incoming.headers.host ?? 'localhost'}${incoming.url ?? '/'}`, { method, headers, body });
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

export interface ServedHandler {
  readonly url: string;
  readonly port: number;
  readonly server: Server;
  close(): Promise<void>;
}

export async function serveHandler(name: string, handler: HttpApiHandler, options: { port: number; host?: string }): Promise<ServedHandler> {
  const server = createServer(async (incoming, response) => {
    try {
      const event = await eventFromRequest(await toRequest(incoming), { sourceIp: incoming.socket.remoteAddress });
      const result = structuredResult(await handler(event, lambdaContext(name)));
      const headers: Record<string, string | number | string[]> = {};
      for (const [header, value] of Object.entries(result.headers ?? {})) headers[header] = typeof value === 'boolean' ? String(value) : value;
      if (result.cookies?.length) headers['set-cookie'] = result.cookies;
      response.writeHead(result.statusCode ?? 200, headers);
      response.end(result.body ? Buffer.from(result.body, result.isBase64Encoded ? 'base64' : 'utf8') : undefined);
    } catch (error) {
      const status = (error as { status?: number }).status ?? 502;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: status === 413 ? 'Request body too large.' : 'Internal server error.' }));
      if (status !== 413) console.error(`[${name}] handler failed:`, error);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} for the ${name} subgraph is in use; stop what runs there.`) : error),
    );
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    url: `http://localhost:${port}/graphql`,
    port,
    server,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
