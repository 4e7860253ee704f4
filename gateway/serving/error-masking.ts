/**
 * What clients may see of an error. Subgraph errors with a client code pass through; a subgraph
 * that is down, slow or answers garbage becomes an error naming that subgraph and nothing else
 * (the engine's own errors carry the subgraph's URL, the query and the response body); anything
 * else is masked. The original stays in the gateway's log.
 */
import { GraphQLError } from 'graphql';

/** Codes the engine gives failures to reach or understand a subgraph. */
const TRANSPORT_FAILURES: Readonly<Record<string, string>> = {
  GATEWAY_TIMEOUT: 'did not answer in time',
  SUBREQUEST_HTTP_ERROR: 'could not be reached',
  RESPONSE_VALIDATION_FAILED: 'answered with an invalid response',
  DOWNSTREAM_SERVICE_ERROR: 'failed',
};

/**
 * By name, not instanceof: the engine's packages load graphql both as ESM and as CommonJS, and an
 * error from the other copy is not an instance of this copy's GraphQLError.
 */
function isGraphQLError(error: unknown): error is GraphQLError {
  return error instanceof Error && error.name === 'GraphQLError';
}

/** An error made on purpose, with a message meant for the client (not a crash wrapped in one). */
function isIntended(error: unknown): boolean {
  if (!isGraphQLError(error)) return false;
  return !error.originalError || isIntended(error.originalError);
}

export const SUBGRAPH_UNAVAILABLE = 'SUBGRAPH_UNAVAILABLE';

export function maskError(error: unknown, message: string): GraphQLError {
  const graphqlError = isGraphQLError(error) ? error : null;
  const code = graphqlError?.extensions?.code;
  const serviceName = graphqlError?.extensions?.serviceName;
  if (typeof code === 'string' && typeof serviceName === 'string' && code in TRANSPORT_FAILURES) {
    return new GraphQLError(`The ${serviceName} subgraph ${TRANSPORT_FAILURES[code]}; the fields it serves are null in this response.`, {
      path: graphqlError!.path,
      extensions: { code: code === 'GATEWAY_TIMEOUT' ? 'GATEWAY_TIMEOUT' : SUBGRAPH_UNAVAILABLE, serviceName },
    });
  }
  if (graphqlError && isIntended(graphqlError)) return graphqlError;
  return new GraphQLError(message, { path: graphqlError?.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}
