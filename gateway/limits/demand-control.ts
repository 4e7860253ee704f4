/**
 * Demand control: the estimated cost of an operation, from the supergraph's `@listSize` and `@cost`
 * (https://specs.apollo.dev/cost/v0.1), refused over the deployment's budget (config.ts,
 * DEMAND_CONTROL_MAX_COST) before any subgraph is called; and the cost the answer actually had,
 * counted and logged when it is over the estimate (useDemandControl, actualCost).
 *
 * Why not the runtime's `demandControl` option: it estimates each subgraph request as it is about to
 * be sent, so the first fetches of an operation are already made when a later one goes over the
 * budget; and it memoises by the variables object, which is new on every request, so it walked
 * every subgraph document of every request again (12% of the gateway's CPU on the benchmark's
 * program statistics). Here the client's operation is estimated once per document and page sizes.
 *
 * The estimate, an upper bound of the objects the answer holds: every field returning an object
 * costs 1 (its `@cost` weight instead, when it has one; leaves cost 0 unless weighted), times the
 * sizes of the lists it sits in. A list's size is its slicing argument (`first`) when given, else
 * its `assumedSize`, else the deployment's assumed list size; `sizedFields` move the size to the
 * named child (`edges` of a connection). A connection the supergraph does not size (a partner's,
 * say) is sized by its `first`/`last` argument all the same: a page size must never be free. An
 * object is of one type: where fragments select for different types of a union or interface, the
 * most expensive type counts, not their sum. A mutation adds 10.
 */
import {
  getNamedType,
  GraphQLError,
  isAbstractType,
  isCompositeType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
  type GraphQLType,
  type SelectionSetNode,
} from 'graphql';
import { Logger } from '@aws-lambda-powertools/logger';
import { answersPerDocument, coercedValuesKey, coercedVariables, selectedOperation, type OperationCheckPayload } from './operation-fields.js';
import { getDirectiveExtensions } from '@graphql-tools/utils';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export const MUTATION_COST = 10;

/** Arguments that slice a connection or list the supergraph gives no `@listSize` (Relay's names). */
const CONVENTIONAL_SLICING_ARGUMENTS = ['first', 'last'] as const;
/** The list fields of a connection type that a slicing argument sizes. */
const CONVENTIONAL_SIZED_FIELDS = ['edges', 'nodes'] as const;

interface ListSize {
  readonly assumedSize?: number;
  readonly slicingArguments?: readonly string[];
  readonly sizedFields?: readonly string[];
}

type Annotated = Parameters<typeof getDirectiveExtensions>[0];

