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
  readonly pageInfo: {
    readonly hasNextPage: boolean;
    readonly endCursor: string | null;
  };
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) return DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput('first', `must be an integer from 1 to ${MAX_PAGE_SIZE}, got ${first}.`);
  }
  return first;
}

interface CursorBody {
  /** Which list the cursor belongs to: a cursor from one filter must not be replayed on another. */
  s: string;
  /** The DynamoDB key to continue after. */
  k: Record<string, string | number>;
}

export function encodeCursor(scope: string, key: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify({ s: scope, k: key } satisfies CursorBody)).toString('base64url');
}

/** Cursors are opaque to clients but must never reach DynamoDB unchecked. */
export function decodeCursor(cursor: string, scope: string, keyNames: readonly string[]): Record<string, string | number> {
  const invalid = () => badUserInput('after', 'is not a cursor this list produced; pass an endCursor from a previous page of the same query.');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof body !== 'object' || body === null) throw invalid();
  const { s, k } = body as Partial<CursorBody>;
  if (typeof k !== 'object' || k === null) throw invalid();
  const names = Object.keys(k);
  if (names.length !== keyNames.length || !keyNames.every((name) => typeof k[name] === 'string' || typeof k[name] === 'number')) {
    throw invalid();
  }
  if (s !== scope) {
    throw badUserInput('after', 'belongs to a different list or filter; start again without `after` when the filter changes.');
  }
  return k;
}

export interface KeyedQuery {
  readonly input: Omit<QueryCommandInput, 'Limit' | 'ExclusiveStartKey'>;
  /** The attributes of the index's LastEvaluatedKey: table keys plus index keys. */
  readonly keyNames: readonly string[];
  /** Identifies the list (index + partition + filters), bound into every cursor. */
  readonly scope: string;
}

/**
 * One page of a keyed Query. Reads `first + 1` matches to know whether another page exists; with a
 * FilterExpression DynamoDB may return fewer matches than asked, so it keeps reading until it has
 * enough or the key range ends. Each edge's cursor is built from the item's own key, so paging
 * resumes exactly after the last item returned: no gap, no duplicate.
 */
export async function queryPage<T extends Record<string, unknown>>(
  documents: DynamoDBDocumentClient,
  query: KeyedQuery,
  args: PageArgs,
): Promise<Connection<T>> {
  const first = pageSize(args.first);
  let startKey = args.after ? decodeCursor(args.after, query.scope, query.keyNames) : undefined;
  const items: T[] = [];
  const filtered = query.input.FilterExpression !== undefined;
  do {
    const wanted = first + 1 - items.length;
    const page = await documents.send(
      new QueryCommand({
        ...query.input,
        // Under a filter, Limit counts items read before filtering: read more per call.
        Limit: filtered ? Math.max(wanted, MAX_PAGE_SIZE) : wanted,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...((page.Items ?? []) as T[]));
    startKey = page.LastEvaluatedKey as Record<string, string | number> | undefined;
  } while (items.length <= first && startKey);

  const keyOf = (item: T) => Object.fromEntries(query.keyNames.map((name) => [name, item[name] as string | number]));
  const edges = items.slice(0, first).map((node) => ({ cursor: encodeCursor(query.scope, keyOf(node)), node }));
  return {
    edges,
    pageInfo: { hasNextPage: items.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
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

/**
 * A page of records from a page of ids: each id's record comes through the request's loader (one
 * BatchGetItem per 100 ids). An id whose record is gone is left out rather than failing the page:
 * an index item can outlive its record only inside a failed write's window.
 */
export async function loadConnection<T>(
  page: Connection<string>,
  loader: { loadMany(ids: readonly string[]): Promise<(T | null | Error)[]> },
): Promise<Connection<T>> {
  const nodes = await loader.loadMany(page.edges.map((edge) => edge.node));
  return {
    edges: page.edges.flatMap((edge, i) => {
      const node = nodes[i];
      if (node instanceof Error) throw node;
      return node ? [{ cursor: edge.cursor, node }] : [];
    }),
    pageInfo: page.pageInfo,
  };
}
