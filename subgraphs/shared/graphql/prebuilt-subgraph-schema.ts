import { addResolversToSchema } from '@apollo/subgraph/dist/schema-helper/buildSchemaFromSDL.js';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { entitiesResolver } from '@apollo/subgraph/dist/types.js';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';

/**
 * What `buildSubgraphSchema` (@apollo/subgraph 2.14) derives from a subgraph's SDL alone, before it
 * adds resolvers: the SDL of the federation schema it builds (what `_service { sdl }` answers and
 * what its graphql-js schema is built from), the name of the query root and whether the schema has
 * entities. The Lambda build computes it (scripts/build.ts `prebuildSubgraphSchema`).
 */
export interface PrebuiltSubgraphSchema {
  readonly sdl: string;
  readonly queryRootName: string;
  readonly hasEntities: boolean;
}

/**
 * The schema `buildSubgraphSchema({ typeDefs, resolvers })` returns, from the prebuilt part: the
 * same steps as its last ones (buildSubgraphSchema.js), without loading the federation library.
 * The SDL was validated when it was prebuilt, so graphql-js does not validate it again.
 * test/unit/prebuilt-subgraph-schema.test.ts holds the two equal for every subgraph.
 */
export function schemaFromPrebuilt(prebuilt: PrebuiltSubgraphSchema, resolvers: GraphQLResolverMap<unknown>): GraphQLSchema {
  const { sdl, queryRootName } = prebuilt;
  const schema = buildASTSchema(parse(sdl, { noLocation: true }), { assumeValidSDL: true });
  addResolversToSchema(schema, { [queryRootName]: { _service: () => ({ sdl }) } });
  if (prebuilt.hasEntities) {
    addResolversToSchema(schema, {
      [queryRootName]: {
        _entities: (_source, { representations }, context, info) => entitiesResolver({ representations, context, info }),
      },
      _Entity: {
        __resolveType(parent: { __typename: string }) {
          return parent.__typename;
        },
      },
    });
  }
  addResolversToSchema(schema, resolvers);
  return schema;
}
