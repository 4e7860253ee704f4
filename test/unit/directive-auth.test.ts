import { buildSchema, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { conditionVariables, deniedFields, grantsOf, type Grants } from '../../gateway/directive-auth.js';

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
      { path: ['people'], reason: 'Query.people needs the scope people:read (roles caseworker, program_officer, admin), which an anonymous caller lacks: send a token.' },
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
      { path: ['postings', 'hires', 'idNumber'], reason: 'Person.idNumber needs the policy personal_data (roles caseworker, program_officer, admin), which your roles do not meet.' },
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
    expect(denied(query, anonymous).map((d) => d.path)).toEqual([['node', 'idNumber'], ['search', 'name']]);
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
});
