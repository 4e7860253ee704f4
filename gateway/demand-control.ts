/**
 * Demand control: the estimated cost of an operation, from the supergraph's `@listSize` and `@cost`
 * (https://specs.apollo.dev/cost/v0.1), refused over LIMITS.cost before any subgraph is called.
 *
 * Why not the runtime's `demandControl` option: it estimates each subgraph request as it is about to
 * be sent, so the first fetches of an operation are already made when a later one goes over the
 * budget; and it memoises by the variables object, which is new on every request, so it walked
 * every subgraph document of every request again (12% of the gateway's CPU on the benchmark's
 * program statistics). Here the client's operation is estimated once per document and page sizes.
 *
 * The estimate: every field returning an object costs 1 (its `@cost` weight instead, when it has
 * one; leaves cost 0 unless weighted), times the sizes of the lists it sits in. A list's size is its
 * slicing argument (`first`) when given, else its `assumedSize`, else LIMITS.assumedListSize;
 * `sizedFields` move the size to the named child (`edges` of a connection). A mutation adds 10.
 */
import {
  getNamedType,
  getVariableValues,
  GraphQLError,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type GraphQLType,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getDirectiveExtensions } from '@graphql-tools/utils';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

export const MUTATION_COST = 10;

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
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  const root = operation && schema.getRootType(operation.operation);
  if (!operation || !root) return 0;
  // Coerced, so a page size left to its variable's default is that default.
  const values = getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables }).coerced ?? variables ?? undefined;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
  const annotations = new Map<object, { cost?: number; listSize?: ListSize }>();
  const annotationsOf = (element: Annotated) => {
    let found = annotations.get(element);
    if (!found) {
      const directives = getDirectiveExtensions<{ cost: { weight: number }; listSize: ListSize }>(element, schema);
      annotations.set(element, (found = { cost: directives?.cost?.[0]?.weight, listSize: directives?.listSize?.[0] }));
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

  let cost = operation.operation === 'mutation' ? MUTATION_COST : 0;
  const visitSelections = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, multiplier: number, sized: ReadonlyMap<string, number>, spread: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined) : parent;
        if (type) visitSelections(selection.selectionSet, type, multiplier, sized, spread);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spread.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined;
        if (type) visitSelections(fragment.selectionSet, type, multiplier, sized, new Set([...spread, fragment.name.value]));
      } else {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
        if (!field) continue;
        const returned: GraphQLNamedType = getNamedType(field.type);
        const { cost: fieldWeight, listSize } = annotationsOf(field);
        // The size this field's list has: from its parent's sizedFields, from its own @listSize, or assumed.
        let size = sized.get(name);
        const childSized = new Map<string, number>();
        if (size === undefined) {
          const depth = listDepth(field.type);
          if (listSize) {
            const given = sliceSize(field, selection, listSize.slicingArguments ?? []) ?? listSize.assumedSize ?? assumedListSize;
            if (listSize.sizedFields?.length) for (const child of listSize.sizedFields) childSized.set(child, given);
            size = listSize.sizedFields?.length ? 1 : given;
          } else {
            size = depth > 0 ? assumedListSize ** depth : 1;
          }
        }
        const factor = multiplier * size;
        const weight = fieldWeight ?? annotationsOf(returned).cost ?? (isCompositeType(returned) ? 1 : 0);
        cost += weight * factor;
        if (selection.selectionSet && (isObjectType(returned) || isInterfaceType(returned) || isUnionType(returned))) {
          visitSelections(selection.selectionSet, returned, factor, childSized, spread);
        }
      }
    }
  };
  visitSelections(operation.selectionSet, root, 1, new Map(), new Set());
  return cost;
}

/** Estimates kept per document (one per operation name and page sizes); past this they start over. */
const MAX_ESTIMATES_PER_DOCUMENT = 256;

export const tooExpensiveError = () =>
  new GraphQLError('The operation is too expensive: ask for smaller pages (first) or fewer nested lists, or split it into several requests.', {
    extensions: { code: 'COST_ESTIMATED_TOO_EXPENSIVE', http: { status: 400 } },
  });

/** Refuses operations whose estimate is over `maxCost`; the message never states the estimate nor the limit. */
export interface DemandControlOptions {
  readonly maxCost: number;
  readonly assumedListSize: number;
}

export function useDemandControl(options: DemandControlOptions): GatewayPlugin {
  const estimates = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, DocumentEstimates>>();
  const check = ({ args, setResultAndStopExecution }: { args: { schema: GraphQLSchema; document: DocumentNode; operationName?: string | null; variableValues?: Readonly<Record<string, unknown>> | null }; setResultAndStopExecution: (result: { errors: GraphQLError[] }) => void }) => {
    const bySchema = estimates.get(args.schema) ?? estimates.set(args.schema, new WeakMap()).get(args.schema)!;
    let forDocument = bySchema.get(args.document);
    if (!forDocument) bySchema.set(args.document, (forDocument = { pageSizeVariables: intVariables(args.document), byKey: new Map() }));
    const key = JSON.stringify([args.operationName ?? null, forDocument.pageSizeVariables.map((name) => args.variableValues?.[name] ?? null)]);
    let cost = forDocument.byKey.get(key);
    if (cost === undefined) {
      cost = estimateCost(args.schema, args.document, args.operationName, args.variableValues, options.assumedListSize);
      if (forDocument.byKey.size >= MAX_ESTIMATES_PER_DOCUMENT) forDocument.byKey.clear();
      forDocument.byKey.set(key, cost);
    }
    if (cost > options.maxCost) setResultAndStopExecution({ errors: [tooExpensiveError()] });
  };
  return { onExecute: check, onSubscribe: check } as GatewayPlugin;
}

interface DocumentEstimates {
  /** The variables that can be page sizes (Int): the only ones that change the estimate. */
  readonly pageSizeVariables: readonly string[];
  readonly byKey: Map<string, number>;
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