/** The estimated cost of one operation of `document`; `variables` give the page sizes. Pure. */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  assumedListSize: number,
): number {
  const operation = selectedOperation(document, operationName);
  if (!operation) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  // Coerced, so a page size left to its variable's default is that default.
  const values = coercedVariables(schema, operation, variables);
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const annotations = new Map<object, { cost?: number; listSize?: ListSize }>();
  const annotationsOf = (element: Annotated) => {
    let found = annotations.get(element);
    if (!found) {
      const directives = getDirectiveExtensions<{ cost: { weight: number }; listSize: ListSize }>(element, schema);
      found = { cost: directives?.cost?.[0]?.weight, listSize: directives?.listSize?.[0] };
      annotations.set(element, found);
    }
    return found;
  };
  const listDepth = (type: GraphQLType): number => {
    let depth = 0;
    for (let t = type; isListType(t) || isNonNullType(t); t = t.ofType) if (isListType(t)) depth++;
    return depth;
  };
  const sliceSize = (field: GraphQLField<unknown, unknown>, node: FieldNode, names: readonly string[]): number | undefined => {
    let size: number | undefined;
    for (const name of names) {
      const argument = node.arguments?.find((a) => a.name.value === name);
      const definition = field.args.find((a) => a.name === name);
      if (!argument || !definition) continue;
      const value = Number(valueFromAST(argument.value, definition.type, values));
      if (Number.isFinite(value) && value > 0) size = Math.max(size ?? 0, value);
    }
    return size;
  };
  /** The `@listSize` a field has, or the one its shape implies: a sliced list, or a connection. */
  const listSizeOf = (field: GraphQLField<unknown, unknown>): ListSize | undefined => {
    const declared = annotationsOf(field).listSize;
    if (declared) return declared;
    const slicingArguments = CONVENTIONAL_SLICING_ARGUMENTS.filter((name) => field.args.some((a) => a.name === name && getNamedType(a.type).name === 'Int'));
    if (slicingArguments.length === 0) return undefined;
    if (listDepth(field.type) > 0) return { slicingArguments };
    const returned = getNamedType(field.type);
    if (!isObjectType(returned)) return undefined;
    const sizedFields = CONVENTIONAL_SIZED_FIELDS.filter((name) => returned.getFields()[name] && listDepth(returned.getFields()[name]!.type) > 0);
    return sizedFields.length ? { slicingArguments, sizedFields } : undefined;
  };

  // The cost of a selection set for one object of `parent`, before the sizes of the lists it sits
  // in multiply it (the estimate is linear in them): kept per selection set, type and child sizes,
  // so nested unions cost one walk per type they name, not one per path.
  const unitCosts = new Map<SelectionSetNode, Map<string, number>>();
  const unitCost = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, sized: ReadonlyMap<string, number>): number => {
    const key = `${parent.name}${JSON.stringify([...sized])}`;
    const known = unitCosts.get(selectionSet)?.get(key);
    if (known !== undefined) return known;
    const cost = isAbstractType(parent)
      ? Math.max(0, ...schema.getPossibleTypes(parent).map((type) => objectCost(selectionSet, type, sized, new Set())))
      : objectCost(selectionSet, parent, sized, new Set());
    (unitCosts.get(selectionSet) ?? unitCosts.set(selectionSet, new Map()).get(selectionSet)!).set(key, cost);
    return cost;
  };
  /** What `selectionSet` costs on an object of `type`: the fragments that apply to it, and their fields. */
  const objectCost = (selectionSet: SelectionSetNode, type: GraphQLObjectType, sized: ReadonlyMap<string, number>, spread: ReadonlySet<string>): number => {
    let cost = 0;
    const appliesTo = (condition: string | undefined) => {
      if (!condition) return true;
      const conditionType = schema.getType(condition);
      return conditionType === type || (isAbstractType(conditionType) && schema.isSubType(conditionType, type));
    };
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (appliesTo(selection.typeCondition?.name.value)) cost += objectCost(selection.selectionSet, type, sized, spread);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spread.has(fragment.name.value) || !appliesTo(fragment.typeCondition.name.value)) continue;
        cost += objectCost(fragment.selectionSet, type, sized, new Set([...spread, fragment.name.value]));
      } else {
        // Introspection is nobody's data.
        if (selection.name.value.startsWith('__')) continue;
        const field = type.getFields()[selection.name.value];
        if (field) cost += fieldCost(selection, field, sized.get(field.name));
      }
    }
    return cost;
  };
  /** A field's cost for one parent object: its own weight and its selections', times its size. */
  const fieldCost = (node: FieldNode, field: GraphQLField<unknown, unknown>, sizedByParent: number | undefined): number => {
    const returned = getNamedType(field.type);
    const listSize = listSizeOf(field);
    let size = sizedByParent;
    const childSized = new Map<string, number>();
    if (size === undefined) {
      if (listSize) {
        const given = sliceSize(field, node, listSize.slicingArguments ?? []) ?? listSize.assumedSize ?? assumedListSize;
        for (const child of listSize.sizedFields ?? []) childSized.set(child, given);
        size = listSize.sizedFields?.length ? 1 : given;
      } else {
        size = assumedListSize ** listDepth(field.type);
      }
    }
    const weight = annotationsOf(field).cost ?? annotationsOf(returned).cost ?? (isCompositeType(returned) ? 1 : 0);
    const children = node.selectionSet && isCompositeType(returned) ? unitCost(node.selectionSet, returned, childSized) : 0;
    return size * (weight + children);
  };

  return (operation.operation === 'mutation' ? MUTATION_COST : 0) + unitCost(operation.selectionSet, root, new Map());
}

