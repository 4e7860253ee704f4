import { GraphQLError } from 'graphql';

/** A value the caller sent breaks a rule; `field` names the argument. The graph's code for it: BAD_USER_INPUT. */
export const badUserInput = (field: string, message: string) => new GraphQLError(`${field}: ${message}`, { extensions: { code: 'BAD_USER_INPUT', field } });

/** Codes a client may see as they are (the graph's conventions); any other error is masked as INTERNAL_SERVER_ERROR. */
export const CLIENT_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);
