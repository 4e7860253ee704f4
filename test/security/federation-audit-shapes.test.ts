/**
 * The shapes of the three cases of The Guild's federation-gateway-audit the production gateway
 * refused as too expensive (nested-provides_1, child-type-mismatch_2 and _3): three levels of
 * lists no `@listSize` sizes (20 × 20 × 20 assumed), and the same under a union whose fragments
 * select for each of its types. Two small subgraphs of our own with those shapes (the audit's code
 * is not in this repository), composed, behind the gateway with production settings.
 */
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../gateway/composition/compose.js';
import { readGatewayConfig } from '../../gateway/serving/config.js';
import { startGatewayServer, type RunningGateway } from '../../gateway/serving/server.js';
import { graphqlClient, type Execute } from '../support/graphql.js';
import { testGatewaySecurity } from '../support/local-system.js';

const categories: Record<string, { id: string; name: string; subCategoryIds: string[] }> = {
  tools: { id: 'tools', name: 'Tools', subCategoryIds: ['welding'] },
  welding: { id: 'welding', name: 'Welding', subCategoryIds: ['tools', 'safety'] },
  safety: { id: 'safety', name: 'Safety', subCategoryIds: [] },
};
const products = [
  { id: 'torch', categoryIds: ['welding', 'safety'] },
  { id: 'gloves', categoryIds: ['safety'] },
];
const people = [
  { __typename: 'Member', id: 'm1', name: 'Li' },
  { __typename: 'Member', id: 'm2', name: 'Wang' },
];
const accounts = () => [...people, { __typename: 'Operator', id: 'o1', name: 'Zhao' }];

const catalogueTypeDefs = parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
    type Product @key(fields: "id") {
      id: ID!
      categories: [Category!]!
    }
    type Category @key(fields: "id", resolvable: false) {
      id: ID!
    }
    # A value type here, an entity of the directory: its id is ID here, ID! there (ID in the supergraph).
    type Member {
      id: ID @shareable
    }
    type Query {
      products: [Product!]!
      members: [Member!]!
    }
  `);
const catalogue = buildSubgraphSchema({
  typeDefs: catalogueTypeDefs,
  resolvers: {
    Query: { products: () => products, members: () => people.map(({ id }) => ({ id })) },
    Product: { categories: (product: { categoryIds: string[] }) => product.categoryIds.map((id) => ({ id })) },
  } as never,
});
const directoryTypeDefs = parse(/* GraphQL */ `
    extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@shareable"])
    type Category @key(fields: "id") {
      id: ID!
      name: String!
      subCategories: [Category!]!
    }
    union Account = Member | Operator
    type Member @key(fields: "id") {
      id: ID!
      name: String
      similarAccounts: [Account!]!
    }
    type Operator {
      id: ID
      name: String
      similarAccounts: [Account!]!
    }
    type Query {
      accounts: [Account!]!
    }
  `);
const directory = buildSubgraphSchema({
  typeDefs: directoryTypeDefs,
  resolvers: {
    Query: { accounts },
    Category: {
      __resolveReference: ({ id }: { id: string }) => categories[id],
      subCategories: (category: { subCategoryIds: string[] }) => category.subCategoryIds.map((id) => categories[id]),
    },
    Member: { __resolveReference: ({ id }: { id: string }) => people.find((p) => p.id === id), similarAccounts: accounts },
    Operator: { similarAccounts: accounts },
  } as never,
});

const servers: ApolloServer[] = [];
let gateway: RunningGateway;
let execute: Execute;

beforeAll(async () => {
  const urls: Record<string, string> = {};
  for (const [name, schema] of Object.entries({ catalogue, directory })) {
    const server = new ApolloServer({ schema });
    servers.push(server);
    urls[name] = (await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } })).url;
  }
  const composed = composeSupergraph([
    { name: 'catalogue', url: urls.catalogue!, typeDefs: catalogueTypeDefs },
    { name: 'directory', url: urls.directory!, typeDefs: directoryTypeDefs },
  ]);
  if (!composed.ok) throw new Error(composed.errors.join('\n'));
  // Production as a deployment that sets nothing runs it: readGatewayConfig's demand control.
  const config = readGatewayConfig({ NODE_ENV: 'production' });
  gateway = await startGatewayServer({
    supergraph: composed.supergraph,
    port: 0,
    host: '127.0.0.1',
    production: config.production,
    security: testGatewaySecurity(),
    demandControl: config.demandControl,
  });
  execute = graphqlClient(gateway.url);
});
afterAll(async () => {
  await gateway?.close();
  await Promise.all(servers.map((server) => server.stop()));
});

describe('the federation-gateway-audit shapes the production gateway refused as too expensive', () => {
  it('three levels of unsized lists across two subgraphs (nested-provides_1)', async () => {
    const response = await execute('{ products { id categories { id name subCategories { id name } } } }');
    expect(response).toEqual({
      data: {
        products: [
          {
            id: 'torch',
            categories: [
              {
                id: 'welding',
                name: 'Welding',
                subCategories: [
                  { id: 'tools', name: 'Tools' },
                  { id: 'safety', name: 'Safety' },
                ],
              },
              { id: 'safety', name: 'Safety', subCategories: [] },
            ],
          },
          { id: 'gloves', categories: [{ id: 'safety', name: 'Safety', subCategories: [] }] },
        ],
      },
    });
  });

  const perType = (inner: string) => `... on Member { ${inner} } ... on Operator { ${inner} }`;
  const accountNames = ['Li', 'Wang', 'Zhao'];
  const nestedAnswer = (withId: boolean) =>
    accounts().map((account) => ({
      ...(withId ? { id: account.id } : {}),
      name: account.name,
      similarAccounts: accounts().map((similar) => ({
        ...(withId ? { id: similar.id } : {}),
        name: similar.name,
        similarAccounts: accounts().map((last) => ({ ...(withId ? { id: last.id } : {}), name: last.name })),
      })),
    }));

  it('unsized lists of a union three deep, each type selected in its own fragment (child-type-mismatch_3)', async () => {
    const response = await execute(`{ accounts { ${perType(`name similarAccounts { ${perType(`name similarAccounts { ${perType('name')} }`)} }`)} } }`);
    expect(response).toEqual({ data: { accounts: nestedAnswer(false) } });
    expect(response.data.accounts.map((a: { name: string }) => a.name)).toEqual(accountNames);
  });

  it('the same with ids, beside another root list answered by another subgraph (child-type-mismatch_2)', async () => {
    const response = await execute(
      `query DeeplyNestedWithIds { members { id name } accounts { ${perType(`id name similarAccounts { ${perType(`id name similarAccounts { ${perType('id name')} }`)} }`)} } }`,
    );
    expect(response).toEqual({
      data: {
        members: [
          { id: 'm1', name: 'Li' },
          { id: 'm2', name: 'Wang' },
        ],
        accounts: nestedAnswer(true),
      },
    });
  });

  it('still refuses a fourth level: 20⁴ assumed objects are an amplification, not a query', async () => {
    const response = await execute(
      `{ accounts { ${perType(`similarAccounts { ${perType(`similarAccounts { ${perType(`similarAccounts { ${perType('name')} }`)} }`)} }`)} } }`,
    );
    expect(response.errors?.map((e) => e.extensions?.code)).toEqual(['COST_ESTIMATED_TOO_EXPENSIVE']);
  });
});
