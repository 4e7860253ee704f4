import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { Logger } from '@aws-lambda-powertools/logger';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { CLIENT_CODES } from './errors.js';

const isClientError = (code: unknown) => typeof code === 'string' && CLIENT_CODES.has(code);

/**
 * Apollo Server for the schema: one log line per operation, unexpected errors logged with their
 * stack and answered as INTERNAL_SERVER_ERROR (a DynamoDB message naming a table stays in the log).
 */
export function createGraphQLServer<TContext extends { readonly logger: Logger }>(schema: GraphQLSchema) {
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
            async didEncounterErrors({ errors }) {
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
      return new GraphQLError('Internal server error; the request id in the logs identifies it.', {
        path: formatted.path,
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      }).toJSON();
    },
  });
}
