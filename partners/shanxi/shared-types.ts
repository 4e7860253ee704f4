/** The shared value types this subgraph serves (shared-types.graphql) and its whole SDL. */
import { GraphQLError, GraphQLScalarType, Kind, parse, Source, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RegionRecord } from './regions.js';

function parseDate(value: unknown): string {
  const valid = typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid)
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}.`, { extensions: { code: 'BAD_USER_INPUT' } });
  return value;
}

const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, ISO 8601 `YYYY-MM-DD`.',
  serialize: parseDate,
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

const RegionResolvers = {
  nameEn: (region: RegionRecord) => region.nameEn,
  provinceCode: (region: RegionRecord) => region.province.code,
  province: (region: RegionRecord) => region.province.name,
  cityCode: (region: RegionRecord) => region.city?.code ?? null,
  city: (region: RegionRecord) => region.city?.name ?? null,
  countyCode: (region: RegionRecord) => region.county?.code ?? null,
  county: (region: RegionRecord) => region.county?.name ?? null,
  // This service records no poor-county designations (the core records the article's, in its own
  // data): null here means "not recorded", as the field's description says.
  povertyDesignation: () => null,
};

export const sharedTypeResolvers = { Date: DateScalar, Region: RegionResolvers };

const parseFile = (file: URL) => parse(new Source(readFileSync(file, 'utf8'), fileURLToPath(file)));

/** schema.graphql (the contract the core composes) plus the shared types, each parsed with its file name for errors. */
export function subgraphTypeDefs(): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [
      ...parseFile(new URL('./schema.graphql', import.meta.url)).definitions,
      ...parseFile(new URL('./shared-types.graphql', import.meta.url)).definitions,
    ],
  };
}
