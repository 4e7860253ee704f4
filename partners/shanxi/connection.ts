/**
 * Relay connections over DynamoDB queries: `first` (1–100, default 20) and `after`, the cursor an
 * edge carries. A cursor is the item's own key, bound to the list it came from, so paging resumes
 * exactly after the last item returned and a cursor of one list is refused on another.
 */
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { badUserInput } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

export interface PageArgs {
  readonly first?: number | null;
  readonly after?: string | null;
}

export interface Connection<T> {
  readonly edges: { readonly cursor: string; readonly node: T }[];
  readonly pageInfo: { readonly hasNextPage: boolean; readonly endCursor: string | null };
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE)
    throw badUserInput('first', `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}.`);
  return first;
}

type Key = Record<string, string | number>;

const encodeCursor = (scope: string, key: Key) => Buffer.from(JSON.stringify({ s: scope, k: key })).toString('base64url');

/** Cursors are opaque to clients but never reach DynamoDB unchecked. */
function decodeCursor(cursor: string, scope: string, keyNames: readonly string[]): Key {
  const invalid = () => badUserInput('after', 'is not a cursor this list produced; pass an endCursor from a previous page of the same query.');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  const { s, k } = (typeof body === 'object' && body !== null ? body : {}) as { s?: unknown; k?: unknown };
  if (typeof k !== 'object' || k === null) throw invalid();
  const key = k as Key;
  if (Object.keys(key).length !== keyNames.length || !keyNames.every((name) => typeof key[name] === 'string' || typeof key[name] === 'number')) throw invalid();
  if (s !== scope) throw badUserInput('after', 'belongs to a different list or filter; start again without `after` when the filter changes.');
  return key;
}

export interface KeyedQuery {
  readonly input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  /** The attributes of the index's LastEvaluatedKey: table keys plus index keys. */
  readonly keyNames: readonly string[];
  /** Identifies the list (index + partition), bound into every cursor. */
  readonly scope: string;
}

/** One page of a keyed Query (no filter expression); reads `first + 1` items to know whether another page exists. */
export async function queryPage<T extends Record<string, unknown>>(
  documents: DynamoDBDocumentClient,
  query: KeyedQuery,
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  let startKey = args.after ? decodeCursor(args.after, query.scope, query.keyNames) : undefined;
  const items: T[] = [];
  do {
    const page = await documents.send(new QueryCommand({ ...query.input, Limit: first + 1 - items.length, ExclusiveStartKey: startKey }));
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey as Key | undefined;
  } while (items.length <= first && startKey);
  const keyOf = (item: T) => Object.fromEntries(query.keyNames.map((name) => [name, item[name] as string | number]));
  const edges = items.slice(0, first).map((node) => ({ cursor: encodeCursor(query.scope, keyOf(node)), node }));
  return { edges, pageInfo: { hasNextPage: items.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
}

export function mapConnection<T, U>(connection: Connection<T>, map: (node: T) => U): Connection<U> {
  return { edges: connection.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })), pageInfo: connection.pageInfo };
}

/** Loads records through a request's loader, rethrowing a failed load and leaving out ids with no record. */
export async function loadExisting<T>(loader: { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> }, ids: readonly string[]): Promise<T[]> {
  return (await loader.loadMany(ids)).flatMap((record) => {
    if (record instanceof Error) throw record;
    return record ? [record] : [];
  });
}
