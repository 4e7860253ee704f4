/**
 * The Lambda shape: one request at a time (a Lambda instance's concurrency), through our gateway's
 * Lambda handler (`createGatewayHandler`, as deployed: production mode, security on) and our invoke
 * transport (`awsLambdaInvoker` with the AWS SDK's LambdaClient) to the subgraphs' handlers behind
 * bench/lambda-invoke-server.ts; against each request, the same variables sent to the root
 * subgraph's handler directly through the same LambdaClient. `tsx bench/lambda-shape.ts` with
 * BENCH_LAMBDA set to the JSON of a LambdaShapeConfig; writes a LambdaShapeReport to its `out` file.
 *
 * Per operation: the gateway's and the direct call's p50/p99, what the gateway adds (difference of
 * the percentiles), the gateway process's CPU per request (process.cpuUsage around each call: the
 * engine, our plugins and the transport) and the cost per million requests at arm64 prices.
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { readFileSync, writeFileSync } from 'node:fs';
import { importGatewayPrivateKey, signGatewayToken } from '../gateway/auth/subgraph-tokens.js';
import { readGatewayConfig } from '../gateway/serving/config.js';
import { createGatewayHandler } from '../gateway/serving/handler.js';
import { eventFromRequest } from '../gateway/transport/http-api-event.js';
import { awsLambdaInvoker } from '../gateway/transport/lambda-transport.js';
import { DEV_AUDIENCE, DEV_ISSUER } from '../scripts/dev-keys.js';

export interface LambdaShapeOperation {
  readonly name: string;
  readonly query: string;
  readonly token?: string;
  readonly floor: { readonly subgraph: string; readonly query: string };
  readonly pool: readonly Record<string, unknown>[];
}

export interface LambdaShapeConfig {
  readonly invokeEndpoint: string;
  readonly supergraphFile: string;
  readonly subgraphs: readonly string[];
  readonly gatewayPrivateKey: string;
  readonly issuerPublicKey: string;
  readonly operations: readonly LambdaShapeOperation[];
  readonly requests: number;
  readonly warmup: number;
  readonly out: string;
}

/** AWS Lambda arm64 prices (us-east-1, 2026): per GB-second and per request. */
export const ARM64_USD_PER_GB_SECOND = 0.0000133334;
export const USD_PER_REQUEST = 0.0000002;
/** The gateway function's memory (infra/lib/gateway-service.ts default: 1769 MB, one vCPU). */
export const GATEWAY_MEMORY_MB = 1769;

export interface LambdaShapeMeasurement {
  readonly operation: string;
  readonly requests: number;
  readonly gateway: { readonly p50Ms: number; readonly p99Ms: number; readonly meanMs: number };
  readonly direct: { readonly p50Ms: number; readonly p99Ms: number; readonly meanMs: number };
  /** Gateway percentile minus the direct call's. */
  readonly addedP50Ms: number;
  readonly addedP99Ms: number;
  readonly cpuMsPerRequest: number;
  /** Billed as the gateway's mean duration (what Lambda bills: it waits for the subgraphs too), plus the request price. */
  readonly usdPerMillionByDuration: number;
  /** The gateway's own CPU time billed alone, plus the request price: what its work costs. */
  readonly usdPerMillionByCpu: number;
}

export interface LambdaShapeReport {
  readonly memoryMb: number;
  readonly prices: { readonly usdPerGbSecond: number; readonly usdPerRequest: number };
  readonly measurements: LambdaShapeMeasurement[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(2));
};
const mean = (values: number[]) => Number((values.reduce((a, b) => a + b, 0) / values.length).toFixed(2));
export const usdPerMillion = (ms: number, memoryMb = GATEWAY_MEMORY_MB) =>
  Number(((Math.ceil(ms) / 1000) * (memoryMb / 1024) * ARM64_USD_PER_GB_SECOND * 1e6 + USD_PER_REQUEST * 1e6).toFixed(3));

