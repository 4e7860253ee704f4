import { readFileSync } from 'node:fs';
import { buildSchema, parse } from 'graphql';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { actualCost, estimateCost, intVariables, MUTATION_COST, useDemandControl } from '../../gateway/limits/demand-control.js';
import { coercedValuesKey } from '../../gateway/limits/operation-fields.js';
import { LIMITS } from '../../gateway/limits/operation-limits.js';
import { readWebAppManifest } from '../../gateway/limits/persisted-documents.js';

const supergraph = buildSchema(readFileSync(SUPERGRAPH_FILE, 'utf8'), { assumeValidSDL: true });
const cost = (query: string, variables?: Record<string, unknown>, operationName?: string) =>
  estimateCost(supergraph, parse(query), operationName, variables, LIMITS.assumedListSize);

describe('estimateCost (demand control, from @listSize of the supergraph)', () => {
  it('multiplies page sizes through nested connections', () => {
    // jobPostings 1 + edges 100 + node 100 + employer 100 + postings 100 + edges 100×100 + node 100×100 + employer 100×100
    expect(
      cost('{ jobPostings(first: 100) { edges { node { title employer { postings(first: 100) { edges { node { title employer { name } } } } } } } } }'),
    ).toBe(30_401);
    expect(cost('{ jobPostings(first: 5) { edges { node { title employer { postings(first: 5) { edges { node { title } } } } } } } }')).toBe(71);
  });

  it('takes page sizes from variables, their defaults, or the assumed size when none is given', () => {
    const query = 'query ($n: Int = 50) { jobPostings(first: $n) { edges { node { title } } } }';
    expect(cost(query, { n: 10 })).toBe(1 + 10 + 10);
    expect(cost(query, {})).toBe(1 + 50 + 50);
    expect(cost('{ jobPostings { edges { node { title } } } }')).toBe(1 + 20 + 20);
    expect(intVariables(parse(query))).toEqual(['n']);
  });

  it('counts fragments where they are spread, and nothing for introspection or leaves', () => {
    const withFragment = 'query { jobPostings(first: 10) { edges { ...E } } } fragment E on JobPostingEdge { node { title employer { name } } }';
    expect(cost(withFragment)).toBe(1 + 10 + 10 + 10);
    expect(cost('{ __typename region(code: "500230") { name } }')).toBe(1);
  });

  it('adds a fixed cost to a mutation', () => {
    const mutation = 'mutation { closeJobPosting(input: { id: "jp_1" }) { id } }';
    expect(cost(mutation)).toBe(MUTATION_COST + 1);
  });

  it('estimates only the operation named', () => {
    const document = 'query Small { region(code: "500230") { name } } query Big { jobPostings(first: 100) { edges { node { id } } } }';
    expect(cost(document, {}, 'Small')).toBe(1);
    expect(cost(document, {}, 'Big')).toBe(201);
  });

  it('lets every operation of the web app through at its default page sizes', () => {
    const manifest = readWebAppManifest();
    expect(Object.keys(manifest).length).toBeGreaterThan(0);
    for (const [hash, document] of Object.entries(manifest)) {
      const parsed = parse(document);
      for (const operation of parsed.definitions.filter((d) => d.kind === 'OperationDefinition')) {
        const estimate = estimateCost(supergraph, parsed, operation.name?.value, {}, LIMITS.assumedListSize);
        expect({ hash, operation: operation.name?.value, withinBudget: estimate <= LIMITS.cost }).toEqual({
          hash,
          operation: operation.name?.value,
          withinBudget: true,
        });
      }
    }
  });

  it('takes an explicit null page size as none given, not as the default', () => {
    const query = 'query ($n: Int = 50) { jobPostings(first: $n) { edges { node { title } } } }';
    expect(cost(query, { n: null })).toBe(1 + 20 + 20);
    expect(cost(query)).toBe(1 + 50 + 50);
  });

  it('keeps its cached estimates apart for a page size left to its default and the same variable sent as null', () => {
    const plugin = useDemandControl({ maxCost: 1_000, assumedListSize: LIMITS.assumedListSize }) as unknown as { onExecute: (payload: unknown) => void };
    const document = parse(
      'query ($n: Int = 100) { jobPostings(first: $n) { edges { node { employer { postings(first: $n) { edges { node { id } } } } } } } }',
    );
    const answer = (variableValues?: Record<string, unknown>) => {
      let refused = false;
      plugin.onExecute({ args: { schema: supergraph, document, variableValues }, setResultAndStopExecution: () => (refused = true) });
      return refused ? 'refused' : 'allowed';
    };
    expect([answer({ n: null }), answer(), answer({ n: null }), answer({}), answer({ n: 100 }), answer({ n: 5 })]).toEqual([
      'allowed',
      'refused',
      'allowed',
      'refused',
      'refused',
      'allowed',
    ]);
  });

  it('sizes a connection the supergraph gives no @listSize by its first argument, as a sized one', () => {
    // shanxiLaborCompanies and laborContracts (the partner's) have no @listSize: before, first was
    // ignored and each edges list counted as 20 whatever the page asked.
    const query = 'query ($n: Int) { shanxiLaborCompanies(first: $n) { edges { node { laborContracts(first: $n) { edges { node { startDate } } } } } } }';
    expect(cost(query, { n: 100 })).toBe(1 + 100 + 100 + 100 + 100 * 100 + 100 * 100);
    expect(cost(query, { n: 5 })).toBe(1 + 5 + 5 + 5 + 25 + 25);
    // Without first: the assumed list size.
    expect(cost(query, {})).toBe(1 + 20 + 20 + 20 + 400 + 400);
  });

  it('counts the most expensive type of a union, not the sum of the fragments for each of its types', () => {
    const schema = buildSchema(`
      union Account = User | Admin
      type User { name: String similar: [Account!]! }
      type Admin { name: String similar: [Account!]! audit: [User!]! }
      type Query { accounts: [Account!]! }
    `);
    const estimate = (query: string) => estimateCost(schema, parse(query), undefined, {}, 20);
    const perType = (inner: string) => `... on User { ${inner} } ... on Admin { ${inner} }`;
    // 20 accounts, 20 similar each, 20 similar of those: 8,420 objects at most, however many fragments.
    expect(estimate(`{ accounts { ${perType(`similar { ${perType('similar { __typename }')} }`)} } }`)).toBe(20 + 400 + 8000);
    // Admin's own list makes Admin the dearer type.
    expect(estimate('{ accounts { ... on User { name } ... on Admin { audit { name } } } }')).toBe(20 + 400);
    // Fragments on the same type still add up: one object answers both.
    expect(estimate('{ accounts { ... on Admin { audit { name } } ... on Admin { similar { __typename } } } }')).toBe(20 + 400 + 400);
  });

  it('counts an interface field on each implementation, with fragments spread by name', () => {
    const schema = buildSchema(`
      interface Node { id: ID! }
      type A implements Node { id: ID! items: [A!]! }
      type B implements Node { id: ID! }
      type Query { nodes: [Node!]! }
    `);
    const query = '{ nodes { id ...OnA } } fragment OnA on A { items { id } }';
    expect(estimateCost(schema, parse(query), undefined, {}, 10)).toBe(10 + 100);
  });

  it('counts the objects an answer actually holds, in the estimate’s unit', () => {
    expect(actualCost({ jobPostings: { edges: [{ node: { title: 'a', employer: { name: 'x' } } }, { node: { title: 'b', employer: null } }] } })).toBe(
      1 + 2 + 2 + 1,
    );
    expect(actualCost(null)).toBe(0);
    expect(actualCost({ region: null, tags: ['a', 'b'] })).toBe(0);
  });
});

