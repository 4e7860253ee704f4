/**
 * The rule of who reads which people field is stated once, in subgraphs/people/field-access.ts;
 * the SDL's `@requiresScopes` (the gateway's gate) must say the same, field by field, and every
 * field of a guarded type must have a rule (the schema refuses to build otherwise).
 */
import { readFileSync } from 'node:fs';
import { Kind, parse, type ConstDirectiveNode, type ObjectTypeDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { FIELD_READERS, PUBLIC, READER_SCOPES, guardFields, type FieldRule } from '../../subgraphs/people/field-access.js';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { subgraphTypeDefs } from '../../subgraphs/shared/graphql/shared-types.js';

const sdl = parse(readFileSync(new URL('../../subgraphs/people/schema.graphql', import.meta.url), 'utf8'));
const objectTypes = new Map(sdl.definitions.filter((d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION).map((d) => [d.name.value, d]));

/** `@requiresScopes(scopes: [[…], …])` as string lists, or null without one. */
function scopesOf(directives: readonly ConstDirectiveNode[] | undefined): string[][] | null {
  const directive = directives?.find((d) => d.name.value === 'requiresScopes');
  if (!directive) return null;
  const value = directive.arguments![0]!.value;
  if (value.kind !== Kind.LIST) throw new Error('scopes must be a list');
  return value.values.map((inner) => (inner.kind === Kind.LIST ? inner.values.map((v) => (v.kind === Kind.STRING ? v.value : '?')) : ['?']));
}

/** What the gateway requires for a field: the type's and the field's alternatives, both to be met. */
function effective(type: string[][] | null, field: string[][] | null): string[][] | null {
  if (!type) return field;
  if (!field) return type;
  return type.flatMap((a) => field.map((b) => [...new Set([...a, ...b])].sort()));
}

const normalise = (alternatives: string[][] | null) => (alternatives ? alternatives.map((a) => [...a].sort().join('+')).sort() : null);
const expected = (rule: FieldRule) => (rule === PUBLIC ? null : rule.map((reader) => [READER_SCOPES[reader]]));

describe('the people field rule', () => {
  for (const [typeName, rules] of Object.entries(FIELD_READERS)) {
    it(`is the same in the SDL and in field-access.ts for ${typeName}`, () => {
      const type = objectTypes.get(typeName)!;
      const typeScopes = scopesOf(type.directives);
      const fromSdl = Object.fromEntries(type.fields!.map((f) => [f.name.value, normalise(effective(typeScopes, scopesOf(f.directives)))]));
      const fromTable = Object.fromEntries(Object.entries(rules).map(([field, rule]) => [field, normalise(expected(rule as FieldRule))]));
      expect(fromSdl).toEqual(fromTable);
    });
  }

  it('refuses to build a schema with a guarded field that has no rule', () => {
    const typeDefs = subgraphTypeDefs(new URL('../../subgraphs/people/schema.graphql', import.meta.url));
    const extended = { ...typeDefs, definitions: [...typeDefs.definitions, ...parse('extend type Person { secret: String }').definitions] };
    expect(() => guardFields(buildSubgraphSchema({ typeDefs: extended }))).toThrow(
      'Person.secret has no rule in subgraphs/people/field-access.ts: say who may read it.',
    );
  });
});
