/** Resolvers of the types every subgraph shares (shared-types.graphql). */
import { GraphQLError, GraphQLScalarType, Kind, parse, Source, type DocumentNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RegionRecord } from '../domain/regions.js';
import { povertyDesignationOf } from '../domain/poverty-designations.js';

/** True for a real calendar date written `YYYY-MM-DD` (2017-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function parseDate(value: unknown): string {
  if (typeof value !== 'string' || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written YYYY-MM-DD, got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, ISO 8601 `YYYY-MM-DD`.',
  serialize: (value) => parseDate(value),
  parseValue: parseDate,
  parseLiteral: (ast) => parseDate(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): string {
  const date = typeof value === 'string' ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new GraphQLError(`DateTime must be an ISO 8601 instant, got ${JSON.stringify(value)}.`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return date.toISOString();
}

export const DateTimeScalar = new GraphQLScalarType({
  name: 'DateTime',
  description: 'An instant, ISO 8601 in UTC.',
  serialize: (value) => parseDateTime(value),
  parseValue: parseDateTime,
  parseLiteral: (ast) => parseDateTime(ast.kind === Kind.STRING ? ast.value : undefined),
});

/** Region values are the `Region` records of regions.ts. */
const RegionResolvers = {
  nameEn: (region: RegionRecord) => region.nameEn,
  provinceCode: (region: RegionRecord) => region.province.code,
  province: (region: RegionRecord) => region.province.name,
  cityCode: (region: RegionRecord) => region.city?.code ?? null,
  city: (region: RegionRecord) => region.city?.name ?? null,
  countyCode: (region: RegionRecord) => region.county?.code ?? null,
  county: (region: RegionRecord) => region.county?.name ?? null,
  povertyDesignation: (region: RegionRecord) => (region.county ? povertyDesignationOf(region.county.code) : null),
};

export const sharedTypeResolvers = { Date: DateScalar, DateTime: DateTimeScalar, Region: RegionResolvers };

const SHARED_SDL = new URL('./shared-types.graphql', import.meta.url);

const parseFile = (file: URL) => parse(new Source(readFileSync(file, 'utf8'), relative(process.cwd(), fileURLToPath(file))));

/**
 * A subgraph's whole SDL: its own schema.graphql plus the types every subgraph shares, each parsed
 * with its file name so errors point at the right file and line. Composition and the subgraph
 * servers both read SDL through this, so they always see the same schema.
 */
export function subgraphTypeDefs(schemaFile: URL): DocumentNode {
  return {
    kind: Kind.DOCUMENT,
    definitions: [...parseFile(schemaFile).definitions, ...parseFile(SHARED_SDL).definitions],
  };
}

/** Names of the types every subgraph shares (Region, PageInfo, Date, DateTime): no subgraph owns them. */
export const sharedTypeNames = (): Set<string> => new Set(parseFile(SHARED_SDL).definitions.flatMap((d) => ('name' in d && d.name ? [d.name.value] : [])));
