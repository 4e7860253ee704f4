/**
 * Deploy fidelity: what `npx cdk synth` writes is run here as AWS would run it. The tables are
 * created from the template's table resources, every function starts in a process of its own from
 * its asset folder with exactly the environment the template gives it (references, parameters and
 * secret references resolved to local values), and a cross-subgraph query with a client token goes
 * through the gateway bundle, which invokes the
 * subgraph bundles through the Lambda Invoke API by the names in its environment. The gateway reads
 * its secrets from a Secrets Manager stand-in that answers each function only what its role may
 * read, and reaches the partner subgraph of the list over HTTPS, signing with the secret read there.
 * Nothing here imports the source of a handler: a wrong variable, handler setting, asset or grant
 * target fails.
 */
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  ScanCommand,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, type _Record } from '@aws-sdk/client-dynamodb-streams';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SignJWT } from 'jose';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLANNER_PACKAGE } from '../../scripts/build.js';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { createDynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { externalPartnerList, subgraphList } from '../../subgraphs/subgraph-list.js';
import { loadShanxiDemoData, shanxiDemoData } from '../../partners/shanxi/demo-data.js';
import { shanxiDemoWorkers } from '../../scripts/partner-services.js';
import { startShanxiService, type RunningShanxiService } from '../../partners/shanxi/server.js';
import { shanxiTable } from '../../partners/shanxi/table.js';
import { runDynamoEndpoint, useTables } from '../support/dynamo.js';
import { composeSupergraph, listedSubgraphs } from '../../gateway/composition/compose.js';
import { referencedIds, resourcesOfType, statementsOfRole, roleOf, actionsOf, type CfnResource, type CfnTemplate } from './template.js';

const ROOT = join(import.meta.dirname, '../..');
const STACK = 'LaborCooperation-dev';

interface RunningFunction {
  readonly logicalId: string;
  readonly name: string;
  readonly codeDirectory: string;
  readonly initMs: number;
  readonly port: number;
  readonly output: string[];
  /** Its environment as the Lambda service would give it: the template's variables, resolved. */
  readonly variables: Readonly<Record<string, string>>;
}

const outdir = mkdtempSync(join(tmpdir(), 'labor-cdk-out-'));
const dynamo = createDynamoClients({ endpoint: runDynamoEndpoint(), region: LOCAL_REGION });
const suffix = randomBytes(4).toString('hex');
let template: CfnTemplate;
/** Logical ID → the physical name CloudFormation would have given it (here: made up, unique to this run). */
const physicalNames = new Map<string, string>();
const running = new Map<string, RunningFunction>();
const children: ChildProcess[] = [];
const invocations: string[] = [];
let lambdaService: Server;
let synthMs = 0;

/**
 * The deployment's side, as an operator would give it: the stack's parameters, Secrets Manager
 * secrets with the gateway's key pair and each partner's HMAC secret (made when it joined), and an
 * identity provider whose JWKS this test serves.
 */
const ACCOUNT = '123456789012';
const gatewayKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const SIGNING_KEY_ARN = `arn:aws:secretsmanager:${LOCAL_REGION}:${ACCOUNT}:secret:labor-cooperation/dev/gateway-signing-key-AbCdEf`;
const GATEWAY_PRIVATE_KEY_PEM = gatewayKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const shanxiPartner = externalPartnerList.find((p) => p.name === 'shanxi')!;
const SHANXI_SECRET = randomBytes(32).toString('hex');
/** Every secret in the account, as Secrets Manager keeps them: the ARN ends in six characters it chose. */
const storedSecrets = [
  {
    arn: SIGNING_KEY_ARN,
    value: JSON.stringify({ privateKey: GATEWAY_PRIVATE_KEY_PEM, publicKey: gatewayKeys.publicKey.export({ type: 'spki', format: 'pem' }) }),
  },
  { arn: `arn:aws:secretsmanager:${LOCAL_REGION}:${ACCOUNT}:secret:${shanxiPartner.secret.secretsManagerName}-Xy12Zq`, value: SHANXI_SECRET },
  // One the gateway must never read.
  { arn: `arn:aws:secretsmanager:${LOCAL_REGION}:${ACCOUNT}:secret:labor-cooperation/other-team/database-Ab34Cd`, value: 'not-for-the-gateway' },
].map((secret) => ({ ...secret, name: /:secret:(.+)-[A-Za-z0-9]{6}$/.exec(secret.arn)![1]! }));
const secrets = new Map(storedSecrets.map((secret) => [secret.arn, secret.value]));
/** GetSecretValue calls the stand-in answered: which function's role asked for which SecretId. */
const secretReads: { readonly caller: string; readonly secretId: string; readonly granted: boolean }[] = [];
const issuerKeys = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const parameters = (): Record<string, string> => ({
  GatewaySigningKeySecretArn: SIGNING_KEY_ARN,
  // Its default: the current version.
  GatewaySigningKeyVersionId: '',
});
/** Where this test serves the user pool's signing keys: Cognito's JWKS, as the Secrets Manager stand-in is Secrets Manager. */
const localJwksUrl = () => `http://127.0.0.1:${(lambdaService.address() as { port: number }).port}/.well-known/jwks.json`;

/**
 * An access token the stack's user pool would issue to the web app client for a user in these
 * groups: the issuer and client are the ones the template gives the gateway, resolved.
 */
const clientToken = (groups: string[]) => {
  const variables = running.get(gatewayId())!.variables;
  return new SignJWT({ token_use: 'access', client_id: variables.JWT_AUDIENCE, scope: 'openid email profile', 'cognito:groups': groups })
    .setProtectedHeader({ alg: 'ES256', kid: 'issuer-1' })
    .setIssuer(variables.JWT_ISSUER!)
    .setSubject('fidelity')
    .setIssuedAt()
    .setExpirationTime('5m')
    .sign(issuerKeys.privateKey);
};

/** What CloudFormation would resolve, for the intrinsics a function's environment may hold. */
function resolve(value: unknown, where: string): string {
  if (typeof value === 'string') {
    // Dynamic references, resolved by CloudFormation at deploy: {{resolve:secretsmanager:ARN:SecretString:FIELD:STAGE:VERSION}}
    // (this account keeps one version of each secret).
    return value.replace(/\{\{resolve:secretsmanager:(arn:[^}]*?):SecretString:(\w+):\w*:[\w-]*\}\}/g, (_, arn: string, field: string) => {
      const secret = secrets.get(arn);
      if (!secret) throw new Error(`${where}: no secret ${arn} in this deployment.`);
      return (JSON.parse(secret) as Record<string, string>)[field] ?? '';
    });
  }
  const object = value as Record<string, any>;
  if (typeof object?.Ref === 'string') {
    const name = physicalNames.get(object.Ref) ?? parameters()[object.Ref] ?? PSEUDO_PARAMETERS[object.Ref];
    if (name === undefined) throw new Error(`${where}: Ref to ${object.Ref}, which is not a table, function or parameter this test knows.`);
    return name;
  }
  if (Array.isArray(object?.['Fn::Join'])) {
    const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
    return resolve(parts.map((part) => resolve(part, where)).join(separator), where);
  }
  throw new Error(`${where}: cannot resolve ${JSON.stringify(value)} locally; teach this test the intrinsic, or keep it out of the environment.`);
}

