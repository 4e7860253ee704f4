import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { certainlyLeftOut, conditionVariables, deniedFields, grantsOf, useDirectiveAuth, type Grants } from '../../gateway/auth/directive-auth.js';

const schema = buildSchema(`
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM

  enum Grade @authenticated { A B }
  interface Node { id: ID! }
  type Person implements Node @authenticated { id: ID! name: String! idNumber: String! @policy(policies: [["personal_data"]]) grade: Grade }
  type Posting implements Node { id: ID! title: String! hires: [Person!]! }
  union Found = Person | Posting
  type Query {
    people: [Person!]! @requiresScopes(scopes: [["people:read"]])
    postings: [Posting!]!
    search: [Found!]!
    node(id: ID!): Node
    either: String @requiresScopes(scopes: [["programs:write"], ["postings:write"]])
  }
  type Mutation { registerPerson(name: String!): Person! @requiresScopes(scopes: [["people:write"]]) }
`);

const anonymous = grantsOf(null);
const caseworker = grantsOf({ sub: 'u1', roles: ['caseworker'] });
const employer = grantsOf({ sub: 'u2', roles: ['employer'] });

const denied = (query: string, grants: Grants, variables?: Record<string, unknown>, operationName?: string) =>
  deniedFields(schema, parse(query), operationName, variables, grants).map(({ path, reason }) => ({ path, reason }));

