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

/** The request's variables as execution will see them: defaults applied, values coerced. */
export function coercedVariables(schema: GraphQLSchema, operation: OperationDefinitionNode, variables: Readonly<Record<string, unknown>> | null | undefined): Record<string, unknown> {
  return getVariableValues(schema, operation.variableDefinitions ?? [], { ...variables }).coerced ?? { ...variables };
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
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]),
  );
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