const PSEUDO_PARAMETERS: Record<string, string> = {
  'AWS::Partition': 'aws',
  'AWS::Region': LOCAL_REGION,
  'AWS::AccountId': ACCOUNT,
  'AWS::URLSuffix': 'amazonaws.com',
};

/** Whether an IAM resource pattern (`*` and `?` wildcards) matches this ARN. */
const iamMatches = (pattern: string, arn: string) =>
  new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  ).test(arn);

/** Secrets Manager GetSecretValue (JSON 1.1 protocol), answering a function only what its role's policies grant. */
async function answerGetSecretValue(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'POST' || request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue') return false;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const { SecretId } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { SecretId: string };
  // Each function signs with its own access key (its logical ID, see startFunction): the caller's role.
  const caller = /Credential=([^/]+)\//.exec(String(request.headers.authorization))?.[1] ?? 'unsigned';
  const answer = (status: number, body: unknown) => {
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    response.end(JSON.stringify(body));
    return true;
  };
  const secret = storedSecrets.find((s) => s.arn === SecretId || s.name === SecretId);
  const fn = template.Resources[caller];
  const granted =
    !!secret &&
    !!fn &&
    statementsOfRole(template, roleOf(fn))
      .filter((s) => s.Effect === 'Allow' && actionsOf(s).includes('secretsmanager:GetSecretValue'))
      .flatMap((s) => [s.Resource].flat())
      .some((resource) => iamMatches(resolve(resource, `${caller} policy`), secret.arn));
  secretReads.push({ caller, secretId: SecretId, granted });
  if (!secret) return answer(400, { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." });
  if (!granted)
    return answer(400, {
      __type: 'AccessDeniedException',
      message: `User ${caller} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${SecretId}`,
    });
  return answer(200, {
    ARN: secret.arn,
    Name: secret.name,
    SecretString: secret.value,
    VersionId: 'v1',
    VersionStages: ['AWSCURRENT'],
    CreatedDate: 1_764_748_800,
  });
}

/** The CreateTable request CloudFormation makes of an AWS::DynamoDB::GlobalTable resource. */
function createTableInput(tableName: string, table: CfnResource): CreateTableCommandInput {
  const p = table.Properties;
  expect(p.BillingMode).toBe('PAY_PER_REQUEST');
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: p.KeySchema,
    AttributeDefinitions: p.AttributeDefinitions,
    ...(p.GlobalSecondaryIndexes
      ? { GlobalSecondaryIndexes: p.GlobalSecondaryIndexes.map((i: any) => ({ IndexName: i.IndexName, KeySchema: i.KeySchema, Projection: i.Projection })) }
      : {}),
    ...(p.StreamSpecification ? { StreamSpecification: { StreamEnabled: true, StreamViewType: p.StreamSpecification.StreamViewType } } : {}),
  };
}

/** The function's asset folder, found the way the deploy finds it: by the S3 key in the template. */
function assetFolder(fn: CfnResource): string {
  const assets = JSON.parse(readFileSync(join(outdir, `${STACK}.assets.json`), 'utf8')) as {
    files: Record<string, { source: { path: string; packaging: string } }>;
  };
  const hash = String(fn.Properties.Code.S3Key).replace(/\.zip$/, '');
  const asset = assets.files[hash];
  if (!asset) throw new Error(`No asset ${hash} in the cloud assembly.`);
  expect(asset.source.packaging).toBe('zip');
  return join(outdir, asset.source.path);
}

const plannerFiles = (codeDirectory: string) => readdirSync(join(codeDirectory, 'node_modules', PLANNER_PACKAGE, 'dist')).filter((f) => f.endsWith('.node'));
const ELF_MACHINE: Record<string, number> = { arm64: 0xb7, x86_64: 0x3e };
const HOST_ARCHITECTURE = process.arch === 'arm64' ? 'arm64' : 'x86_64';

async function startFunction(logicalId: string, fn: CfnResource): Promise<RunningFunction> {
  const name = physicalNames.get(logicalId)!;
  const codeDirectory = assetFolder(fn);
  const variables = Object.fromEntries(
    Object.entries((fn.Properties.Environment?.Variables ?? {}) as Record<string, unknown>).map(([key, value]) => [key, resolve(value, `${logicalId} ${key}`)]),
  );
  const architecture = fn.Properties.Architectures?.[0] ?? 'x86_64';
  const planner = readdirSync(codeDirectory).includes('node_modules') ? plannerFiles(codeDirectory) : [];
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    // What the Lambda service sets in every function's environment.
    AWS_REGION: LOCAL_REGION,
    AWS_LAMBDA_FUNCTION_NAME: name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.Properties.MemorySize),
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    LAMBDA_TASK_ROOT: codeDirectory,
    // Its own access key, so the local Secrets Manager knows whose role asks.
    AWS_ACCESS_KEY_ID: logicalId,
    AWS_SECRET_ACCESS_KEY: 'local',
    FUNCTION_TIMEOUT_MS: String(fn.Properties.Timeout * 1000),
    // The template's own variables: exactly these reach the handler.
    ...variables,
    // Local stand-ins for AWS endpoints: DynamoDB Local, and this test's Lambda Invoke API.
    DYNAMODB_ENDPOINT: runDynamoEndpoint(),
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(lambdaService.address() as { port: number }).port}`,
    // …and its S3 GetObject, for the published supergraph the gateway polls (every 5 s here, not 30).
    AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${(lambdaService.address() as { port: number }).port}`,
    // …and Secrets Manager's GetSecretValue.
    AWS_ENDPOINT_URL_SECRETS_MANAGER: `http://127.0.0.1:${(lambdaService.address() as { port: number }).port}`,
    // The partner's certificate is this test's own: trusted as a public CA's would be.
    NODE_EXTRA_CA_CERTS: partnerTls.certFile,
    ...(variables.SUPERGRAPH_BUCKET ? { SUPERGRAPH_POLL_SECONDS: '5' } : {}),
    // …and the user pool's JWKS (the template's own URL is checked by a test below).
    ...(variables.JWT_JWKS_URL ? { JWT_JWKS_URL: localJwksUrl() } : {}),
    // Quiet logs and Node 20 here; none of it changes behaviour.
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'SILENT',
    GATEWAY_LOG_LEVEL: process.env.GATEWAY_LOG_LEVEL ?? 'silent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...(planner.length > 0 && architecture !== HOST_ARCHITECTURE
      ? // The asset's planner is for the function's architecture, not this machine's: load the
        // same package version's binary for this machine instead (NAPI-RS's own override).
        { NAPI_RS_NATIVE_LIBRARY_PATH: join(ROOT, 'node_modules', PLANNER_PACKAGE, 'dist', `hive_router_query_planner.linux-${process.arch}-gnu.node`) }
      : {}),
  };
  const child = spawn(process.execPath, [join(import.meta.dirname, 'lambda-runtime.mjs'), codeDirectory, fn.Properties.Handler], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  const output: string[] = [];
  child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const ready = await new Promise<{ port: number; initMs: number }>((resolveReady, reject) => {
    lines.on('line', (line) => {
      try {
        resolveReady(JSON.parse(line) as { port: number; initMs: number });
      } catch {
        output.push(line);
      }
    });
    child.on('exit', (code) => reject(new Error(`${logicalId} exited with ${code} before it was ready:\n${output.join('')}`)));
  });
  return { logicalId, name, codeDirectory, output, variables, ...ready };
}