async function main() {
  const config = JSON.parse(process.env.BENCH_LAMBDA ?? 'null') as LambdaShapeConfig | null;
  if (!config) throw new Error('Set BENCH_LAMBDA to the JSON of a LambdaShapeConfig (bench/run.ts does).');
  const client = new LambdaClient({ endpoint: config.invokeEndpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const invoke = awsLambdaInvoker(client);
  const gatewayConfig = readGatewayConfig({
    NODE_ENV: 'production',
    SUBGRAPH_URLS: JSON.stringify(Object.fromEntries(config.subgraphs.map((name) => [name, `lambda://${name}/graphql`]))),
    GATEWAY_PRIVATE_KEY: config.gatewayPrivateKey,
    JWT_ISSUER: DEV_ISSUER,
    JWT_AUDIENCE: DEV_AUDIENCE,
    JWT_PUBLIC_KEY: config.issuerPublicKey,
  });
  const handler = createGatewayHandler(readFileSync(config.supergraphFile, 'utf8'), gatewayConfig, invoke);
  const signingKey = await importGatewayPrivateKey(config.gatewayPrivateKey);
  const tokens = new Map<string, { token: string; at: number }>();
  const gatewayToken = async (subgraph: string) => {
    const held = tokens.get(subgraph);
    if (held && Date.now() - held.at < 30_000) return held.token;
    const token = await signGatewayToken(signingKey, subgraph, { roles: ['caseworker'], provinces: ['500000'] }, 'bench');
    tokens.set(subgraph, { token, at: Date.now() });
    return token;
  };
  const post = (url: string, body: unknown, token?: string) =>
    eventFromRequest(
      new Request(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      }),
    );
  const ok = (result: { statusCode?: number; body?: string }, what: string) => {
    if (result.statusCode !== 200 || !result.body?.startsWith('{"data":') || result.body.includes('"errors"'))
      throw new Error(`${what} answered ${result.statusCode}: ${result.body?.slice(0, 400)}`);
  };

  const measurements: LambdaShapeMeasurement[] = [];
  for (const operation of config.operations) {
    const gatewayMs: number[] = [];
    const directMs: number[] = [];
    let cpuMicros = 0;
    for (let i = 0; i < config.warmup + config.requests; i++) {
      const variables = operation.pool[i % operation.pool.length]!;
      const gatewayEvent = await post('https://api.example.org/graphql', { query: operation.query, variables }, operation.token);
      const directEvent = await post(
        `https://${operation.floor.subgraph}/graphql`,
        { query: operation.floor.query, variables },
        await gatewayToken(operation.floor.subgraph),
      );
      const cpu = process.cpuUsage();
      let started = performance.now();
      const result = await handler(gatewayEvent);
      const gatewayTook = performance.now() - started;
      const used = process.cpuUsage(cpu);
      ok(result, `${operation.name} through the gateway`);
      started = performance.now();
      const direct = (await invoke(operation.floor.subgraph, directEvent)) as { statusCode?: number; body?: string };
      const directTook = performance.now() - started;
      ok(direct, `${operation.name} at the ${operation.floor.subgraph} subgraph`);
      if (i < config.warmup) continue;
      gatewayMs.push(gatewayTook);
      directMs.push(directTook);
      cpuMicros += used.user + used.system;
    }
    const gateway = { p50Ms: percentile(gatewayMs, 0.5), p99Ms: percentile(gatewayMs, 0.99), meanMs: mean(gatewayMs) };
    const direct = { p50Ms: percentile(directMs, 0.5), p99Ms: percentile(directMs, 0.99), meanMs: mean(directMs) };
    const cpuMsPerRequest = Number((cpuMicros / 1000 / config.requests).toFixed(2));
    measurements.push({
      operation: operation.name,
      requests: config.requests,
      gateway,
      direct,
      addedP50Ms: Number((gateway.p50Ms - direct.p50Ms).toFixed(2)),
      addedP99Ms: Number((gateway.p99Ms - direct.p99Ms).toFixed(2)),
      cpuMsPerRequest,
      usdPerMillionByDuration: usdPerMillion(gateway.meanMs),
      usdPerMillionByCpu: usdPerMillion(cpuMsPerRequest),
    });
  }
  const report: LambdaShapeReport = {
    memoryMb: GATEWAY_MEMORY_MB,
    prices: { usdPerGbSecond: ARM64_USD_PER_GB_SECOND, usdPerRequest: USD_PER_REQUEST },
    measurements,
  };
  writeFileSync(config.out, JSON.stringify(report));
  client.destroy();
  console.log('ready lambda-shape');
}

if (process.env.BENCH_LAMBDA) {
  main().catch((error: Error) => {
    console.error(error.stack ?? error.message);
    process.exit(1);
  });
}
