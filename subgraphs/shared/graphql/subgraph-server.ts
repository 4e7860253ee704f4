import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { unwrapResolverError } from '@apollo/server/errors';
import { handlers, startServerAndCreateLambdaHandler } from '@as-integrations/aws-lambda';
import { Logger } from '@aws-lambda-powertools/logger';
import { setUpTracing, tracedHandler, tracingEnabled } from '../telemetry/tracing.js';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context as LambdaContext } from 'aws-lambda';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { randomUUID } from 'node:crypto';
import { callerFromGatewayToken, importGatewayPublicKey, type Caller, type VerificationKey } from '../auth/caller.js';
import { requireEnv } from '../dynamodb/config.js';
import { REQUEST_ID_HEADER, requestIdOf } from './request-id.js';

/** What every subgraph resolver can count on, whatever else its context adds. */
export interface RequestContext {
  readonly requestId: string;
  readonly logger: Logger;
  /** Who the gateway says is calling; requests without a valid gateway token never get this far. */
  readonly caller: Caller;
}

/** Codes a client may see as they are; anything else is an internal failure and is masked. */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'CONFLICT',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

export type SubgraphHandler = (event: APIGatewayProxyEventV2, context: LambdaContext) => Promise<APIGatewayProxyResultV2>;

export interface SubgraphHandlerOptions<TContext extends RequestContext> {
  /** The subgraph's name, as in the subgraph list; it names the service in every log line. */
  readonly name: string;
  readonly schema: GraphQLSchema;
  /** Builds the per-request context (loaders, repositories) around the request id, logger and caller. */
  readonly createContext: (base: RequestContext) => TContext;
  /**
   * The gateway's public key, to verify the token on every request; several PEM blocks while the
   * gateway's signing key is rotated (a token signed with any of them is accepted).
   * @default GATEWAY_PUBLIC_KEY (PEM), read when the handler is created (at cold start)
   */
  readonly gatewayPublicKey?: string;
}

const isClientError = (code: unknown) => typeof code === 'string' && CLIENT_CODES.has(code);

/**
 * Every public key in `pems`: during a rotation of the gateway's signing key the subgraphs trust the
 * old and the new one, so the gateway may switch (it reads its key from Secrets Manager every few
 * minutes) without a request refused in between.
 */
export const importGatewayPublicKeys = (pems: string): Promise<VerificationKey[]> =>
  Promise.all((pems.match(/-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g) ?? [pems]).map(importGatewayPublicKey));

/** The caller of a token signed with any of `keys`; the last refusal otherwise. */
async function callerFromAnyGatewayKey(authorization: string | undefined, keys: readonly VerificationKey[], audience: string): Promise<Caller> {
  let refusal: unknown;
  for (const key of keys) {
    try {
      return await callerFromGatewayToken(authorization, key, audience);
    } catch (error) {
      refusal = error;
    }
  }
  throw refusal;
}

export function createSubgraphServer<TContext extends RequestContext>(schema: GraphQLSchema) {
  return new ApolloServer<TContext>({
    schema,
    plugins: [
      // Inline traces cost time on every request and nobody collects them here.
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ contextValue }) {
          const started = Date.now();
          return {
            async willSendResponse({ operationName, errors }) {
              contextValue.logger.info('graphql request', {
                operationName: operationName ?? null,
                durationMs: Date.now() - started,
                errorCount: errors?.length ?? 0,
              });
            },
            async didEncounterErrors({ contextValue, errors }) {
              for (const error of errors) {
                if (isClientError(error.extensions?.code)) continue;
                const original = unwrapResolverError(error);
                contextValue.logger.error('unexpected error', {
                  path: error.path,
                  error: original instanceof Error ? { name: original.name, message: original.message, stack: original.stack } : String(original),
                });
              }
            },
          };
        },
      },
    ],
    includeStacktraceInErrorResponses: false,
    formatError(formatted) {
      if (isClientError(formatted.extensions?.code)) return formatted;
      // Unexpected failures (a DynamoDB error naming a table, a bug) stay in the log, not the response.
      return new GraphQLError('Internal server error; the request id in the logs identifies it.', {
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }).toJSON();
    },
  });
}

/**
 * The Lambda handler of a subgraph (API Gateway HTTP API v2 events, which the gateway's Lambda-invoke
 * transport also sends). The local runner and the tests serve this same function.
 */
export function createSubgraphHandler<TContext extends RequestContext>(options: SubgraphHandlerOptions<TContext>): SubgraphHandler {
  const logger = new Logger({ serviceName: options.name });
  const gatewayKeys = importGatewayPublicKeys(options.gatewayPublicKey ?? requireEnv('GATEWAY_PUBLIC_KEY'));
  const server = createSubgraphServer<TContext>(options.schema);
  const handler = startServerAndCreateLambdaHandler(server, handlers.createAPIGatewayProxyEventV2RequestHandler(), {
    context: async ({ event }) => {
      // The gateway sends a clean id; anything reaching the function otherwise is checked the same way.
      const requestId = requestIdOf(event.headers?.[REQUEST_ID_HEADER]) ?? requestIdOf(event.requestContext?.requestId) ?? randomUUID();
      const requestLogger = logger.createChild({ persistentKeys: { requestId } });
      let caller: Caller;
      try {
        caller = await callerFromAnyGatewayKey(event.headers?.authorization, await gatewayKeys, options.name);
      } catch (error) {
        requestLogger.warn('request refused: no valid gateway token', { sourceIp: event.requestContext?.http?.sourceIp });
        throw error;
      }
      return options.createContext({ requestId, logger: requestLogger, caller });
    },
  });
  if (!tracingEnabled()) return handler as SubgraphHandler;
  const traced = setUpTracing(`${options.name}-subgraph`).then(() =>
    tracedHandler(
      options.name,
      handler as SubgraphHandler,
      (event) => requestIdOf(event.headers?.[REQUEST_ID_HEADER]) ?? requestIdOf(event.requestContext?.requestId) ?? 'none',
    ),
  );
  // The first request waits for the SDK to load; none is served untraced.
  return (async (event, lambdaContext) => (await traced)(event, lambdaContext)) as SubgraphHandler;
}