describe('deniedFields (the auth directives of the supergraph)', () => {
  it('refuses a field with @requiresScopes to an anonymous caller, naming the scope and the roles that grant it', () => {
    expect(denied('{ people { id } }', anonymous)).toEqual([
      {
        path: ['people'],
        reason: 'Query.people needs the scope people:read (roles caseworker, program_officer, admin), which an anonymous caller lacks: send a token.',
      },
    ]);
  });

  it('lets a caller whose roles grant the scope through, down to every nested field', () => {
    expect(denied('{ people { id name idNumber grade } }', caseworker)).toEqual([]);
  });

  it('refuses the fields of an @authenticated type reached through another entity, with the aliased path', () => {
    expect(denied('{ postings { title staff: hires { name } } }', anonymous)).toEqual([
      { path: ['postings', 'staff', 'name'], reason: 'Person.name needs a signed-in caller: send a token (Authorization: Bearer …).' },
    ]);
  });

  it('refuses a field under @policy to a signed-in caller whose roles do not meet it', () => {
    expect(denied('{ postings { hires { name idNumber } } }', employer)).toEqual([
      {
        path: ['postings', 'hires', 'idNumber'],
        reason: 'Person.idNumber needs the policy personal_data (roles caseworker, program_officer, admin), which your roles do not meet.',
      },
    ]);
  });

  it('accepts any one of the alternatives of @requiresScopes', () => {
    expect(denied('{ either }', employer)).toEqual([]);
    expect(denied('{ either }', caseworker)).toHaveLength(1);
  });

  it('finds refused fields inside named and inline fragments, on interfaces and unions', () => {
    const query = `
      query { node(id: "1") { id ...P } search { __typename ... on Posting { title } ... on Person { name } } }
      fragment P on Person { idNumber }
    `;
    expect(denied(query, employer).map((d) => d.path)).toEqual([['node', 'idNumber']]);
    expect(denied(query, anonymous).map((d) => d.path)).toEqual([
      ['node', 'idNumber'],
      ['search', 'name'],
    ]);
  });

  it('applies @authenticated on an enum to every field that returns it', () => {
    expect(denied('{ node(id: "1") { ... on Person { grade } } }', anonymous).map((d) => d.path)).toEqual([['node', 'grade']]);
  });

  it('does not examine what @skip or @include leave out, by literal or by variable', () => {
    const query = 'query ($hide: Boolean!) { postings { hires @skip(if: $hide) { name } } people @include(if: false) { id } }';
    expect(denied(query, anonymous, { hide: true })).toEqual([]);
    expect(denied(query, anonymous, { hide: false }).map((d) => d.path)).toEqual([['postings', 'hires', 'name']]);
    expect(conditionVariables(parse(query))).toEqual(['hide']);
  });

  it('examines only the operation named, and mutations by their root type', () => {
    const document = 'query A { postings { title } } mutation B { registerPerson(name: "x") { id } }';
    expect(denied(document, employer, {}, 'A')).toEqual([]);
    expect(denied(document, employer, {}, 'B')).toEqual([
      { path: ['registerPerson'], reason: 'Mutation.registerPerson needs the scope people:write (roles caseworker, admin), which your roles do not grant.' },
    ]);
  });

  it('never refuses introspection fields', () => {
    expect(denied('{ __typename people { __typename } }', caseworker)).toEqual([]);
    expect(denied('{ __schema { queryType { name } } }', anonymous)).toEqual([]);
  });

  it('does not loop on a fragment that spreads itself (validation refuses it first)', () => {
    expect(denied('{ node(id: "1") { ...F } } fragment F on Person { name ...F }', anonymous).map((d) => d.path)).toEqual([['node', 'name']]);
  });

  it('decides @skip/@include on the coerced variables: a default applies only to a variable left out, and null counts as included', () => {
    const query = 'query ($s: Boolean = true, $i: Boolean = false) { postings { hires @skip(if: $s) { name } } people @include(if: $i) { id } }';
    const paths = (variables?: Record<string, unknown>) => denied(query, anonymous, variables).map((d) => d.path);
    expect(paths()).toEqual([]);
    expect(paths({ s: null })).toEqual([['postings', 'hires', 'name']]);
    expect(paths({ i: null })).toEqual([['people']]);
    expect(paths({ s: false, i: true })).toEqual([['postings', 'hires', 'name'], ['people']]);
    // A value that does not coerce decides nothing (the engine refuses the request before any fetch).
    expect(paths({ s: 'yes', i: 1 })).toEqual([['postings', 'hires', 'name'], ['people']]);
  });

  it('leaves a selection out only on a decided condition, any one of its directives', () => {
    const directivesOf = (selection: string) => (parse(`{ ${selection} }`).definitions[0] as any).selectionSet.selections[0];
    const values: Record<string, unknown> = { yes: true, no: false, nothing: null };
    const leftOut = (selection: string) => certainlyLeftOut(directivesOf(selection), (name) => values[name]);
    expect(
      ['a @skip(if: true)', 'a @include(if: false)', 'a @skip(if: $yes)', 'a @include(if: $no)', 'a @skip(if: $nothing) @include(if: $no)'].map(leftOut),
    ).toEqual([true, true, true, true, true]);
    expect(
      [
        'a',
        'a @skip(if: false)',
        'a @include(if: true)',
        'a @skip(if: $nothing)',
        'a @include(if: $nothing)',
        'a @skip(if: $missing)',
        'a @include(if: $missing)',
      ].map(leftOut),
    ).toEqual([false, false, false, false, false, false, false]);
  });

  it('keeps its cached verdicts apart for a variable left out (its default) and the same variable sent as null', () => {
    const plugin = useDirectiveAuth() as unknown as { onExecute: (payload: unknown) => void };
    const document = parse('query ($s: Boolean = true) { postings { hires { name @skip(if: $s) } } }');
    const answer = (variableValues?: Record<string, unknown>) => {
      let result: { errors: { path: unknown }[] } | undefined;
      plugin.onExecute({ args: { schema, document, variableValues, contextValue: {} }, setResultAndStopExecution: (r: typeof result) => (result = r) });
      return result?.errors.map((e) => e.path) ?? 'allowed';
    };
    // Each order, twice: the second of each pair is answered from the cache.
    expect([answer(), answer({ s: null }), answer({}), answer({ s: null }), answer({ s: true }), answer({ s: false })]).toEqual([
      'allowed',
      [['postings', 'hires', 'name']],
      'allowed',
      [['postings', 'hires', 'name']],
      'allowed',
      [['postings', 'hires', 'name']],
    ]);
  });
});
