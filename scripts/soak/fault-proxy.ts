/**
 * An HTTP proxy between a subgraph (or the stream poller) and DynamoDB Local that injects the
 * failures DynamoDB and the network produce, at set rates: throttling answered exactly as DynamoDB
 * answers it (HTTP 400 with ProvisionedThroughputExceededException or ThrottlingException), 500s
 * (InternalServerError), added latency, and connections dropped before the request is forwarded
 * (nothing applied) or after DynamoDB answered (applied, the answer lost: the case a retry must not
 * apply twice).
 */
import { randomUUID } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { SeededRandom as Random } from '../demo/seeded-random.js';

export const FAULT_KINDS = ['throughputExceeded', 'throttling', 'internalError', 'latency', 'dropBeforeForward', 'dropAfterForward'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** The chance, per DynamoDB request, of each fault (at most one per request). */
export type FaultRates = Readonly<Record<FaultKind, number>>;

export const NO_FAULTS: FaultRates = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

/**
 * Rates the soak runs with: high enough that every kind happens many times a minute, low enough that
 * the SDK's three attempts mostly get through, so the work goes on.
 */
export const SOAK_FAULT_RATES: FaultRates = {
  throughputExceeded: 0.015,
  throttling: 0.01,
  internalError: 0.01,
  latency: 0.03,
  dropBeforeForward: 0.008,
  dropAfterForward: 0.008,
};

/** DynamoDB's answers, as its JSON 1.0 protocol sends them (the SDK reads `__type` and the status). */
const ERROR_ANSWERS: Partial<Record<FaultKind, { status: number; type: string; message: string }>> = {
  throughputExceeded: {
    status: 400,
    type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message: 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.',
  },
  throttling: { status: 400, type: 'com.amazon.coral.availability#ThrottlingException', message: 'Rate of requests exceeds the allowed throughput.' },
  internalError: { status: 500, type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' },
};

export interface FaultProxy {
  readonly url: string;
  readonly injected: Readonly<Record<FaultKind, number>>;
  /** DynamoDB requests received, and how many of them are waiting for DynamoDB Local right now. */
  readonly requests: number;
  readonly inFlight: number;
  setRates(rates: FaultRates): void;
  close(): Promise<void>;
}

/** The DynamoDB operation of a request (`DynamoDB_20120810.TransactWriteItems` → `TransactWriteItems`). */
export const operationOf = (request: IncomingMessage) => String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';

export async function startFaultProxy(options: {
  target: string;
  random: Random;
  rates?: FaultRates;
  /** Picks the fault of one request by its DynamoDB operation and body (tests aim a fault at one write); null falls back to the rates. */
  decide?: (request: { operation: string; body: string }) => FaultKind | null;
  /** Awaited before a request is forwarded: tests hold one write back while another lands. */
  beforeForward?: (request: { operation: string; body: string }) => Promise<void> | undefined;
}): Promise<FaultProxy> {
  const target = new URL(options.target);
  let rates = options.rates ?? NO_FAULTS;
  const injected = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;
  let requests = 0;
  let inFlight = 0;

  const pick = (): FaultKind | null => {
    let roll = options.random.next();
    for (const kind of FAULT_KINDS) {
      if (roll < rates[kind]) return kind;
      roll -= rates[kind];
    }
    return null;
  };

  const forward = (incoming: IncomingMessage, body: Buffer): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const upstream = httpRequest(
        { hostname: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers: { ...incoming.headers, host: target.host } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 502, headers: response.headers, body: Buffer.concat(chunks) }));
          response.on('error', reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });

  const handle = async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    requests++;
    const fault = options.decide?.({ operation: operationOf(incoming), body: body.toString() }) ?? pick();
    if (fault) injected[fault]++;
    const answer = fault ? ERROR_ANSWERS[fault] : undefined;
    if (answer) {
      const text = JSON.stringify({ __type: answer.type, message: answer.message });
      response.writeHead(answer.status, {
        'content-type': 'application/x-amz-json-1.0',
        'content-length': Buffer.byteLength(text),
        'x-amzn-requestid': randomUUID(),
      });
      response.end(text);
      return;
    }
    if (fault === 'dropBeforeForward') {
      incoming.socket.destroy();
      return;
    }
    await options.beforeForward?.({ operation: operationOf(incoming), body: body.toString() });
    if (fault === 'latency') await new Promise((resolve) => setTimeout(resolve, 50 + Math.floor(options.random.next() * 250)));
    inFlight++;
    let answered: Awaited<ReturnType<typeof forward>>;
    try {
      answered = await forward(incoming, body);
    } catch {
      incoming.socket.destroy();
      return;
    } finally {
      inFlight--;
    }
    if (fault === 'dropAfterForward') {
      incoming.socket.destroy();
      return;
    }
    const { 'transfer-encoding': _chunked, connection: _connection, ...headers } = answered.headers;
    response.writeHead(answered.status, { ...headers, 'content-length': answered.body.length });
    response.end(answered.body);
  };

  const server: Server = createServer((incoming, response) => {
    handle(incoming, response).catch(() => incoming.socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    injected,
    get requests() {
      return requests;
    },
    get inFlight() {
      return inFlight;
    },
    setRates(next) {
      rates = next;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
