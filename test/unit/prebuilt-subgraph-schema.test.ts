/**
 * The Lambda bundles build each subgraph's schema from what scripts/build.ts prebuilt
 * (`schemaFromPrebuilt`); development and the other tests build it with `buildSubgraphSchema`
 * (`subgraphSchema`). These must be the same schema with the same resolvers, for every subgraph.
 */
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { graphql, isEnumType, isInputObjectType, isInterfaceType, isObjectType, isScalarType, isUnionType, type GraphQLSchema } from 'graphql';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prebuildSubgraphSchema } from '../../scripts/build.js';
import { schemaFromPrebuilt } from '../../subgraphs/shared/graphql/prebuilt-subgraph-schema.js';
import { subgraphSchema } from '../../subgraphs/shared/graphql/subgraph-schema.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';

/** Every function graphql-js or Apollo calls on a schema, by where it sits. */
function functionsOf(schema: GraphQLSchema): Map<string, unknown> {
  const found = new Map<string, unknown>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        found.set(`${type.name}.${field.name} resolve`, field.resolve);
        found.set(`${type.name}.${field.name} subscribe`, field.subscribe);
      }
    }
    if (isObjectType(type)) {
      found.set(`${type.name} isTypeOf`, type.isTypeOf);
      found.set(`${type.name} resolveReference`, (type as { resolveReference?: unknown }).resolveReference);
    }
    if (isInterfaceType(type) || isUnionType(type)) found.set(`${type.name} resolveType`, type.resolveType);
    if (isScalarType(type)) {
      found.set(`${type.name} serialize`, type.serialize);
      found.set(`${type.name} parseValue`, type.parseValue);
      found.set(`${type.name} parseLiteral`, type.parseLiteral);
    }
    if (isEnumType(type)) for (const value of type.getValues()) found.set(`${type.name}.${value.name} value`, value.value);
    if (isInputObjectType(type)) for (const field of Object.values(type.getFields())) found.set(`${type.name}.${field.name} default`, field.defaultValue);
  }
  return found;
}

// Made by buildSubgraphSchema itself (a new closure each time): compared by what they answer instead.
const FEDERATION_RESOLVERS = new Set(['Query._service resolve', 'Query._entities resolve', '_Entity resolveType']);

describe.each(subgraphList.map((s) => [s.name, s] as const))('the prebuilt schema of the %s subgraph', (_name, subgraph) => {
  const load = async () => {
    const { resolvers } = (await import(fileURLToPath(new URL('./resolvers.ts', subgraph.schemaFile)))) as { resolvers: GraphQLResolverMap<unknown> };
    const prebuilt = prebuildSubgraphSchema(subgraph.schemaFile);
    if (!prebuilt) throw new Error(`${subgraph.name}: no prebuilt schema (a type extended without a definition?)`);
    return { built: subgraphSchema(subgraph.schemaFile, resolvers), fromPrebuilt: schemaFromPrebuilt(prebuilt, resolvers), prebuilt };
  };

  it('is the schema buildSubgraphSchema builds, directives included', async () => {
    const { built, fromPrebuilt } = await load();
    expect(printSchemaWithDirectives(fromPrebuilt)).toBe(printSchemaWithDirectives(built));
  });

  it('has the same resolvers in the same places', async () => {
    const { built, fromPrebuilt } = await load();
    const expected = functionsOf(built);
    const actual = functionsOf(fromPrebuilt);
    expect([...actual.keys()]).toEqual([...expected.keys()]);
    // graphql-js gives a scalar without its own parseLiteral a closure of its own: same code, new function.
    const same = (where: string, a: unknown, b: unknown) => a === b || (where.endsWith(' parseLiteral') && String(a) === String(b));
    const differing = [...expected].filter(([where, fn]) => !FEDERATION_RESOLVERS.has(where) && !same(where, actual.get(where), fn)).map(([where]) => where);
    expect(differing).toEqual([]);
    // The subgraph's own resolvers are there at all (not only both missing).
    expect([...actual.values()].filter((fn) => typeof fn === 'function').length).toBeGreaterThan(10);
  });

  it('answers _service and resolves _Entity members as buildSubgraphSchema does', async () => {
    const { built, fromPrebuilt, prebuilt } = await load();
    const source = '{ _service { sdl } }';
    const [expected, actual] = await Promise.all([graphql({ schema: built, source }), graphql({ schema: fromPrebuilt, source })]);
    expect(actual).toEqual(expected);
    expect((actual.data as { _service: { sdl: string } })._service.sdl).toContain('@key');
    const entity = built.getType('_Entity');
    expect(prebuilt.hasEntities).toBe(isUnionType(entity));
    if (!isUnionType(entity)) return;
    const resolveTypeOf = (schema: GraphQLSchema) => (schema.getType('_Entity') as typeof entity).resolveType!;
    for (const member of entity.getTypes()) {
      const args = [{ __typename: member.name }, {}, {} as never, entity] as const;
      expect(await resolveTypeOf(fromPrebuilt)(...args)).toBe(await resolveTypeOf(built)(...args));
    }
  });
});
