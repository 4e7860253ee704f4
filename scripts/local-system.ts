/**
 * Starts the whole system on this machine: tables, demo data, every subgraph's Lambda handler over
 * HTTP and the gateway. `npm start` uses it with the fixed ports; the end-to-end tests with free ones.
 */
import { readFileSync } from 'node:fs';
import { createTables } from '../subgraphs/shared/table-definition.js';
import { createDynamoClients, type DynamoClients } from '../subgraphs/shared/dynamodb.js';
import { LOCAL_REGION } from '../subgraphs/shared/config.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';
import { loadEmployersDemoData } from '../subgraphs/employers/demo-data.js';
import { loadPeopleDemoData } from '../subgraphs/people/demo-data.js';
import { SUPERGRAPH_FILE } from '../gateway/compose.js';
import { startGatewayServer, type RunningGateway } from '../gateway/server.js';
import { withSubgraphUrls } from '../gateway/supergraph-urls.js';
import { serveHandler, type ServedHandler } from './lambda-http-adapter.js';

export interface LocalSystemOptions {
  readonly dynamoEndpoint: string;
  /** Prefixes every table name, so test files sharing one DynamoDB Local do not see each other. */
  readonly tablePrefix?: string;
  /** Port per subgraph name; 0 picks a free one. Defaults to the subgraph list's ports. */
  readonly subgraphPorts?: Readonly<Record<string, number>>;
  readonly gatewayPort: number;
  readonly loadDemoData: boolean;
  readonly allowRemoteTables?: boolean;
  readonly log?: (line: string) => void;
}

export interface LocalSystem {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly clients: DynamoClients;
  stop(): Promise<void>;
}

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  const clients = createDynamoClients({ endpoint: options.dynamoEndpoint, region: process.env.AWS_REGION || LOCAL_REGION });
  const tableNames = Object.fromEntries(subgraphList.map((s) => [s.name, `${options.tablePrefix ?? ''}${s.table.name}`]));

  let started = Date.now();
  const created = await createTables(
    clients.client,
    subgraphList.map((s) => ({ definition: s.table, tableName: tableNames[s.name]! })),
    { endpoint: options.dynamoEndpoint, allowRemote: options.allowRemoteTables },
  );
  log(`Tables: ${created.length} created, ${subgraphList.length - created.length} already there (${Date.now() - started} ms).`);

  if (options.loadDemoData) {
    started = Date.now();
    const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
    // The subgraphs' tables are independent: load them side by side.
    await Promise.all([
      loadPeopleDemoData({ documents: clients.documents, tableName: tableNames.people! }).then((people) =>
        log(`Demo data: people ${people.created} added, ${people.existing} already there (${seconds()} s).`),
      ),
      loadEmployersDemoData({ documents: clients.documents, tableName: tableNames.employers! }).then(({ employers, postings }) =>
        log(
          `Demo data: employers ${employers.created} added, ${employers.existing} already there; ` +
            `job postings ${postings.created} added, ${postings.existing} already there (${seconds()} s).`,
        ),
      ),
    ]);
  }

  const served: ServedHandler[] = [];
  let gateway: RunningGateway | undefined;
  const stop = async () => {
    await gateway?.close();
    await Promise.all(served.map((s) => s.close()));
    clients.client.destroy();
  };
  try {
    for (const entry of subgraphList) {
      const handler = entry.createHandler({ documents: clients.documents, tableName: tableNames[entry.name]! });
      served.push(await serveHandler(entry.name, handler, { port: options.subgraphPorts?.[entry.name] ?? entry.port }));
    }
    const subgraphUrls = Object.fromEntries(subgraphList.map((entry, i) => [entry.name, served[i]!.url]));
    // The checked-in supergraph names the standard ports; point it at the ports actually used.
    const supergraph = withSubgraphUrls(readFileSync(SUPERGRAPH_FILE, 'utf8'), subgraphUrls);
    gateway = await startGatewayServer({ supergraph, port: options.gatewayPort });
    return { gatewayUrl: gateway.url, subgraphUrls, tableNames, clients, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
