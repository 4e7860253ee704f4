/**
 * The fields one operation selects, against the supergraph schema, fragments expanded where they
 * are spread: what the gateway's own checks (directive-auth.ts, demand-control.ts) walk before any
 * subgraph is called.
 */
import {
  getNamedType,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type FragmentSpreadNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLInterfaceType,
  type GraphQLObjectType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The operation a request runs: the one named, or the only one. Validation has refused the rest. */
export function selectedOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  return operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
}

/**
 * The request's variables as the engine executes with them: each coerced on its own as the router
 * runtime coerces them before planning (graphql-js getVariableValues), so a default applies only to
 * a variable left out, and an explicit null stays null. Only the `names` given (all by default). A
 * variable left out without a default, or whose value does not coerce, has no entry: the engine
 * refuses such a request before any subgraph is called (verified in test/security/verdict-differential.test.ts).
 * Each variable alone, so one variable's value never depends on another's being valid.
 */
export function coercedVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  names?: readonly string[],
): Record<string, unknown> {
  const coerced: Record<string, unknown> = {};
  if (names?.length === 0) return coerced;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (names && !names.includes(name)) continue;
    const value = getVariableValues(schema, [definition], { ...variables }).coerced;
    if (value && Object.hasOwn(value, name)) coerced[name] = value[name];
  }
  return coerced;
}

/**
 * Part of a cache key: the coerced values of the named variables of the request's operation, in
 * order, a variable without a value (left out, no default) distinct from one that is null.
 */
export function coercedValuesKey(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  names: readonly string[],
): string {
  const operation = names.length ? selectedOperation(document, operationName) : undefined;
  const coerced = operation ? coercedVariables(schema, operation, variables, names) : {};
  return JSON.stringify(names.map((name) => (Object.hasOwn(coerced, name) ? [coerced[name]] : [])));
}

/**
 * Calls `visit` for each field of `operation`, parents before children, with the context its
 * parent's visit returned; a visit that returns undefined keeps the walk out of that field's
 * selections. Introspection fields are not visited; selections `included` refuses (@skip/@include)
 * are left out. A fragment is expanded wherever it is spread, never inside itself.
 */
export function walkOperationFields<C>(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rootContext: C,
  visit: (node: FieldNode, field: GraphQLField<unknown, unknown>, parent: GraphQLObjectType | GraphQLInterfaceType, context: C) => C | undefined,
  included: (selection: FieldNode | InlineFragmentNode | FragmentSpreadNode) => boolean = () => true,
): void {
  const root = schema.getRootType(operation.operation);
  if (!root) return;
  const fragments = new Map(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  const typeNamed = (name: string) => schema.getType(name) as GraphQLCompositeType | undefined;
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, context: C, spread: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      if (!included(selection)) continue;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? typeNamed(selection.typeCondition.name.value) : parent;
        if (type) walk(selection.selectionSet, type, context, spread);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || spread.has(fragment.name.value)) continue;
        const type = typeNamed(fragment.typeCondition.name.value);
        if (type) walk(fragment.selectionSet, type, context, new Set([...spread, fragment.name.value]));
      } else {
        // A union's only field is __typename; introspection is nobody's data.
        if (selection.name.value.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const inner = visit(selection, field, parent, context);
        const returned = getNamedType(field.type);
        if (inner !== undefined && selection.selectionSet && isCompositeType(returned)) walk(selection.selectionSet, returned, inner, spread);
      }
    }
  };
  walk(operation.selectionSet, root, rootContext, new Set());
}

/** What the gateway's operation checks read of the execute (or subscribe) hook's payload. */
export interface OperationCheckPayload<Result> {
  readonly args: {
    readonly schema: GraphQLSchema;
    readonly document: DocumentNode;
    readonly operationName?: string | null;
    readonly variableValues?: Readonly<Record<string, unknown>> | null;
    readonly contextValue?: unknown;
  };
  setResultAndStopExecution(result: Result): void;
}

/**
 * Answers about an operation, kept per (supergraph schema, document object) and then by a key of
 * the request's few inputs that change the answer; `factsOf` reads, once per document, what the key
 * needs (e.g. which variables matter). The key must hold everything the answer is computed from,
 * variables as the engine executes with them (coercedValuesKey), never as sent: a default applied
 * to a variable left out and an explicit null were once one key (issue 16). At most `capacity`
 * answers per document, then they start over.
 */
export function answersPerDocument<Facts, Answer>(factsOf: (document: DocumentNode) => Facts, capacity: number) {
  const bySchema = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, { readonly facts: Facts; readonly answers: Map<string, Answer> }>>();
  return (schema: GraphQLSchema, document: DocumentNode, keyOf: (facts: Facts) => string, answer: () => Answer): Answer => {
    const byDocument = bySchema.get(schema) ?? bySchema.set(schema, new WeakMap()).get(schema)!;
    let entry = byDocument.get(document);
    if (!entry) {
      entry = { facts: factsOf(document), answers: new Map() };
      byDocument.set(document, entry);
    }
    const key = keyOf(entry.facts);
    if (entry.answers.has(key)) return entry.answers.get(key)!;
    const value = answer();
    if (entry.answers.size >= capacity) entry.answers.clear();
    entry.answers.set(key, value);
    return value;
  };
}
