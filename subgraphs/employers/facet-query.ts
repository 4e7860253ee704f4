import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { queryPage, type Connection, type PageArgs } from '../shared/graphql/connection.js';

/** Attributes the facet index's LastEvaluatedKey holds: table keys plus index keys. */
const FACET_KEY_NAMES = ['facet', 'facetSort', 'pk', 'sk'] as const;

export interface FacetQuery {
  /** The index partition to read. */
  readonly facet: string;
  /** Attribute → required value, tested on the facet items (FilterExpression). */
  readonly equals: Readonly<Record<string, string | number | boolean>>;
  /** Only sort values at or above this one (a key condition, not a filter). */
  readonly sortFrom?: string;
  readonly descending?: boolean;
  /** Identifies the list for cursors: a cursor of one filter must not be replayed on another. */
  readonly scope: string;
}

/**
 * One page of facet items. The facet keys the Query; the other filters become a FilterExpression
 * on the values copied onto every facet item; a lower bound on the sort value is a key condition.
 */
export async function queryFacetPage<T extends Record<string, unknown>>(
  documents: DynamoDBDocumentClient,
  tableName: string,
  query: FacetQuery,
  page: PageArgs,
): Promise<Connection<T>> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':facet': query.facet };
  const conditions = Object.entries(query.equals).map(([attribute, value], i) => {
    names[`#f${i}`] = attribute;
    values[`:f${i}`] = value;
    return `#f${i} = :f${i}`;
  });
  if (query.sortFrom !== undefined) values[':sortFrom'] = query.sortFrom;
  return queryPage<T>(
    documents,
    {
      input: {
        TableName: tableName,
        IndexName: 'byFacet',
        KeyConditionExpression: query.sortFrom !== undefined ? 'facet = :facet AND facetSort >= :sortFrom' : 'facet = :facet',
        ...(conditions.length > 0 ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: !query.descending,
      },
      keyNames: FACET_KEY_NAMES,
      scope: query.scope,
    },
    page,
  );
}

/** A stable text for a filter object: the same filter always gives the same cursor scope. */
export const filterScope = (list: string, filter: object) =>
  `${list}:${JSON.stringify(filter, Object.keys(filter).sort())}`;
