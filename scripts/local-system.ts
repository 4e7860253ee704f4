/**
 * Starts the whole system on this machine: tables, demo data, every subgraph's Lambda handler over
 * HTTP and the gateway. `npm start` uses it with the fixed ports; the end-to-end tests with free ones.
 */
import { readFileSync } from 'node:fs';
import { createTables } from '../subgraphs/shared/dynamodb/table-definition.js';
import { createDynamoClients, type DynamoClients } from '../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../subgraphs/shared/dynamodb/config.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';
import { demoDataLoaders, generateDemoWorld } from './demo/index.js';
import { startStreamPoller, type StreamPoller } from './stream-poller.js';
import { SUPERGRAPH_FILE } from '../gateway/composition/compose.js';
import { startGatewayServer, type RunningGateway } from '../gateway/serving/server.js';
import { withSubgraphUrls } from '../gateway/transport/supergraph-urls.js';
import { readGatewayConfig } from '../gateway/serving/config.js';
import { WEB_APP_DIST } from '../web/build.js';
import { DEV_AUDIENCE, DEV_ISSUER, type DevKeys } from './dev-keys.js';
import { serveHandler, type ServedHandler } from './lambda-http-adapter.js';
import type { PartnerEndpoints } from './partner-services.js';
import { polledSupergraph, watchedSupergraphFile } from '../gateway/serving/supergraph-source.js';

export interface LocalSystemOptions {
  readonly dynamoEndpoint: string;
  /** Prefixes every table name, so test files sharing one DynamoDB Local do not see each other. */
  readonly tablePrefix?: string;
  /** Port per subgraph name; 0 picks a free one. Defaults to the subgraph list's ports. */
  readonly subgraphPorts?: Readonly<Record<string, number>>;
  readonly gatewayPort: number;
  readonly loadDemoData: boolean;
  /**
   * Feeds each listed subgraph's `projections` from the streams of the tables they read, as the
   * event-source mappings do in AWS (off by default: tests that need it turn it on).
   */
  readonly streamProjections?: boolean;
  readonly allowRemoteTables?: boolean;
  /** Production behaviour (no explorer, introspection or suggestions); defaults to NODE_ENV. */
  readonly production?: boolean;
  /** The gateway's key pair and the development identity provider's (see scripts/dev-keys.ts). */
  readonly keys: DevKeys;
  /**
   * Partner subgraphs hosted by provinces that run somewhere (scripts/partner-services.ts): where,
   * and the secret the gateway signs requests to them with. Others keep the supergraph's URL, unsigned.
   */
  readonly partners?: PartnerEndpoints;
  /** Reload the supergraph when `npm run compose` rewrites gateway/supergraph.graphql (npm start). */
  readonly watchSupergraph?: boolean;
  /**
   * Called with the subgraph's name and the request's body on every request a subgraph receives
   * (tests count them, and read which fields were asked for).
   */
  readonly onSubgraphRequest?: (subgraph: string, body: string | undefined) => void;
  readonly log?: (line: string) => void;
}

export interface LocalSystem {
  readonly gatewayUrl: string;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly tableNames: Readonly<Record<string, string>>;
  readonly clients: DynamoClients;
  /** The stream pollers, when `streamProjections` is on: `catchUp()` applies every record written so far, to every projection. */
  readonly streamPoller?: StreamPoller;
  stop(): Promise<void>;
}

/**
 * Loads the demo data of every listed subgraph that has some (scripts/demo/index.ts), into the given
 * tables, idempotently, side by side.
 */
export async function loadDemoData(clients: DynamoClients, tableNames: Readonly<Record<string, string>>, log: (line: string) => void = () => undefined) {
  const unlisted = Object.keys(demoDataLoaders).filter((name) => !subgraphList.some((entry) => entry.name === name));
  if (unlisted.length > 0)
    throw new Error(
      `Demo data for ${unlisted.join(', ')}, which the subgraph list does not have (${subgraphList.map((e) => e.name).join(', ')}): rename or remove it in scripts/demo/index.ts.`,
    );
  const started = Date.now();
  const world = generateDemoWorld();
  await Promise.all(
    subgraphList.flatMap((entry) => {
      const load = demoDataLoaders[entry.name];
      if (!load) return [];
      return [
        load({ documents: clients.documents, tableName: tableNames[entry.name]! }, world).then((done) =>
          log(`Demo data: ${done} (${((Date.now() - started) / 1000).toFixed(1)} s).`),
        ),
      ];
    }),
  );
}

/** The physical table name of each subgraph under a prefix. */
export const tableNamesFor = (prefix = '') => Object.fromEntries(subgraphList.map((s) => [s.name, `${prefix}${s.table.name}`]));