/** Estimates kept per document (one per operation name and page sizes); past this they start over. */
const MAX_ESTIMATES_PER_DOCUMENT = 256;

export const tooExpensiveError = () =>
  new GraphQLError('The operation is too expensive: ask for smaller pages (first) or fewer nested lists, or split it into several requests.', {
    extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', http: { status: 400 } },
  });

export interface DemandControlOptions {
  readonly maxCost: number;
  readonly assumedListSize: number;
}

/**
 * Refuses operations whose estimate is over `maxCost`; the message never states the estimate nor the
 * limit. Then counts the objects the answer actually holds (actualCost) and logs a warning when
 * they are more than the estimate: a list was longer than its `@listSize` or the assumed list size
 * says, so the estimate under-counts that shape and the deployment's sizes need raising.
 *
 * The count logs, it does not refuse: it is known only once every subgraph has answered, when
 * refusing saves nothing but the bytes of a finished answer. The estimate, before any fetch, is the
 * gate; the count is how a deployment learns whether the estimate's sizes hold.
 */
export function useDemandControl(options: DemandControlOptions, logger: Pick<Logger, 'warn'> = new Logger({ serviceName: 'gateway' })): GatewayPlugin {
  // Only the Int variables can be page sizes, so only their coerced values change the estimate.
  const estimate = answersPerDocument<string[], number>(intVariables, MAX_ESTIMATES_PER_DOCUMENT);
  const check = ({ args, setResultAndStopExecution }: OperationCheckPayload<{ errors: GraphQLError[] }>) => {
    const cost = estimate(
      args.schema,
      args.document,
      // Coerced: a page size left to its default is that default, an explicit null is no page size.
      (pageSizeVariables) =>
        JSON.stringify([args.operationName ?? null]) + coercedValuesKey(args.schema, args.document, args.operationName, args.variableValues, pageSizeVariables),
      () => estimateCost(args.schema, args.document, args.operationName, args.variableValues, options.assumedListSize),
    );
    if (cost > options.maxCost) {
      setResultAndStopExecution({ errors: [tooExpensiveError()] });
      return undefined;
    }
    return cost;
  };
  const measure = (payload: OperationCheckPayload<{ errors: GraphQLError[] }>) => {
    const cost = check(payload);
    if (cost === undefined) return undefined;
    return {
      onExecuteDone({ result }: { result: unknown }) {
        // A streamed (incremental) result has no one answer to count.
        if (!result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
        const actual = actualCost((result as { data?: unknown }).data);
        if (actual > cost) {
          const operationName = selectedOperation(payload.args.document, payload.args.operationName)?.name?.value ?? null;
          logger.warn('actual cost over the estimate', { operationName, estimatedCost: cost, actualCost: actual, maxCost: options.maxCost });
        }
      },
    };
  };
  return { onExecute: measure, onSubscribe: (payload: OperationCheckPayload<{ errors: GraphQLError[] }>) => void check(payload) } as GatewayPlugin;
}

/**
 * The objects an answer holds below its root, the unit of the estimate (a field of weight 1 per
 * object): connections, edges, nodes and every nested object, each once per occurrence.
 */
export function actualCost(data: unknown): number {
  let objects = 0;
  const count = (value: unknown) => {
    if (Array.isArray(value)) for (const item of value) count(item);
    else if (value !== null && typeof value === 'object') {
      objects++;
      for (const child of Object.values(value)) count(child);
    }
  };
  if (data !== null && typeof data === 'object') for (const child of Object.values(data)) count(child);
  return objects;
}

/** Names of the Int variables of every operation of `document`: slicing arguments are Int. */
export function intVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      let type = variable.type;
      while (type.kind !== Kind.NAMED_TYPE) type = type.type;
      if (type.name.value === 'Int') names.add(variable.variable.name.value);
    }
  }
  return [...names];
}
