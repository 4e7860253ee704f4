/**
 * The Guild federation benchmark's four subgraphs (accounts, products, inventory, reviews) serving
 * data.json, as the original Rust subgraphs answer (see README.md): small and fast, so the gateway
 * engine is what the benchmark measures. `tsx bench/guild/subgraphs.ts NAME PORT` serves one.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';

export const GUILD_SUBGRAPHS = ['accounts', 'products', 'inventory', 'reviews'] as const;
export type GuildSubgraph = (typeof GUILD_SUBGRAPHS)[number];

const file = (name: string) => readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');

interface GuildData {
  users: { id: string; name: string; username: string; birthday: number }[];
  products: { upc: string; name: string; price: number; weight: number }[];
  inStock: Record<string, boolean>;
  reviews: { id: string; body: string; upc: string }[];
}

const resolversOf = (data: GuildData): Record<GuildSubgraph, Record<string, unknown>> => {
  const firstTwo = () => data.reviews.slice(0, 2);
  return {
    accounts: {
      Query: { me: () => data.users[0], user: (_: unknown, { id }: { id: string }) => data.users.find((u) => u.id === id) ?? null, users: () => data.users },
      User: { __resolveReference: ({ id }: { id: string }) => data.users.find((u) => u.id === id) ?? null },
    },
    products: {
      Query: { topProducts: (_: unknown, { first }: { first: number }) => data.products.slice(0, first) },
      Product: { __resolveReference: ({ upc }: { upc: string }) => data.products.find((p) => p.upc === upc) ?? null },
    },
    inventory: {
      // As the original: the entity keeps only upc and stock, so the @requires fields are never
      // read and shippingEstimate is null (expected-response.json says so).
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc, inStock: data.inStock[upc] ?? null }),
        shippingEstimate: (product: { price?: number; weight?: number }) =>
          product.price === undefined ? null : product.price > 1000 ? 0 : product.weight === undefined ? null : Math.floor(product.weight / 2),
      },
    },
    reviews: {
      Review: {
        __resolveReference: ({ id }: { id: string }) => data.reviews.find((r) => r.id === id) ?? null,
        product: (review: { upc: string }) => ({ upc: review.upc }),
        author: () => ({ id: '1', username: 'urigo', reviews: firstTwo() }),
      },
      User: { __resolveReference: ({ id }: { id: string }) => ({ id, username: 'user', reviews: firstTwo() }) },
      Product: {
        __resolveReference: ({ upc }: { upc: string }) => ({ upc }),
        reviews: ({ upc }: { upc: string }) => data.reviews.filter((r) => r.upc === upc),
      },
    },
  };
};

export function guildSubgraphSchema(name: GuildSubgraph): GraphQLSchema {
  const data = JSON.parse(file('data.json')) as GuildData;
  return buildSubgraphSchema({ typeDefs: parse(file(`${name}.graphql`)), resolvers: resolversOf(data)[name] as never });
}

/** A plain HTTP GraphQL endpoint (POST JSON) with a parse-and-validate cache: as little as a subgraph can do. */
export async function serveGuildSubgraph(name: GuildSubgraph, port: number): Promise<Server> {
  const schema = guildSubgraphSchema(name);
  const documents = new Map<string, DocumentNode>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    try {
      const { query, variables, operationName } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown>; operationName?: string };
      let document = documents.get(query);
      if (!document) {
        document = parse(query);
        const errors = validate(schema, document);
        if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
        documents.set(query, document);
      }
      const result = await execute({ schema, document, variableValues: variables, operationName });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(result));
    } catch (error) {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ message: (error as Error).message }] }));
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return server;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [name, port] = process.argv.slice(2) as [GuildSubgraph, string];
  if (!GUILD_SUBGRAPHS.includes(name)) throw new Error(`Usage: tsx bench/guild/subgraphs.ts ${GUILD_SUBGRAPHS.join('|')} PORT`);
  await serveGuildSubgraph(name, Number(port));
  console.log(`ready ${name} ${port}`);
}
