import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import http from '@graphql-mesh/transport-http';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { maskError } from './error-masking.js';
import { LAMBDA_SCHEME, lambdaFetch, type LambdaInvoker } from './lambda-transport.js';

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;

export interface GatewayOptions {
  /** The supergraph SDL, as `npm run compose` writes it (URLs as the gateway should call them). */
  readonly supergraph: string;
  /** Per-subgraph timeout in ms, by subgraph name; `default` for the others. */
  readonly timeoutsMs?: Readonly<Record<string, number>>;
  /** Calls the functions of `lambda://` subgraph URLs; required when the supergraph has any. */
  readonly invokeLambda?: LambdaInvoker;
}

/** Routes `lambda://` subgraph URLs to Lambda invoke; every other URL keeps plain fetch (HTTP). */
function useLambdaTransport(invoke: LambdaInvoker | undefined): GatewayPlugin {
  const fetchByInvoke = invoke ? lambdaFetch(invoke) : undefined;
  return {
    onFetch({ url, setFetchFn }) {
      if (!url.startsWith(`${LAMBDA_SCHEME}//`)) return;
      if (!fetchByInvoke) throw new Error(`The supergraph calls ${url} but the gateway has no Lambda invoker.`);
      setFetchFn(fetchByInvoke);
    },
  };
}

/**
 * The gateway engine (Hive Gateway runtime with the Rust query planner), behind this one function
 * so it can be swapped. Build it once per process: it caches parsed documents and query plans.
 */
export function createGateway(options: GatewayOptions) {
  const timeouts = options.timeoutsMs ?? {};
  return createGatewayRuntime({
    supergraph: () => options.supergraph,
    unifiedGraphHandler,
    // The runtime loads transports with a dynamic import a bundler cannot follow; name it here.
    transports: { http },
    upstreamTimeout: ({ subgraphName }) => timeouts[subgraphName ?? ''] ?? timeouts.default ?? DEFAULT_SUBGRAPH_TIMEOUT_MS,
    plugins: () => [useLambdaTransport(options.invokeLambda)],
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    // The runtime's own landing page and GraphiQL load assets from a CDN, which hangs offline.
    landingPage: false,
    graphiql: false,
    healthCheckEndpoint: '/health',
    logging: process.env.GATEWAY_LOG_LEVEL === 'silent' ? false : (process.env.GATEWAY_LOG_LEVEL as 'info' | undefined) ?? 'info',
  });
}

export type Gateway = ReturnType<typeof createGateway>;
