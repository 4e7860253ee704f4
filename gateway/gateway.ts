import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import http from '@graphql-mesh/transport-http';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';

export interface GatewayOptions {
  /** The supergraph SDL, as `npm run compose` writes it. */
  readonly supergraph: string;
}

/**
 * The gateway engine (Hive Gateway runtime with the Rust query planner), behind this one function
 * so it can be swapped. Build it once per process: it caches parsed documents and query plans.
 */
export function createGateway(options: GatewayOptions) {
  return createGatewayRuntime({
    supergraph: () => options.supergraph,
    unifiedGraphHandler,
    // The runtime loads transports with a dynamic import a bundler cannot follow; name it here.
    transports: { http },
    // The runtime's own landing page and GraphiQL load assets from a CDN, which hangs offline.
    landingPage: false,
    graphiql: false,
    healthCheckEndpoint: '/health',
    logging: process.env.GATEWAY_LOG_LEVEL === 'silent' ? false : (process.env.GATEWAY_LOG_LEVEL as 'info' | undefined) ?? 'info',
  });
}

export type Gateway = ReturnType<typeof createGateway>;
