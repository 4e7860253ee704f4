/**
 * The federation auth directives of the supergraph — `@authenticated`, `@requiresScopes`, `@policy`
 * — enforced at the gateway before any subgraph is called: an operation that selects a field the
 * caller may not see is refused whole (`data: null`, one UNAUTHORIZED_FIELD_OR_TYPE error per such
 * field; HTTP 401 for an anonymous caller, 403 for a signed-in one), so nothing is fetched for it.
 *
 * Why not the runtime's `genericAuth` option (@envelop/generic-auth), which enforces the same rules:
 * it runs a TypeInfo visit of the whole document on every request, then hands execution a rewritten
 * copy of the document even when nothing was removed. The router runtime caches query plans by the
 * document object, so every request planned its query again (the Rust planner plus a print of the
 * document), and the gateway spent more CPU per request than the default Hive Gateway. Here the
 * verdict is cached per (supergraph, document, operation, caller's grants, coerced values of the
 * @skip/@include variables) and the client's document goes to execution untouched.
 *
 * Rules (as generic-auth's protect-granular mode, which the tests pinned before this replaced it):
 * a field is refused when its parent type or the field carries `@authenticated` and the caller is
 * anonymous, or when `@requiresScopes` / `@policy` on the parent type or the field is not met; a
 * list of lists reads "any one inner list, all of its members". Also, as federation defines them,
 * the directives on a scalar or enum apply to every field that returns it. A refused field's
 * selections are not examined further.
 *
 * `@skip`/`@include`: a selection is left unexamined only when its condition, on the variables as
 * the engine coerces them, certainly leaves it out (`@skip(if: true)`, `@include(if: false)`). Any
 * other condition counts as included: the engine plans `@skip(if: null)` as not skipped (the
 * subgraph is asked for the field) and sends a condition it keeps inside a subgraph's query to that
 * subgraph, whatever its value; so the verdict is never narrower than what executes.
 */
import {
  getNamedType,
  GraphQLError,
  isEnumType,
  isScalarType,
  Kind,
  visit,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
} from 'graphql';
import {
  answersPerDocument,
  coercedValuesKey,
  coercedVariables,
  selectedOperation,
  walkOperationFields,
  type OperationCheckPayload,
} from '../limits/operation-fields.js';
import { getDirectiveExtensions } from '@graphql-tools/utils';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { policiesOf, POLICIES, scopesOf, type ClientClaims } from './client-auth.js';
import { ROLE_SCOPES, ROLES } from '../../subgraphs/shared/auth/caller.js';

/** What a caller holds, as the directives ask for it. */
export interface Grants {
  readonly authenticated: boolean;
  readonly scopes: readonly string[];
  readonly policies: readonly string[];
}

export const grantsOf = (claims: ClientClaims | null | undefined): Grants => ({
  authenticated: claims != null,
  scopes: scopesOf(claims),
  policies: policiesOf(claims),
});

/** One refused field of an operation. */
export interface DeniedField {
  /** Response keys from the root, e.g. ['people'] or ['person', 'idNumber']. */
  readonly path: readonly string[];
  readonly node: FieldNode;
  /** Why, in words a client developer can act on. */
  readonly reason: string;
}

interface Requirements {
  readonly authenticated: boolean;
  readonly scopes?: readonly (readonly string[])[];
  readonly policies?: readonly (readonly string[])[];
}

function requirementsOf(element: Parameters<typeof getDirectiveExtensions>[0], schema: GraphQLSchema): Requirements {
  const directives = getDirectiveExtensions<{ authenticated: object; requiresScopes: { scopes: string[][] }; policy: { policies: string[][] } }>(
    element,
    schema,
  );
  return {
    authenticated: Boolean(directives?.authenticated?.length),
    scopes: directives?.requiresScopes?.[0]?.scopes,
    policies: directives?.policy?.[0]?.policies,
  };
}

/** Any one inner list met in full. */
const satisfies = (required: readonly (readonly string[])[], held: readonly string[]) => required.some((all) => all.every((name) => held.includes(name)));

const rolesGranting = (scope: string) => ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));
const rolesHolding = (policy: string) => POLICIES[policy] ?? [];

const describe = (alternatives: readonly (readonly string[])[], what: string, rolesFor: (name: string) => readonly string[]) =>
  alternatives
    .map((all) => {
      // The roles that hold every one of them.
      const roles = all.map(rolesFor).reduce((common, next) => common.filter((role) => next.includes(role)));
      return `the ${what}${all.length > 1 ? 's' : ''} ${all.join(' and ')}${roles.length ? ` (roles ${roles.join(', ')})` : ''}`;
    })
    .join(', or ');

/** Why `grants` may not read `coordinate` under `requirements`, or null when they may. */
function refusal(coordinate: string, requirements: readonly Requirements[], grants: Grants): string | null {
  for (const { authenticated, scopes, policies } of requirements) {
    if (authenticated && !grants.authenticated) return `${coordinate} needs a signed-in caller: send a token (Authorization: Bearer …).`;
    if (scopes?.length && !satisfies(scopes, grants.scopes))
      return `${coordinate} needs ${describe(scopes, 'scope', rolesGranting)}, which ${grants.authenticated ? 'your roles do not grant' : 'an anonymous caller lacks: send a token'}.`;
    if (policies?.length && !satisfies(policies, grants.policies))
      return `${coordinate} needs ${describe(policies, 'policy', rolesHolding)}, which ${grants.authenticated ? 'your roles do not meet' : 'an anonymous caller lacks: send a token'}.`;
  }
  return null;
}