/** Objects `npm run publish-supergraph` would have put in a bucket, by `bucket/key`. */
const publishedObjects = new Map<string, string>();

/** S3 GetObject (path style, as the SDK addresses an IP endpoint): the object, 304 on a matching ETag, or NoSuchKey. */
function answerGetObject(request: IncomingMessage, response: ServerResponse): boolean {
  const object = request.method === 'GET' ? /^\/([a-z0-9.-]+)\/([^?]+)/.exec(request.url ?? '') : null;
  if (!object || !resourcesOfType(template, 'AWS::S3::Bucket').some(([id]) => physicalNames.get(id) === object[1])) return false;
  const body = publishedObjects.get(`${object[1]}/${decodeURIComponent(object[2]!)}`);
  if (body === undefined) {
    response.writeHead(404, { 'content-type': 'application/xml' });
    response.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>');
    return true;
  }
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  if (request.headers['if-none-match'] === etag) {
    response.writeHead(304, { etag });
    response.end();
    return true;
  }
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', etag, 'content-length': Buffer.byteLength(body) });
  response.end(body);
  return true;
}

/** The Lambda Invoke API, routing each invocation by function name to that function's process. */
function startLambdaService(): Promise<Server> {
  const server = createServer(async (request, response) => {
    if (answerGetObject(request, response)) return;
    if (await answerGetSecretValue(request, response)) return;
    if (request.method === 'GET' && request.url === '/.well-known/jwks.json') {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [{ ...issuerKeys.publicKey.export({ format: 'jwk' }), kid: 'issuer-1', alg: 'ES256', use: 'sig' }] }));
      return;
    }
    const match = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(request.url ?? '');
    const name = match ? decodeURIComponent(match[1]!) : undefined;
    const target = [...running.values()].find((f) => f.name === name);
    if (request.method !== 'POST' || !target) {
      response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' });
      response.end(JSON.stringify({ Type: 'User', message: `Function not found: ${name}` }));
      return;
    }
    invocations.push(target.logicalId);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const answer = await fetch(`http://127.0.0.1:${target.port}/`, { method: 'POST', body: Buffer.concat(chunks) });
    const error = answer.headers.get('x-amz-function-error');
    response.writeHead(answer.status, {
      'content-type': 'application/json',
      'x-amz-executed-version': '$LATEST',
      ...(error ? { 'x-amz-function-error': error } : {}),
    });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  // Idle connections outlive the client's (undici keeps one 4 s): else a request sent on a socket the
  // server is just closing fails with ECONNRESET, seen on a busy machine whose timers run late.
  server.keepAliveTimeout = 60_000;
  return new Promise((ready) => server.listen(0, '127.0.0.1', () => ready(server)));
}

