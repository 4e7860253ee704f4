/**
 * One of our subgraphs' Lambda handlers over HTTP in a process of its own, for the benchmark:
 * `tsx bench/subgraph-server.ts NAME PORT` with DYNAMODB_ENDPOINT, TABLE_PREFIX and
 * GATEWAY_PUBLIC_KEY set. The same handler and HTTP adapter as `npm start`.
 */
import { serveHandler } from '../scripts/lambda-http-adapter.js';
import { LOCAL_REGION, requireEnv } from '../subgraphs/shared/dynamodb/config.js';
import { createDynamoClients } from '../subgraphs/shared/dynamodb/client.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';

const [name, port] = process.argv.slice(2);
const entry = subgraphList.find((s) => s.name === name);
if (!entry || !port) throw new Error(`Usage: tsx bench/subgraph-server.ts ${subgraphList.map((s) => s.name).join('|')} PORT`);
const clients = createDynamoClients({ endpoint: requireEnv('DYNAMODB_ENDPOINT'), region: LOCAL_REGION });
const handler = entry.createHandler({ documents: clients.documents, tableName: `${process.env.TABLE_PREFIX ?? ''}${entry.table.name}` });
const served = await serveHandler(name!, handler, { port: Number(port), host: '127.0.0.1' });
console.log(`ready ${name} ${served.url}`);
