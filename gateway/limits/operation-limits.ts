/**
 * Limits applied before any planning or subgraph call, so an expensive or malicious operation costs
 * the gateway a parse and a validation at most. Rejections never state the limit (`exposeLimits:
 * false`): an attacker learns nothing to tune the next attempt with.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, Kind, type ValidationContext } from 'graphql';

export const LIMITS = {
  depth: 12,
  aliases: 15,
  directives: 20,
  tokens: 2_000,
  rootFields: 10,
  /** Field selections once every fragment spread is expanded: catches fragments that double per level. */
  expandedFields: 2_000,
  bodyBytes: 64 * 1024,
  variablesBytes: 32 * 1024,
  /**
   * Demand control's defaults (DEMAND_CONTROL_MAX_COST, DEMAND_CONTROL_ASSUMED_LIST_SIZE override
   * them per deployment): the largest estimated cost, in objects of the answer, and the size assumed
   * for lists the supergraph does not size. 25,000 objects are 2–4 MB of JSON, inside the 6 MB a
   * Lambda function may answer. It holds a page of 20 fairs with their employers (250 each, their
   * `@listSize`) and postings (500 each), 20,082; 400 Shanxi contracts with their insurance
   * (20 × 20 × 20); three levels of unsized lists (8,420). It refuses 100 postings × 100 postings of
   * their employers (30,401) and a fourth level of unsized lists (20⁴ alone is 160,000).
   */
  cost: 25_000,
  assumedListSize: 20,
} as const;

const badRequest = (message: string, status = 400) => new GraphQLError(message, { extensions: { code: 'BAD_REQUEST', http: { status } } });

/** Too many root fields fan out to many subgraph calls at once. */
function maxRootFields(limit: number) {
  return (context: ValidationContext) => ({
    OperationDefinition(node: { selectionSet: { selections: readonly { kind: string }[] } }) {
      const fields = node.selectionSet.selections.filter((s) => s.kind === Kind.FIELD).length;
      if (fields > limit) context.reportError(new GraphQLError('The operation selects too many root fields; split it into several requests.'));
    },
  });
}

type SelectionSetLike = { selections: readonly SelectionLike[] };
type SelectionLike = { kind: string; name?: { value: string }; selectionSet?: SelectionSetLike };

/**
 * Counts the fields an operation selects with every fragment spread expanded, memoised per
 * fragment so the count itself stays linear in the document, and rejects operations over the limit.
 */
function maxExpandedFields(limit: number) {
  return (context: ValidationContext) => {
    const fragments = new Map(context.getDocument().definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
    const counted = new Map<string, number>();
    const visiting = new Set<string>();
    const count = (set: SelectionSetLike | undefined): number => {
      let total = 0;
      for (const selection of set?.selections ?? []) {
        if (selection.kind === Kind.FIELD) total += 1 + count(selection.selectionSet);
        else if (selection.kind === Kind.INLINE_FRAGMENT) total += count(selection.selectionSet);
        else if (selection.kind === Kind.FRAGMENT_SPREAD) {
          const name = selection.name!.value;
          // A cycle is reported by graphql's own NoFragmentCycles rule.
          if (visiting.has(name)) continue;
          if (!counted.has(name)) {
            visiting.add(name);
            counted.set(name, count(fragments.get(name)?.selectionSet as SelectionSetLike | undefined));
            visiting.delete(name);
          }
          total += counted.get(name)!;
        }
        if (total > limit) return total;
      }
      return total;
    };
    return {
      OperationDefinition(node: { selectionSet: SelectionSetLike }) {
        if (count(node.selectionSet) > limit) {
          context.reportError(new GraphQLError('The operation selects too many fields once its fragments are expanded; ask for less in one request.'));
        }
      },
    };
  };
}

/** Body and variables size, before parsing; the body size also from Content-Length, before reading. */
function useSizeLimits(): GatewayPlugin {
  return {
    onRequest({ request, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > LIMITS.bodyBytes) {
        endResponse(Response.json({ errors: [{ message: 'The request body is too large.', extensions: { code: 'BAD_REQUEST' } }] }, { status: 413 }));
      }
    },
    onParams({ params }) {
      if ((params.query?.length ?? 0) > LIMITS.bodyBytes) throw badRequest('The operation document is too large.', 413);
      if (params.variables && JSON.stringify(params.variables).length > LIMITS.variablesBytes) throw badRequest('The variables are too large.', 413);
    },
  };
}

export function operationLimitPlugins(): GatewayPlugin[] {
  const quiet = (errorMessage: string) => ({ exposeLimits: false, errorMessage }) as const;
  return [
    useSizeLimits(),
    maxTokensPlugin({ n: LIMITS.tokens, ...quiet('The operation document has too many tokens; ask for less in one request.') }) as GatewayPlugin,
    maxDepthPlugin({
      n: LIMITS.depth,
      flattenFragments: true,
      ...quiet('The operation is nested too deeply; query nested data in a second request.'),
    }) as GatewayPlugin,
    maxAliasesPlugin({ n: LIMITS.aliases, ...quiet('The operation uses too many aliases; split it into several requests.') }) as GatewayPlugin,
    maxDirectivesPlugin({ n: LIMITS.directives, ...quiet('The operation uses too many directives.') }) as GatewayPlugin,
    {
      onValidate: ({ addValidationRule }) => {
        addValidationRule(maxRootFields(LIMITS.rootFields) as never);
        addValidationRule(maxExpandedFields(LIMITS.expandedFields) as never);
      },
    } as GatewayPlugin,
  ];
}
