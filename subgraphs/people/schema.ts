import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { subgraphSchema } from '../shared/graphql/subgraph-schema.js';
import { guardFields } from './field-access.js';
import { resolvers } from './resolvers.js';

/**
 * The people subgraph's schema: built here, served by handler.ts, tested directly. Starts nothing.
 * Every field of Query, Person and Household checks its rule of field-access.ts before resolving.
 */
export const peopleSchema = guardFields(
  subgraphSchema(
    new URL('./schema.graphql', import.meta.url),
    // Codegen's resolver types are stricter than Apollo's map type; they describe the same object.
    resolvers as GraphQLResolverMap<unknown>,
  ),
);
