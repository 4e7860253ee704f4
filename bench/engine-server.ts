/**
 * One gateway engine in a process of its own, for the benchmark: `tsx bench/engine-server.ts` with
 * BENCH_ENGINE set to the JSON of an EngineConfig. Every engine verifies the client's JWT with the
 * same key and signs the same ES256 gateway token for every subgraph fetch (gateway/auth/subgraph-tokens.ts
 * `subgraphToken`), so they do equal work apart from planning and executing.
 *
 *   ours    gateway/serving/gateway.ts createGateway as deployed: production mode, security on (Hive Gateway
 *           runtime + Rust planner, limits, auth directives, demand control, access log)
 *   apollo  @apollo/gateway + @apollo/server, the vanilla setup, plus the same JWT check and tokens
 *   hive    @graphql-hive/gateway-runtime with its default JS planner, plus @graphql-yoga/plugin-jwt
 *           set up as documented (useDocumentedClientJwt) and our token plugin
 *   bare    the bare engine we build on: the same runtime with the Rust planner
 *           (`unifiedGraphHandler` of @graphql-hive/router-runtime) as its documentation sets it up,
 *           the same documented JWT plugin and our token plugin; none of our layers (auth
 *           directives, limits, demand control, access log, our plugins replacing runtime options)
 *
 * Both Hive-based engines merge identical subgraph queries in flight (the runtime's default; ours
 * keys the merge on the caller's token): with every connection sending the same operation, they
 * send the subgraphs fewer requests than @apollo/gateway, which does not merge.
 */
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import http from '@graphql-mesh/transport-http';
import { importSPKI, jwtVerify } from 'jose';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { useDocumentedClientJwt, type ClientAuthConfig, type ClientClaims } from '../gateway/auth/client-auth.js';
import { startGatewayServer } from '../gateway/serving/server.js';
import { importGatewayPrivateKey, subgraphToken, useSubgraphTokens } from '../gateway/auth/subgraph-tokens.js';
import { DEV_AUDIENCE, DEV_ISSUER } from '../scripts/dev-keys.js';
import { withoutSecurityFeatures } from './apollo-supergraph.js';

export type EngineName = 'ours' | 'apollo' | 'hive' | 'bare';

export interface EngineConfig {
  readonly engine: EngineName;
  readonly supergraphFile: string;
  readonly port: number;
  readonly gatewayPrivateKey: string;
  readonly issuerPublicKey: string;
  /** Ours only: no cost limit, for a supergraph that sizes none of its lists (The Guild's), as (b) and (c) have none. */
  readonly withoutDemandControl?: boolean;
}

const config = JSON.parse(process.env.BENCH_ENGINE ?? 'null') as EngineConfig | null;
if (!config) throw new Error('Set BENCH_ENGINE to the JSON of an EngineConfig (bench/run.ts does).');
const supergraph = readFileSync(config.supergraphFile, 'utf8');
const clientAuth: ClientAuthConfig = { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, publicKeyPem: config.issuerPublicKey };
const signingKey = importGatewayPrivateKey(config.gatewayPrivateKey);

if (config.engine === 'ours') {
  await startGatewayServer({
    supergraph,
    port: config.port,
    host: '127.0.0.1',
    production: true,
    security: { gatewayPrivateKey: config.gatewayPrivateKey, clientAuth },
    ...(config.withoutDemandControl ? { demandControl: false } : {}),
  });
} else if (config.engine === 'apollo') {
  const issuerKey = await importSPKI(config.issuerPublicKey, 'ES256');
  const key = await signingKey;
  const gateway = new ApolloGateway({
    supergraphSdl: withoutSecurityFeatures(supergraph),
    buildService: ({ name, url }) =>
      new RemoteGraphQLDataSource<{ claims?: ClientClaims }>({
        url,
        async willSendRequest({ request, context }) {
          request.http!.headers.set('authorization', `Bearer ${await subgraphToken(key, name, context.claims)}`);
        },
      }),
  });
  const server = new ApolloServer<{ claims?: ClientClaims }>({ gateway });
  await startStandaloneServer(server, {
    listen: { port: config.port, host: '127.0.0.1' },
    async context({ req }) {
      const token = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (!token) return {};
      const { payload } = await jwtVerify(token, issuerKey, { issuer: DEV_ISSUER, audience: DEV_AUDIENCE, algorithms: ['RS256', 'ES256'] });
      return { claims: payload as ClientClaims };
    },
  });
} else {
  const runtime = createGatewayRuntime({
    supergraph: () => supergraph,
    ...(config.engine === 'bare' ? { unifiedGraphHandler } : {}),
    transports: { http },
    plugins: () => [useDocumentedClientJwt(clientAuth), useSubgraphTokens({ supergraph, signingKey: () => signingKey }) as GatewayPlugin],
    landingPage: false,
    graphiql: false,
    logging: false,
  });
  await new Promise<void>((resolve) => createServer(runtime).listen(config.port, '127.0.0.1', resolve));
}
console.log(`ready ${config.engine} ${config.port}`);
