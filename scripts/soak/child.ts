/**
 * The soak's child processes, so that it can kill them with SIGKILL in the middle of their work:
 *   child.ts subgraph NAME PORT   serves that subgraph's Lambda handler over HTTP, as npm start does
 *   child.ts poller               runs the stream pollers of every subgraph with projections
 * Both reach DynamoDB at DYNAMODB_ENDPOINT (the soak's fault proxy) and use the tables under
 * SOAK_TABLE_PREFIX. They tell the parent over IPC when they are ready and, for the poller, when a
 * batch of stream records starts and ends (the parent kills it between the two).
 */
import { createDynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { requireEnv } from '../../subgraphs/shared/dynamodb/config.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { serveHandler } from '../lambda-http-adapter.js';
import { tableNamesFor } from '../local-system.js';
import { startStreamPoller } from '../stream-poller.js';

export type ChildMessage = { type: 'ready' } | { type: 'batch-start'; subgraph: string; records: number } | { type: 'batch-end'; subgraph: string };

const tell = (message: ChildMessage) => process.send?.(message);

async function main() {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const [mode, name, port] = process.argv.slice(2);
  const clients = createDynamoClients({ endpoint: requireEnv('DYNAMODB_ENDPOINT'), region: LOCAL_REGION });
  const tableNames = tableNamesFor(process.env.SOAK_TABLE_PREFIX ?? '');

  if (mode === 'subgraph') {
    const entry = subgraphList.find((s) => s.name === name);
    if (!entry) throw new Error(`child.ts subgraph ${name}: no such subgraph (${subgraphList.map((s) => s.name).join(', ')}).`);
    const handler = entry.createHandler({ documents: clients.documents, tableName: tableNames[entry.name]! });
    await serveHandler(entry.name, handler, { port: Number(port), host: '127.0.0.1' });
  } else if (mode === 'poller') {
    for (const entry of subgraphList) {
      if (!entry.projections) continue;
      const apply = entry.projections.createApply({ documents: clients.documents, tableName: tableNames[entry.name]! });
      await startStreamPoller({
        client: clients.client,
        tableNames: [...new Set(entry.projections.items.map(({ subgraph }) => tableNames[subgraph]!))],
        intervalMs: 200,
        apply: async (records) => {
          if (records.length === 0) return apply(records);
          tell({ type: 'batch-start', subgraph: entry.name, records: records.length });
          await apply(records);
          tell({ type: 'batch-end', subgraph: entry.name });
        },
        onError: (error) => console.error(`[poller ${entry.name}] ${(error as Error).message} (retrying)`),
      });
    }
  } else {
    throw new Error(`child.ts: unknown mode ${mode}; use "subgraph NAME PORT" or "poller".`);
  }
  tell({ type: 'ready' });
}

main().catch((error: Error) => {
  console.error(`soak child failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