/** Invokes a function as API Gateway's HTTP API does: through the Invoke API, with a payload 2.0 event. */
async function invokeThroughApi(
  logicalId: string,
  request: { method: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> },
): Promise<APIGatewayProxyStructuredResultV2> {
  const now = Date.now();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: '$default',
    rawPath: '/graphql',
    rawQueryString: '',
    headers: { host: 'abc123.execute-api.us-east-1.amazonaws.com', ...request.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.us-east-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method: request.method, path: '/graphql', protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'deploy-fidelity' },
      requestId: randomBytes(8).toString('hex'),
      routeKey: '$default',
      stage: '$default',
      time: new Date(now).toUTCString(),
      timeEpoch: now,
    },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    isBase64Encoded: false,
  };
  const port = (lambdaService.address() as { port: number }).port;
  const response = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/${encodeURIComponent(physicalNames.get(logicalId)!)}/invocations`, {
    method: 'POST',
    body: JSON.stringify(event),
  });
  const payload = (await response.json()) as APIGatewayProxyStructuredResultV2;
  if (response.headers.get('x-amz-function-error'))
    throw new Error(`${logicalId} failed: ${JSON.stringify(payload)}\n${running.get(logicalId)!.output.join('')}`);
  return payload;
}

/**
 * What the template's event-source mappings do, once: each mapping's table stream read from its
 * start, filtered by the mapping's pattern (an equality on the new image's sort key, the only shape
 * the stack uses), and delivered to its function as a DynamoDB stream event through the Invoke API.
 */
async function runStreamMappings(): Promise<void> {
  const streams = new DynamoDBStreamsClient({
    region: LOCAL_REGION,
    endpoint: runDynamoEndpoint(),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const [, mapping] of resourcesOfType(template, 'AWS::Lambda::EventSourceMapping')) {
      const [functionId] = referencedIds(mapping.Properties.FunctionName);
      const [tableId] = referencedIds(mapping.Properties.EventSourceArn);
      const pattern = JSON.parse(mapping.Properties.FilterCriteria.Filters[0].Pattern) as { dynamodb: { NewImage: { sk: { S: string[] } } } };
      const { Table } = await dynamo.client.send(new DescribeTableCommand({ TableName: physicalNames.get(tableId!)! }));
      const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: Table!.LatestStreamArn! }));
      const records: _Record[] = [];
      for (const shard of StreamDescription!.Shards ?? []) {
        let iterator = (
          await streams.send(new GetShardIteratorCommand({ StreamArn: Table!.LatestStreamArn!, ShardId: shard.ShardId!, ShardIteratorType: 'TRIM_HORIZON' }))
        ).ShardIterator;
        while (iterator) {
          const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
          records.push(...(page.Records ?? []));
          iterator = (page.Records ?? []).length > 0 ? page.NextShardIterator : undefined;
        }
      }
      const matching = records.filter((r) => pattern.dynamodb.NewImage.sk.S.includes(r.dynamodb?.NewImage?.sk?.S ?? ''));
      if (matching.length === 0) continue;
      const port = (lambdaService.address() as { port: number }).port;
      const event = { Records: matching.map((r) => ({ ...r, eventSource: 'aws:dynamodb', eventSourceARN: Table!.LatestStreamArn })) };
      const response = await fetch(`http://127.0.0.1:${port}/2015-03-31/functions/${encodeURIComponent(physicalNames.get(functionId!)!)}/invocations`, {
        method: 'POST',
        body: JSON.stringify(event),
      });
      const payload = await response.text();
      if (response.headers.get('x-amz-function-error'))
        throw new Error(`${functionId} failed on its stream records: ${payload}\n${running.get(functionId!)!.output.join('')}`);
    }
  } finally {
    streams.destroy();
  }
}