export async function startLocalSystem(options: LocalSystemOptions): Promise<LocalSystem> {
  const log = options.log ?? (() => undefined);
  const clients = createDynamoClients({ endpoint: options.dynamoEndpoint, region: process.env.AWS_REGION || LOCAL_REGION });
  const tableNames = tableNamesFor(options.tablePrefix);

  const started = Date.now();
  const created = await createTables(
    clients.client,
    subgraphList.map((s) => ({ definition: s.table, tableName: tableNames[s.name]! })),
    { endpoint: options.dynamoEndpoint, allowRemote: options.allowRemoteTables },
  );
  log(`Tables: ${created.length} created, ${subgraphList.length - created.length} already there (${Date.now() - started} ms).`);

  if (options.loadDemoData) await loadDemoData(clients, tableNames, log);

  // Subgraph handlers read the gateway's public key from the environment, as they do in Lambda.
  process.env.GATEWAY_PUBLIC_KEY = options.keys.gatewayPublicKey;
  const served: ServedHandler[] = [];
  let gateway: RunningGateway | undefined;
  let streamPoller: StreamPoller | undefined;
  const stop = async () => {
    streamPoller?.stop();
    await gateway?.close();
    await Promise.all(served.map((s) => s.close()));
    clients.client.destroy();
  };
  try {
    for (const entry of subgraphList) {
      const created = entry.createHandler({ documents: clients.documents, tableName: tableNames[entry.name]! });
      const observe = options.onSubgraphRequest;
      const handler: typeof created = observe
        ? (event, context) => {
            observe(entry.name, event.isBase64Encoded && event.body ? Buffer.from(event.body, 'base64').toString() : event.body);
            return created(event, context);
          }
        : created;
      served.push(await serveHandler(entry.name, handler, { port: options.subgraphPorts?.[entry.name] ?? entry.port }));
    }
    const subgraphUrls = Object.fromEntries(subgraphList.map((entry, i) => [entry.name, served[i]!.url]));
    const partners = options.partners ?? {};
    // The checked-in supergraph names the standard ports; point it at the ports actually used.
    const urls = { ...subgraphUrls, ...Object.fromEntries(Object.entries(partners).map(([name, p]) => [name, p.url])) };
    const pointed = (text: string) => withSubgraphUrls(text, urls, { ignoreMissing: true });
    const supergraph = pointed(readFileSync(SUPERGRAPH_FILE, 'utf8'));
    const config = readGatewayConfig();
    gateway = await startGatewayServer({
      supergraph,
      ...(options.watchSupergraph
        ? {
            supergraphSource: polledSupergraph({
              initial: supergraph,
              fetchNewest: watchedSupergraphFile(SUPERGRAPH_FILE),
              transform: pointed,
              pollingIntervalMs: 1000,
              log,
            }),
          }
        : {}),
      port: options.gatewayPort,
      production: options.production ?? config.production,
      timeoutsMs: config.timeoutsMs,
      corsOrigins: config.corsOrigins,
      persistedDocuments: { persistedOnlyClients: config.persistedOnlyClients },
      demandControl: config.demandControl,
      webAppDir: WEB_APP_DIST,
      // The gateway serves it only outside production (gateway/serving/dev-sign-in.ts).
      devSignIn: { issuerPrivateKey: options.keys.issuerPrivateKey, issuer: DEV_ISSUER, audience: DEV_AUDIENCE },
      security: {
        gatewayPrivateKey: options.keys.gatewayPrivateKey,
        clientAuth: { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, publicKeyPem: options.keys.issuerPublicKey },
        partnerSecrets: Object.fromEntries(Object.entries(partners).map(([name, p]) => [name, p.secret])),
      },
    });
    if (options.streamProjections) {
      const pollers = await Promise.all(
        subgraphList.flatMap((entry) =>
          entry.projections
            ? [
                startStreamPoller({
                  client: clients.client,
                  // The tables the AWS event-source mappings read, from the same declaration.
                  tableNames: [...new Set(entry.projections.items.map(({ subgraph }) => tableNames[subgraph]!))],
                  apply: entry.projections.createApply({ documents: clients.documents, tableName: tableNames[entry.name]! }),
                  onError: (error) => log(`Stream projections of ${entry.name}: ${(error as Error).message} (retrying)`),
                }),
              ]
            : [],
        ),
      );
      streamPoller = {
        catchUp: async () => (await Promise.all(pollers.map((p) => p.catchUp()))).reduce((sum, n) => sum + n, 0),
        stop: () => {
          for (const p of pollers) p.stop();
        },
      };
    }
    return { gatewayUrl: gateway.url, subgraphUrls, tableNames, clients, streamPoller, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
