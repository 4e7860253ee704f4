/**
 * The gateway's Lambda entry point, behind an API Gateway HTTP API (payload format 2.0). The engine
 * and its plan caches are built once per container, at cold start; subgraphs are called by Lambda
 * invoke (`lambda://` URLs from SUBGRAPH_URLS) or HTTPS.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { readFileSync } from 'node:fs';
import { deployedSupergraph, readGatewayConfig, type GatewayConfig } from './config.js';
import { createGateway, gatewaySecretsOf } from './gateway.js';
import { requestFromEvent, resultFromResponse } from '../transport/http-api-event.js';
import { awsLambdaInvoker, type LambdaInvoker } from '../transport/lambda-transport.js';
import { polledSupergraph, publishedSupergraphObject, type FetchNewest } from './supergraph-source.js';

/**
 * `fetchPublished` reads the supergraph `npm run publish-supergraph` published (the S3 object of
 * SUPERGRAPH_BUCKET); the bundled one serves until it answers, and whenever nothing is published.
 */
export function createGatewayHandler(supergraph: string, config: GatewayConfig, invokeLambda: LambdaInvoker, fetchPublished?: FetchNewest) {
  if (!config.security)
    throw new Error(
      'Environment variable GATEWAY_SIGNING_KEY_SECRET_ARN (or GATEWAY_PRIVATE_KEY locally) is required: subgraphs answer only requests the gateway signed.',
    );
  // Read at cold start, while the engine loads, rather than on the first subgraph fetch. A failure
  // is logged (it names the secret) but not final: the next use reads again.
  const secrets = gatewaySecretsOf(config.security);
  const warn = (error: Error) => console.warn(JSON.stringify({ level: 'WARN', message: error.message }));
  void secrets.signingKey().catch(warn);
  for (const partner of secrets.partners) void secrets.partnerSecret(partner).catch(warn);
  const bundled = deployedSupergraph(supergraph, config);
  const fetchNewest = fetchPublished ?? (config.publishedSupergraph ? publishedSupergraphObject(config.publishedSupergraph) : undefined);
  const gateway = createGateway({
    security: { ...config.security, secrets },
    supergraph: bundled,
    ...(fetchNewest
      ? {
          supergraphSource: polledSupergraph({
            initial: bundled,
            fetchNewest,
            transform: (published) => deployedSupergraph(published, config, { published: true }),
            pollingIntervalMs: config.publishedSupergraph?.pollingIntervalMs ?? 30_000,
            log: (message) => console.warn(JSON.stringify({ level: 'WARN', message })),
          }),
        }
      : {}),
    timeoutsMs: config.timeoutsMs,
    invokeLambda,
    production: config.production,
    corsOrigins: config.corsOrigins,
    persistedDocuments: { persistedOnlyClients: config.persistedOnlyClients },
    demandControl: config.demandControl,
  });
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => resultFromResponse(await gateway.fetch(requestFromEvent(event)));
}

// Bundled beside the handler by the build; composed and checked before any deployment.
const SUPERGRAPH = new URL('../supergraph.graphql', import.meta.url);

let created: ReturnType<typeof createGatewayHandler> | undefined;
export const handler = (event: APIGatewayProxyEventV2) => {
  created ??= createGatewayHandler(readFileSync(SUPERGRAPH, 'utf8'), readGatewayConfig(), awsLambdaInvoker());
  return created(event);
};