/** Every function but CDK's BucketDeployment handler, which runs only while CloudFormation deploys the web app. */
const productFunctions = (t: CfnTemplate) => resourcesOfType(t, 'AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
const gatewayId = () => resourcesOfType(template, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties.Environment?.Variables?.SUBGRAPH_URLS)![0];

async function graphql(query: string, variables: Record<string, unknown> = {}) {
  const headers = { 'content-type': 'application/json', authorization: `Bearer ${await clientToken(['admin'])}` };
  const result = await invokeThroughApi(gatewayId(), { method: 'POST', body: { query, variables }, headers });
  expect(result.statusCode, result.body).toBe(200);
  const response = JSON.parse(result.body!) as { data?: any; errors?: unknown[] };
  expect(response.errors).toBeUndefined();
  return response.data;
}

/**
 * The Shanxi partner subgraph as the province runs it: its own service, table and copy of the
 * secret, behind HTTPS (a certificate made here) at the address the stack is told for it.
 */
const shanxiTables = await useTables(shanxiTable);
const shanxiStorage = { documents: shanxiTables.clients.documents, tableName: shanxiTables.tableName(shanxiTable) };
let shanxi: RunningShanxiService;
const partnerRequests: { readonly signed: boolean; readonly status: number }[] = [];
const partnerTls = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'labor-partner-tls-'));
  return { dir, certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') };
})();
let partnerFront: Server;

async function startPartner(): Promise<string> {
  await promisify(execFile)('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    partnerTls.keyFile,
    '-out',
    partnerTls.certFile,
  ]);
  await loadShanxiDemoData(shanxiStorage, shanxiDemoWorkers());
  shanxi = await startShanxiService({ port: 0, host: '127.0.0.1', storage: shanxiStorage, gatewaySecret: SHANXI_SECRET });
  partnerFront = createHttpsServer({ cert: readFileSync(partnerTls.certFile), key: readFileSync(partnerTls.keyFile) }, async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([name, value]) => typeof value === 'string' && !['host', 'connection', 'content-length'].includes(name)),
    ) as Record<string, string>;
    const answer = await fetch(`http://127.0.0.1:${shanxi.port}${request.url}`, {
      method: request.method,
      headers,
      ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
    });
    partnerRequests.push({ signed: 'x-gateway-signature' in request.headers, status: answer.status });
    response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
    response.end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((ready) => partnerFront.listen(0, '127.0.0.1', ready));
  return `https://127.0.0.1:${(partnerFront.address() as { port: number }).port}/graphql`;
}

