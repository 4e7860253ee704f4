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
  GraphQLError,
  isCompositeType,
  isListType,
  isNonNullType,
  Kind,
  valueFromAST,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLSchema,
  type GraphQLType,
} from 'graphql';
import { answersPerDocument, coercedValuesKey, coercedVariables, selectedOperation, walkOperationFields, type OperationCheckPayload } from './operation-fields.js';
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
  const operation = selectedOperation(document, operationName);
  if (!operation) return 0;
  // Coerced, so a page size left to its variable's default is that default.
  const values = coercedVariables(schema, operation, variables);
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
  // A field's context: the product of the list sizes it sits in, and the sizes its parent's
  // @listSize gives to its children (sizedFields, e.g. `edges`).
  walkOperationFields<{ multiplier: number; sized: ReadonlyMap<string, number> }>(schema, document, operation, { multiplier: 1, sized: new Map() }, (node, field, _parent, { multiplier, sized }) => {
    const returned = getNamedType(field.type);
    const { cost: fieldWeight, listSize } = annotationsOf(field);
    let size = sized.get(field.name);
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
    const factor = multiplier * size;
    cost += (fieldWeight ?? annotationsOf(returned).cost ?? (isCompositeType(returned) ? 1 : 0)) * factor;
    return { multiplier: factor, sized: childSized };
  });
  return cost;
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

/** Refuses operations whose estimate is over `maxCost`; the message never states the estimate nor the limit. */
export function useDemandControl(options: DemandControlOptions): GatewayPlugin {
  // Only the Int variables can be page sizes, so only their coerced values change the estimate.
  const estimate = answersPerDocument<string[], number>(intVariables, MAX_ESTIMATES_PER_DOCUMENT);
  const check = ({ args, setResultAndStopExecution }: OperationCheckPayload<{ errors: GraphQLError[] }>) => {
    const cost = estimate(
      args.schema,
      args.document,
      // Coerced: a page size left to its default is that default, an explicit null is no page size.
      (pageSizeVariables) => JSON.stringify([args.operationName ?? null]) + coercedValuesKey(args.schema, args.document, args.operationName, args.variableValues, pageSizeVariables),
      () => estimateCost(args.schema, args.document, args.operationName, args.variableValues, options.assumedListSize),
    );
    if (cost > options.maxCost) setResultAndStopExecution({ errors: [tooExpensiveError()] });
  };
  return { onExecute: check, onSubscribe: check } as GatewayPlugin;
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