/**
 * The value of `directive`'s `if` when it is decided: a Boolean literal, or a variable whose coerced
 * value is a Boolean. Undefined otherwise (a null or missing variable; validation refuses the rest).
 */
function decidedCondition(directive: DirectiveNode, variableValue: (variable: string) => unknown): boolean | undefined {
  const condition = directive.arguments?.find((argument) => argument.name.value === 'if')?.value;
  const value = condition?.kind === Kind.BOOLEAN ? condition.value : condition?.kind === Kind.VARIABLE ? variableValue(condition.name.value) : undefined;
  return typeof value === 'boolean' ? value : undefined;
}

/**
 * Whether `@skip`/`@include` certainly leave `node` out of the execution, `variableValue` giving the
 * coerced value of a variable. Only a decided condition leaves a selection out.
 */
export function certainlyLeftOut(node: { readonly directives?: readonly DirectiveNode[] }, variableValue: (variable: string) => unknown): boolean {
  for (const directive of node.directives ?? []) {
    if (directive.name.value === 'skip' && decidedCondition(directive, variableValue) === true) return true;
    if (directive.name.value === 'include' && decidedCondition(directive, variableValue) === false) return true;
  }
  return false;
}

/**
 * The fields of one operation of `document` that `grants` may not read, with `variables` (as sent:
 * coerced here as the engine coerces them) deciding `@skip`/`@include`. Pure: the same inputs always
 * give the same answer, and it depends on the variables only through the coerced values of those
 * `conditionVariables` names.
 */
export function deniedFields(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  grants: Grants,
): DeniedField[] {
  const operation = selectedOperation(document, operationName);
  if (!operation) return [];
  const coerced = new Map<string, unknown>();
  const variableValue = (name: string) => {
    if (!coerced.has(name)) coerced.set(name, coercedVariables(schema, operation, variables, [name])[name]);
    return coerced.get(name);
  };
  const included = (node: { directives?: readonly DirectiveNode[] }) => !node.directives?.length || !certainlyLeftOut(node, variableValue);
  const requirementsCache = new Map<object, Requirements>();
  const requirementsFor = (element: GraphQLNamedType | GraphQLField<unknown, unknown>) => {
    let found = requirementsCache.get(element);
    if (!found) {
      found = requirementsOf(element, schema);
      requirementsCache.set(element, found);
    }
    return found;
  };
  const denied: DeniedField[] = [];
  walkOperationFields<readonly string[]>(
    schema,
    document,
    operation,
    [],
    (node, field, parent, parentPath) => {
      const path = [...parentPath, node.alias?.value ?? node.name.value];
      const returned = getNamedType(field.type);
      const requirements = [
        requirementsFor(parent),
        requirementsFor(field),
        ...(isScalarType(returned) || isEnumType(returned) ? [requirementsFor(returned)] : []),
      ];
      const reason = refusal(`${parent.name}.${field.name}`, requirements, grants);
      if (!reason) return path;
      // A refused field's selections are not examined: the whole operation is refused anyway.
      denied.push({ path, node, reason });
      return undefined;
    },
    included,
  );
  return denied;
}

/** The names of the variables any `@skip`/`@include` of `document` reads: their coerced values change the verdict. */
export function conditionVariables(document: DocumentNode): string[] {
  const names = new Set<string>();
  visit(document, {
    Directive(node) {
      if (node.name.value !== 'skip' && node.name.value !== 'include') return;
      visit(node, { Variable: (variable) => void names.add(variable.name.value) });
    },
  });
  return [...names];
}

/** Verdicts kept per document (by operation, grants and coerced @skip/@include variables); past this they start over. */
const MAX_VERDICTS_PER_DOCUMENT = 256;

export const unauthorizedError = (denied: DeniedField, grants: Grants) =>
  new GraphQLError(`Unauthorized field or type: ${denied.reason}`, {
    nodes: [denied.node],
    path: [...denied.path],
    extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', http: { status: grants.authenticated ? 403 : 401 } },
  });

/** The gateway plugin: the client's claims come from the verified JWT (`context.jwt.payload`). */
export function useDirectiveAuth(): GatewayPlugin {
  const verdict = answersPerDocument<string[], readonly DeniedField[]>(conditionVariables, MAX_VERDICTS_PER_DOCUMENT);
  const check = ({ args, setResultAndStopExecution }: OperationCheckPayload<{ data: null; errors: GraphQLError[] }>) => {
    const claims = (args.contextValue as { jwt?: { payload?: ClientClaims } } | undefined)?.jwt?.payload ?? null;
    const grants = grantsOf(claims);
    const denied = verdict(
      args.schema,
      args.document,
      (conditions) =>
        JSON.stringify([args.operationName ?? null, grants.authenticated, grants.scopes, grants.policies]) +
        coercedValuesKey(args.schema, args.document, args.operationName, args.variableValues, conditions),
      () => deniedFields(args.schema, args.document, args.operationName, args.variableValues, grants),
    );
    if (denied.length) setResultAndStopExecution({ data: null, errors: denied.map((field) => unauthorizedError(field, grants)) });
  };
  return { onExecute: check, onSubscribe: check } as GatewayPlugin;
}
