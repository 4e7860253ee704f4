import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { GraphQLSchema } from 'graphql';
import { subgraphTypeDefs } from './shared-types.js';

/**
 * A subgraph's executable schema: `buildSubgraphSchema` of its SDL (schema.graphql and the shared
 * types) with its resolvers. In a Lambda bundle the build replaces this module by one that starts
 * from the schema `buildSubgraphSchema` would build, computed at build time (scripts/build.ts,
 * prebuilt-subgraph-schema.ts): the federation checks and printing are two thirds of a subgraph's
 * cold start and give the same answer for the same SDL every time.
 */
export function subgraphSchema(schemaFile: URL, resolvers: GraphQLResolverMap<unknown>): GraphQLSchema {
  return buildSubgraphSchema({ typeDefs: subgraphTypeDefs(schemaFile), resolvers });
}