describe('demand control settings (DEMAND_CONTROL_MAX_COST, DEMAND_CONTROL_ASSUMED_LIST_SIZE)', () => {
  it('default to LIMITS, and a deployment may set its own', () => {
    expect(readGatewayConfig({}).demandControl).toEqual({ maxCost: LIMITS.cost, assumedListSize: LIMITS.assumedListSize });
    expect(readGatewayConfig({ DEMAND_CONTROL_MAX_COST: '50000', DEMAND_CONTROL_ASSUMED_LIST_SIZE: '10' }).demandControl).toEqual({
      maxCost: 50_000,
      assumedListSize: 10,
    });
  });

  it('refuse a value that is not a positive whole number, naming the variable; demand control cannot be turned off', () => {
    for (const [name, value] of [
      ['DEMAND_CONTROL_MAX_COST', '0'],
      ['DEMAND_CONTROL_MAX_COST', 'many'],
      ['DEMAND_CONTROL_MAX_COST', '2.5'],
      ['DEMAND_CONTROL_ASSUMED_LIST_SIZE', '-1'],
      ['DEMAND_CONTROL_ASSUMED_LIST_SIZE', ''],
    ]) {
      expect(() => readGatewayConfig({ [name!]: value })).toThrow(new RegExp(`^Invalid environment variable ${name}: `));
    }
  });
});

describe("coercedValuesKey (the variables part of both caches' keys)", () => {
  const key = (query: string, variables: Record<string, unknown> | undefined, names: string[]) =>
    coercedValuesKey(supergraph, parse(query), undefined, variables, names);
  const query = 'query ($a: Int = 3, $b: Int, $c: Boolean = true) { region(code: "500230") { name } }';

  it('holds the values execution runs with: defaults applied, null kept, a value left out without a default distinct from null', () => {
    expect(key(query, undefined, ['a', 'b', 'c'])).toBe('[[3],[],[true]]');
    expect(key(query, { a: null, b: null, c: null }, ['a', 'b', 'c'])).toBe('[[null],[null],[null]]');
    expect(key(query, { a: 3 }, ['a'])).toBe(key(query, {}, ['a']));
    // A value that does not coerce has none: the engine refuses the request before any fetch.
    expect(key(query, { a: '3', b: 1.5 }, ['a', 'b'])).toBe('[[],[]]');
  });

  it('does not depend on the other variables, valid or not', () => {
    expect(key(query, { a: 4, c: 'not a boolean' }, ['a'])).toBe('[[4]]');
  });
});
