/**
 * Our three subgraphs' Lambda handlers behind the Lambda Invoke API's path, for the Lambda-shape
 * measurement: `tsx bench/lambda-invoke-server.ts PORT` with DYNAMODB_ENDPOINT and GATEWAY_PUBLIC_KEY
 * set. `POST /2015-03-31/functions/<name>/invocations` runs that subgraph's handler with the request
 * body as its event and answers with what it returned, so the gateway reaches it through the AWS
 * SDK's LambdaClient and our invoke transport (`awsLambdaInvoker`) exactly as in AWS.
 */
import { createServer } from 'node:http';
import { lambdaContext, type HttpApiHandler } from '../scripts/lambda-http-adapter.js';
import { LOCAL_REGION, requireEnv } from '../subgraphs/shared/dynamodb/config.js';
import { createDynamoClients } from '../subgraphs/shared/dynamodb/client.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';

const port = Number(process.argv[2]);
if (!port) throw new Error('Usage: tsx bench/lambda-invoke-server.ts PORT');
const clients = createDynamoClients({ endpoint: requireEnv('DYNAMODB_ENDPOINT'), region: LOCAL_REGION });
const handlers = new Map<string, HttpApiHandler>(
  subgraphList.map((entry) => [entry.name, entry.createHandler({ documents: clients.documents, tableName: entry.table.name }) as HttpApiHandler]),
);

createServer(async (request, response) => {
  const name = /^\/2015-03-31\/functions\/([^/]+)\/invocations/.exec(request.url ?? '')?.[1];
  const handler = name ? handlers.get(decodeURIComponent(name)) : undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (!handler) {
    response.writeHead(404, { 'content-type': 'application/json', 'x-amzn-errortype': 'ResourceNotFoundException' }).end('{"message":"no such function"}');
    return;
  }
  try {
    const result = await handler(JSON.parse(Buffer.concat(chunks).toString('utf8')), lambdaContext(name!));
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
  } catch (error) {
    response
      .writeHead(200, { 'content-type': 'application/json', 'x-amz-function-error': 'Unhandled' })
      .end(JSON.stringify({ errorMessage: (error as Error).message }));
  }
}).listen(port, '127.0.0.1', () => console.log(`ready invoke ${port}`));
