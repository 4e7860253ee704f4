import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { resolvers } from './resolvers.js';
import { subgraphTypeDefs } from './shared-types.js';

/** The Shanxi subgraph's schema: built here, served by server.ts, tested directly. Starts nothing. */
export const shanxiSchema = buildSubgraphSchema({
  typeDefs: subgraphTypeDefs(),
  // Codegen's resolver types are stricter than Apollo's map type; they describe the same object.
  resolvers: resolvers as GraphQLResolverMap<unknown>,
});
