import { blockFieldSuggestionsPlugin } from '@escape.tech/graphql-armor-block-field-suggestions';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import http from '@graphql-mesh/transport-http';
import { unifiedGraphHandler } from '@graphql-hive/router-runtime';
import { useAccessLog } from './access-log.js';
import { useBodySizeLimit, useJsonPostsOnly, useRequestIds } from '../limits/http-guards.js';
import { useClientJwt, type ClientAuthConfig } from '../auth/client-auth.js';
import { useDirectiveAuth } from '../auth/directive-auth.js';
import { useSubgraphTimeouts } from '../transport/subgraph-timeouts.js';
import { useDemandControl, type DemandControlOptions } from '../limits/demand-control.js';
import { isPartnerSubgraph, signGatewayToken, useSubgraphTokens } from '../auth/subgraph-tokens.js';
import { fixedGatewaySecrets, type GatewaySecrets } from '../auth/gateway-secrets.js';
import { maskError } from './error-masking.js';
import { LIMITS, operationLimitPlugins } from '../limits/operation-limits.js';
import { useExplorer } from './explorer.js';
import { LAMBDA_SCHEME, lambdaFetch, type LambdaInvoker } from '../transport/lambda-transport.js';
import { PROBE_BODY, subgraphEndpoints, useReadiness, type SubgraphEndpoint } from './readiness.js';
import { GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '../../subgraphs/shared/auth/gateway-signature.js';
import { usePartnerSignatures } from '../auth/partner-signatures.js';
import type { SupergraphSource } from './supergraph-source.js';
import { defaultPersistedOnlyClients, persistedDocumentsOptions, readWebAppManifest, type PersistedDocumentsPolicy } from '../limits/persisted-documents.js';
import { useWebApp } from './web-app.js';
import { useDevSignIn, type DevSignInOptions } from './dev-sign-in.js';

export const DEFAULT_SUBGRAPH_TIMEOUT_MS = 5_000;

export interface GatewayOptions {
  /** The supergraph SDL, with the URLs the gateway should call (`http(s)://` or `lambda://`). */
  readonly supergraph: string;
  /**
   * Where newer supergraphs come from (a published S3 object, a watched file): polled, and each
   * one replaces the running supergraph without a restart. `supergraph` serves until the first load.
   * @default - the supergraph never changes
   */
  readonly supergraphSource?: SupergraphSource;
  /** Per-subgraph timeout in ms, by subgraph name; `default` for the others (5 s). */
  readonly timeoutsMs?: Readonly<Record<string, number>>;
  /** Calls the functions of `lambda://` subgraph URLs; required when the supergraph has any. */
  readonly invokeLambda?: LambdaInvoker;
  /** Production: no explorer, no introspection, no field suggestions in validation errors. */
  readonly production?: boolean;
  /** Browser origins allowed to call the API (CORS); none when empty. */
  readonly corsOrigins?: readonly string[];
  /** Client authentication, and the key that signs the gateway's tokens to subgraphs. */
  readonly security?: GatewaySecurity;
  /**
   * Documents accepted by hash (default: the web app's manifest) and the clients that may send
   * nothing else (default: the web app in production, nobody in development). See persisted-documents.ts.
   */
  readonly persistedDocuments?: Partial<PersistedDocumentsPolicy>;
  /** Local servers only: the built web app (web/dist) to serve at /app/. The Lambda handler serves no files. */
  readonly webAppDir?: string;
  /**
   * Local development only: POST /dev/sign-in signs client tokens with the development identity
   * provider's key. Ignored in production, where the route does not exist.
   */
  readonly devSignIn?: DevSignInOptions;
  /**
   * The cost budget of an operation and the size assumed for lists the supergraph does not size
   * (`@listSize`); `false` for none (the benchmark's Guild schema, which sizes no list).
   * @default - LIMITS.cost and LIMITS.assumedListSize
   */
  readonly demandControl?: DemandControlOptions | false;
}

/**
 * Client authentication, and the gateway's own secrets: given as values (local runs and tests), or
 * as a provider that reads them where they are kept and follows their rotation (gateway-secrets.ts).
 */
export type GatewaySecurity = {
  readonly clientAuth: ClientAuthConfig;
} & (
  | {
      /** PKCS8 PEM of the gateway's ES256 key; subgraphs hold the public half. */
      readonly gatewayPrivateKey: string;
      /** The HMAC secret of each partner subgraph hosted by its province, by name: requests to it are signed with it. */
      readonly partnerSecrets?: Readonly<Record<string, string>>;
    }
  | { readonly secrets: GatewaySecrets }
);

/** The provider of the gateway's secrets, whichever way `security` gives them. */
export const gatewaySecretsOf = (security: GatewaySecurity): GatewaySecrets => ('secrets' in security ? security.secrets : fixedGatewaySecrets(security));

const isLambdaUrl = (url: string) => url.startsWith(`${LAMBDA_SCHEME}//`);

/** Routes `lambda://` subgraph URLs to Lambda invoke; every other URL keeps plain fetch (HTTP). */
function useLambdaTransport(fetchByInvoke: ReturnType<typeof lambdaFetch> | undefined): GatewayPlugin {
  return {
    onFetch({ url, setFetchFn }) {
      if (!isLambdaUrl(url)) return;
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
  const production = options.production ?? false;
  const fetchByInvoke = options.invokeLambda ? lambdaFetch(options.invokeLambda) : undefined;
  const fetchFor = (url: string) => (isLambdaUrl(url) && fetchByInvoke ? fetchByInvoke : fetch);
  const secrets = options.security ? gatewaySecretsOf(options.security) : undefined;
  // Readiness probes are gateway traffic too: subgraphs answer them only with a gateway token.
  const probeHeaders = secrets
    ? async ({ name, url }: SubgraphEndpoint) => {
        const partnerSecret = await secrets.partnerSecret(name);
        return {
          authorization: `Bearer ${await signGatewayToken(await secrets.signingKey(), name, { roles: [] })}`,
          ...(partnerSecret ? { [GATEWAY_SIGNATURE_HEADER]: signGatewayRequest(partnerSecret, { method: 'POST', url, body: PROBE_BODY }) } : {}),
        };
      }
    : undefined;
  let currentSupergraph = options.supergraph;
  const source = options.supergraphSource;
  return createGatewayRuntime({
    supergraph: source ? async () => (currentSupergraph = await source.load()) : () => options.supergraph,
    // Polling runs on incoming requests: the first one or two after a publication may see the old one.
    ...(source ? { pollingInterval: source.pollingIntervalMs } : {}),
    unifiedGraphHandler,
    // The runtime loads transports with a dynamic import a bundler cannot follow; name it here.
    transports: { http },
    // The HTTP executor merges identical subgraph queries in flight at the same time; its key holds
    // the caller's gateway token (useSubgraphTokens adds it to the execution request for that), so
    // only callers with the same claims share an answer (test/security/caller-isolation.test.ts).
    // Time limits are useSubgraphTimeouts below, not the runtime's upstreamTimeout (see there).
    // No retry: a mutation must never run twice because its first answer was slow.
    maskedErrors: { maskError: (error, message) => maskError(error, message) },
    ...(production ? { disableIntrospection: {} } : {}),
    cors: options.corsOrigins?.length
      ? {
          origin: [...options.corsOrigins],
          methods: ['GET', 'POST'],
          allowedHeaders: ['content-type', 'authorization', 'x-request-id'],
          exposedHeaders: ['x-request-id'],
        }
      : false,
    // One operation per request: a batch would multiply every limit above by its length.
    batching: false,
    persistedDocuments: persistedDocumentsOptions({
      manifest: options.persistedDocuments?.manifest ?? readWebAppManifest(),
      persistedOnlyClients: options.persistedDocuments?.persistedOnlyClients ?? defaultPersistedOnlyClients(production),
    }),
    // useRequestIds below: the runtime's own takes any x-request-id as it comes.
    requestId: false,
    plugins: () => [
      // First: it may replace the request (with the body it read), which later plugins then key on.
      useBodySizeLimit(),
      useRequestIds(),
      useAccessLog(),
      useJsonPostsOnly(),
      useSubgraphTimeouts((subgraphName) => timeouts[subgraphName] ?? timeouts.default ?? DEFAULT_SUBGRAPH_TIMEOUT_MS),
      ...(options.demandControl === false
        ? []
        : [useDemandControl(options.demandControl ?? { maxCost: LIMITS.cost, assumedListSize: LIMITS.assumedListSize })]),
      ...operationLimitPlugins(),
      ...(options.security
        ? [
            ...useClientJwt(options.security.clientAuth),
            // After the JWT: @authenticated, @requiresScopes and @policy of the supergraph.
            useDirectiveAuth(),
            // Partners (isPartnerSubgraph: from the subgraph list) get no client claims.
            useSubgraphTokens({ supergraph: options.supergraph, signingKey: () => secrets!.signingKey() }),
            usePartnerSignatures({ currentSupergraph: () => currentSupergraph, secrets: secrets! }),
          ]
        : []),
      useLambdaTransport(fetchByInvoke),
      // A partner that is down is reported, but never makes the gateway unready: core queries still answer.
      useReadiness({
        supergraph: options.supergraph,
        fetchFor,
        headersFor: probeHeaders,
        partners: subgraphEndpoints(options.supergraph)
          .map((e) => e.name)
          .filter(isPartnerSubgraph),
        production,
      }),
      ...(options.webAppDir ? [useWebApp(options.webAppDir)] : []),
      ...(options.devSignIn && !production ? [useDevSignIn(options.devSignIn)] : []),
      ...(production ? [blockFieldSuggestionsPlugin() as GatewayPlugin] : [useExplorer()]),
    ],
    // The runtime's own landing page and GraphiQL load assets from a CDN, which hangs offline.
    landingPage: false,
    graphiql: false,
    healthCheckEndpoint: '/health',
    // /readiness is ours (useReadiness: it probes every subgraph); the runtime's only checks itself.
    readinessCheckEndpoint: '/readiness/engine',
    // Our access log is the structured line per request; the runtime's own logger only for problems.
    logging: process.env.GATEWAY_LOG_LEVEL === 'silent' ? false : ((process.env.GATEWAY_LOG_LEVEL as 'warn' | undefined) ?? 'warn'),
  });
}

export type Gateway = ReturnType<typeof createGateway>;
