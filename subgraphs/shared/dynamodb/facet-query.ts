import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryPage, type Connection, type PageArgs } from '../graphql/connection.js';

/**
 * Every subgraph's list queries read one GSI, `byFacet`: a facet item per filterable value of an
 * entity, partitioned by `facet` and sorted by `facetSort` (the people table sorts by `personId`).
 */
const FACET_INDEX = 'byFacet';
/** Attributes the facet index's LastEvaluatedKey holds: table keys plus index keys. */
const FACET_KEY_NAMES = ['facet', 'facetSort', 'pk', 'sk'] as const;

export interface FacetQuery {
  /** The index partition to read. */
  readonly facet: string;
  /** Attribute → required value, tested on the facet items (FilterExpression). */
  readonly equals?: Readonly<Record<string, string | number | boolean>>;
  /** Attribute (a list or set) → a value it must contain (FilterExpression). */
  readonly contains?: Readonly<Record<string, string>>;
  /** Only sort values at or above `from` and, when given, at or below `to` (a key condition, not a filter). */
  readonly sort?: { readonly from: string; readonly to?: string };
  readonly descending?: boolean;
  /** The index's sort key, when it is not `facetSort`. */
  readonly sortKey?: string;
  /** Identifies the list for cursors: a cursor of one filter must not be replayed on another. */
  readonly scope: string;
}

/**
 * One page of facet items. The facet keys the Query; the other filters become a FilterExpression
 * on the values copied onto every facet item; a range of sort values is a key condition.
 */
export async function queryFacetPage<T extends Record<string, unknown>>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  query: FacetQuery,
  page: PageArgs,
): Promise<Connection<T>> {
  const sortKey = query.sortKey ?? 'facetSort';
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':facet': query.facet };
  const conditions: string[] = [];
  const filter = (kind: 'equals' | 'contains', attribute: string, value: unknown) => {
    const i = conditions.length;
    names[`#f${i}`] = attribute;
    values[`:f${i}`] = value;
    conditions.push(kind === 'equals' ? `#f${i} = :f${i}` : `contains(#f${i}, :f${i})`);
  };
  for (const [attribute, value] of Object.entries(query.equals ?? {})) filter('equals', attribute, value);
  for (const [attribute, value] of Object.entries(query.contains ?? {})) filter('contains', attribute, value);

  let keyCondition = 'facet = :facet';
  if (query.sort) {
    names['#sort'] = sortKey;
    values[':sortFrom'] = query.sort.from;
    if (query.sort.to === undefined) keyCondition += ' AND #sort >= :sortFrom';
    else {
      values[':sortTo'] = query.sort.to;
      keyCondition += ' AND #sort BETWEEN :sortFrom AND :sortTo';
    }
  }
  return queryPage<T>(
    documents,
    {
      input: {
        TableName: tableName,
        IndexName: FACET_INDEX,
        KeyConditionExpression: keyCondition,
        ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND ') } : {}),
        ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: !query.descending,
      },
      keyNames: sortKey === 'facetSort' ? FACET_KEY_NAMES : ['facet', sortKey, 'pk', 'sk'],
      scope: query.scope,
    },
    page,
  );
}

/** A stable text for a filter object: the same filter always gives the same cursor scope. */
export const filterScope = (list: string, filter: object) => `${list}:${JSON.stringify(filter, Object.keys(filter).sort())}`;