beforeAll(async () => {
  const shanxiUrl = await startPartner();
  // The command a user runs, offline: it builds the bundles and writes the cloud assembly.
  const started = performance.now();
  await promisify(execFile)(
    process.execPath,
    [
      join(ROOT, 'node_modules/aws-cdk/bin/cdk'),
      'synth',
      '--quiet',
      '--no-notices',
      '-c',
      'stage=dev',
      '-c',
      `partnerUrls=${JSON.stringify({ shanxi: shanxiUrl })}`,
      '-o',
      outdir,
    ],
    {
      cwd: ROOT,
      env: { ...process.env, CDK_DISABLE_CLI_TELEMETRY: 'true' },
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  synthMs = performance.now() - started;
  template = JSON.parse(readFileSync(join(outdir, `${STACK}.template.json`), 'utf8')) as CfnTemplate;

  const tables = resourcesOfType(template, 'AWS::DynamoDB::GlobalTable');
  const functions = productFunctions(template);
  // Cognito's id shapes: REGION_random for the pool, 26 lowercase characters for the app client.
  for (const [id] of resourcesOfType(template, 'AWS::Cognito::UserPool')) physicalNames.set(id, `${LOCAL_REGION}_Fidelity${suffix}`);
  for (const [id] of resourcesOfType(template, 'AWS::Cognito::UserPoolClient')) physicalNames.set(id, `fidelity${suffix}${randomBytes(5).toString('hex')}`);
  // CloudFormation's pattern, <stack>-<logical id>-<random>: mixed case, longer than any name in the code.
  for (const [id] of [...tables, ...functions]) physicalNames.set(id, `${STACK}-${id.slice(0, 30)}-${suffix}${randomBytes(4).toString('hex').toUpperCase()}`);
  // Bucket names are lowercase, at most 63 characters.
  for (const [id] of resourcesOfType(template, 'AWS::S3::Bucket'))
    physicalNames.set(id, `${STACK}-${id.slice(0, 30)}-${randomBytes(4).toString('hex')}`.toLowerCase());

  await Promise.all(
    tables.map(async ([id, table]) => {
      const TableName = physicalNames.get(id)!;
      await dynamo.client.send(new CreateTableCommand(createTableInput(TableName, table)));
      await waitUntilTableExists({ client: dynamo.client, maxWaitTime: 60, minDelay: 1, maxDelay: 2 }, { TableName });
      const ttl = table.Properties.TimeToLiveSpecification;
      if (ttl?.Enabled)
        await dynamo.client.send(new UpdateTimeToLiveCommand({ TableName, TimeToLiveSpecification: { AttributeName: ttl.AttributeName, Enabled: true } }));
    }),
  );
  lambdaService = await startLambdaService();
  for (const started of await Promise.all(functions.map(([id, fn]) => startFunction(id, fn)))) running.set(started.logicalId, started);
}, 180_000);

afterAll(async () => {
  // SIGKILL, as Lambda ends an environment: the gateway runtime waits on SIGTERM for a graceful shutdown.
  for (const child of children) child.kill('SIGKILL');
  await new Promise((closed) => (lambdaService ? lambdaService.close(closed) : closed(undefined)));
  await new Promise((closed) => (partnerFront ? partnerFront.close(closed) : closed(undefined)));
  await shanxi?.close();
  rmSync(partnerTls.dir, { recursive: true, force: true });
  await Promise.all(
    resourcesOfType(template ?? { Resources: {} }, 'AWS::DynamoDB::GlobalTable').map(([id]) =>
      dynamo.client.send(new DeleteTableCommand({ TableName: physicalNames.get(id)! })).catch(() => undefined),
    ),
  );
  dynamo.client.destroy();
  rmSync(outdir, { recursive: true, force: true });
});

describe('the synthesized template, run locally as deployed', () => {
  it('starts every function from its asset with the environment the template gives it', () => {
    const functions = productFunctions(template);
    // Every subgraph, the gateway, and the stream projections (programs, employers).
    expect(functions).toHaveLength(subgraphList.length + 1 + subgraphList.filter((s) => s.projections).length);
    expect([...running.keys()].sort()).toEqual(functions.map(([id]) => id).sort());
    console.log(
      `cdk synth (with the build) ${Math.round(synthMs)} ms; module load in its own process: ` +
        [...running.values()].map((f) => `${f.logicalId} ${Math.round(f.initMs)} ms`).join(', '),
    );
  });

  it('carries in the gateway asset the planner binary for the function architecture, and only that one', () => {
    const [id] = [gatewayId()];
    const fn = template.Resources[id]!;
    const codeDirectory = running.get(id)!.codeDirectory;
    const binaries = plannerFiles(codeDirectory);
    expect(binaries).toHaveLength(1);
    const elf = readFileSync(join(codeDirectory, 'node_modules', PLANNER_PACKAGE, 'dist', binaries[0]!));
    expect(elf.subarray(0, 4).toString('latin1')).toBe('\x7fELF');
    expect(elf.readUInt16LE(18)).toBe(ELF_MACHINE[fn.Properties.Architectures[0]]);
  });

  it('serves the explorer (dev stage) from the package shipped beside the gateway bundle', async () => {
    const result = await invokeThroughApi(gatewayId(), { method: 'GET', headers: { accept: 'text/html', 'accept-encoding': 'gzip, br' } });
    expect(result).toMatchObject({
      statusCode: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' },
      isBase64Encoded: true,
    });
    // Within what Lambda may return (6 MB), base64 and all.
    expect(result.body!.length).toBeLessThan(6 * 1024 * 1024);
    expect(gunzipSync(Buffer.from(result.body!, 'base64')).toString('utf8')).toContain('<title>Labor cooperation API</title>');
  });

  it('grants each subgraph function the table its TABLE_NAME names, and the gateway the functions its SUBGRAPH_URLS name', () => {
    const gateway = template.Resources[gatewayId()]!;
    const invoked = referencedIds(gateway.Properties.Environment.Variables.SUBGRAPH_URLS);
    const invokable = statementsOfRole(template, roleOf(gateway))
      .filter((s) => actionsOf(s).includes('lambda:InvokeFunction'))
      .flatMap((s) => referencedIds(s.Resource));
    expect(invokable.sort()).toEqual([...invoked].sort());
    for (const id of invoked) {
      const fn = template.Resources[id]!;
      const [table] = referencedIds(fn.Properties.Environment.Variables.TABLE_NAME);
      const granted = statementsOfRole(template, roleOf(fn))
        .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))
        .flatMap((s) => referencedIds(s.Resource));
      expect(new Set(granted)).toEqual(new Set([table]));
    }
  });

  it('answers a cross-subgraph query through the gateway bundle, which invokes the subgraph bundles by the names in its environment', async () => {
    invocations.length = 0;
    const employer = await graphql(/* GraphQL */ `mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id name } }`, {
      input: {
        name: '济南重工机械有限公司',
        unifiedSocialCreditCode: makeCreditCode('370100', `D${suffix.slice(0, 7).toUpperCase()}`),
        regionCode: '370100',
        industry: 'MANUFACTURING',
        size: 'LARGE',
        contactPerson: { name: '刘先生', phone: '13805310217' },
      },
    });
    const posting = await graphql(/* GraphQL */ `mutation ($input: CreateJobPostingInput!) { createJobPosting(input: $input) { id } }`, {
      input: {
        employerId: employer.registerEmployer.id,
        title: '电焊工',
        occupation: '焊工',
        headcount: 10,
        monthlyWageMinYuan: 6000,
        monthlyWageMaxYuan: 8000,
        workplaceRegionCode: '370100',
        requirements: ['18–45 岁'],
        benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY', socialInsurance: true },
        postedOn: '2017-02-08',
      },
    });
    const person = await graphql(/* GraphQL */ `mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`, {
      input: {
        name: '王龙彪',
        idNumber: makeResidentId('500230', '1990-03-12', Number.parseInt(suffix.slice(0, 2), 16) + 100),
        phone: '13896012345',
        hometownCountyCode: '500230',
        skills: ['焊工'],
        jobIntention: { occupations: ['焊工'], destinationProvinceCodes: ['370000'], minimumMonthlyWageYuan: 4000 },
      },
    });
    // The people table's stream tells the employers subgraph the person exists (hire needs it), as its mapping does in AWS.
    await runStreamMappings();
    await graphql(/* GraphQL */ `mutation ($input: HireInput!) { hire(input: $input) { id } }`, {
      input: { postingId: posting.createJobPosting.id, personId: person.registerPerson.id, idempotencyKey: `fidelity-${suffix}` },
    });

    invocations.length = 0;
    const data = await graphql(
      /* GraphQL */ `
        query ($id: ID!) {
          person(id: $id) {
            name
            hometown { county }
            hires { posting { title employer { name } } }
            recommendedPostings(first: 1) { occupationMatch inDestinationProvince posting { title openings employer { name } } }
            placements { status }
          }
        }
      `,
      { id: person.registerPerson.id },
    );
    expect(data).toEqual({
      person: {
        name: '王龙彪',
        hometown: { county: '丰都县' },
        hires: [{ posting: { title: '电焊工', employer: { name: '济南重工机械有限公司' } } }],
        recommendedPostings: [
          {
            occupationMatch: 'JOB_INTENTION',
            inDestinationProvince: true,
            posting: { title: '电焊工', openings: 9, employer: { name: '济南重工机械有限公司' } },
          },
        ],
        placements: [],
      },
    });
    // The gateway function, then subgraph functions by the names the template gave the gateway.
    const subgraphIds = referencedIds(template.Resources[gatewayId()]!.Properties.Environment.Variables.SUBGRAPH_URLS);
    expect(invocations[0]).toBe(gatewayId());
    expect(new Set(invocations.slice(1))).toEqual(new Set(subgraphIds));
    // What the mutations wrote is in the tables the template declares (the only ones by those names).
    for (const [id] of resourcesOfType(template, 'AWS::DynamoDB::GlobalTable')) {
      // This test writes people and employers only; the programs table is read (placements: []).
      if (id.startsWith('Programs')) continue;
      const { Count } = await dynamo.client.send(new ScanCommand({ TableName: physicalNames.get(id)!, Select: 'COUNT' }));
      expect(Count, id).toBeGreaterThan(0);
    }
  });

  it("trusts the stack's user pool: its issuer and JWKS, the web app client's tokens, roles from groups; another client's token is refused", async () => {
    const variables = running.get(gatewayId())!.variables;
    const [poolId] = resourcesOfType(template, 'AWS::Cognito::UserPool')[0]!;
    const [clientId] = resourcesOfType(template, 'AWS::Cognito::UserPoolClient')[0]!;
    expect(variables.JWT_ISSUER).toBe(`https://cognito-idp.${LOCAL_REGION}.amazonaws.com/${physicalNames.get(poolId)}`);
    expect(resolve(template.Resources[gatewayId()]!.Properties.Environment.Variables.JWT_JWKS_URL, 'JWT_JWKS_URL')).toBe(
      `${variables.JWT_ISSUER}/.well-known/jwks.json`,
    );
    expect(variables).toMatchObject({ JWT_AUDIENCE: physicalNames.get(clientId), JWT_CLAIMS: 'cognito' });
    const ask = async (token: string) =>
      invokeThroughApi(gatewayId(), {
        method: 'POST',
        body: { query: '{ people(first: 1) { edges { node { id } } } }' },
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      });
    const caseworker = JSON.parse((await ask(await clientToken(['caseworker', 'province-500000']))).body!) as { data?: unknown; errors?: unknown };
    expect(caseworker.errors).toBeUndefined();
    const otherClient = await new SignJWT({ token_use: 'access', client_id: 'another-app-client', 'cognito:groups': ['admin'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'issuer-1' })
      .setIssuer(variables.JWT_ISSUER!)
      .setSubject('fidelity')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(issuerKeys.privateKey);
    const refused = await ask(otherClient);
    expect(refused.statusCode).toBe(401);
    expect(JSON.parse(refused.body!)).toMatchObject({
      errors: [
        { message: 'The access token was issued to another app client of the user pool; sign in through this app.', extensions: { code: 'UNAUTHENTICATED' } },
      ],
    });
  });

  it('answers a partner subgraph of the list over HTTPS, signing with the secret the gateway read from Secrets Manager', async () => {
    const gateway = template.Resources[gatewayId()]!;
    partnerRequests.length = 0;
    const data = await graphql(/* GraphQL */ `{ shanxiLaborCompanies(first: 2) { edges { node { id name county { code } } } } }`);
    const companies = [...shanxiDemoData(shanxiDemoWorkers()).companies].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(0, 2);
    expect(data).toEqual({ shanxiLaborCompanies: { edges: companies.map((c) => ({ node: { id: c.id, name: c.name, county: { code: c.countyCode } } })) } });
    expect(partnerRequests).toEqual([{ signed: true, status: 200 }]);
    // The gateway's role read its signing key and the partner's secret, each once (cached since), and nothing else.
    const partnerSecretId = JSON.parse(running.get(gatewayId())!.variables.PARTNER_SECRET_IDS!).shanxi;
    expect(partnerSecretId).toBe(shanxiPartner.secret.secretsManagerName);
    expect(secretReads.filter((r) => r.caller === gatewayId()).sort((a, b) => a.secretId.localeCompare(b.secretId))).toEqual([
      { caller: gatewayId(), secretId: SIGNING_KEY_ARN, granted: true },
      { caller: gatewayId(), secretId: partnerSecretId, granted: true },
    ]);
    expect(secretReads.filter((r) => r.caller !== gatewayId())).toEqual([]);
    // As deployed, no function's environment holds a secret: the private key and the partner secret are read, never configured.
    for (const fn of running.values()) {
      const environment = JSON.stringify(fn.variables);
      expect(environment, fn.logicalId).not.toContain(SHANXI_SECRET);
      expect(environment, fn.logicalId).not.toContain('PRIVATE KEY');
    }
    expect(gateway.Properties.Environment.Variables.GATEWAY_PRIVATE_KEY).toBeUndefined();
  });

  it('serves a supergraph published to its bucket at its next poll, without a redeploy (here: Shanxi switched off)', async () => {
    const shanxiType = async () => {
      const result = await invokeThroughApi(gatewayId(), {
        method: 'POST',
        body: { query: '{ __type(name: "ShanxiLaborCompany") { name } }' },
        headers: { 'content-type': 'application/json' },
      });
      return (JSON.parse(result.body!) as { data: { __type: { name: string } | null } }).data.__type;
    };
    // Nothing published yet: the supergraph bundled with the function serves.
    expect(await shanxiType()).toEqual({ name: 'ShanxiLaborCompany' });
    const published = composeSupergraph(listedSubgraphs('production', { DISABLED_SUBGRAPHS: 'shanxi' }));
    if (!published.ok) throw new Error(published.errors.join('\n'));
    const [bucketId] = resourcesOfType(template, 'AWS::S3::Bucket')[0]!;
    const { SUPERGRAPH_KEY } = template.Resources[gatewayId()]!.Properties.Environment.Variables as { SUPERGRAPH_KEY: string };
    publishedObjects.set(`${physicalNames.get(bucketId)}/${SUPERGRAPH_KEY}`, published.supergraph);
    let type = await shanxiType();
    for (let waited = 0; type !== null && waited < 20_000; waited += 500) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      type = await shanxiType();
    }
    expect(type).toBeNull();
  }, 40_000);
});
