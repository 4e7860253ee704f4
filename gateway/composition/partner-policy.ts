/**
 * The rules a partner province's subgraph must keep, checked by `npm run compose` before it composes
 * anything (PARTNERS.md explains each refusal):
 *
 * - PARTNER_NAMESPACE: its own types start with its namespace (`Shanxi…`), its root fields and the
 *   fields it adds to shared entities with the namespace lowercased (`shanxi…`), so two provinces
 *   can never collide and a reader sees who answers a field.
 * - PARTNER_EXTENDS_CORE_TYPE: it adds fields to the shared entities only (Person, Employer,
 *   JobPosting, CooperationProgram); other core types it may reference by key, not extend.
 * - PARTNER_REDEFINES_CORE_FIELD: it never declares a field a core subgraph resolves (it would
 *   answer for it, e.g. a different `Person.name`), `@shareable` or not.
 * - PARTNER_OVERRIDE: it never uses `@override` (it would take a field away from its owner).
 * - PARTNER_COMPOSE_DIRECTIVE: it never composes directives of its own into the supergraph the
 *   gateway reads its auth rules from.
 * - PARTNER_PERSONAL_DATA: personal-data fields (personal-data.ts: `@policy(personal_data)` in a
 *   core SDL) never reach it through a field set — `@key`, `@requires`, `@provides`, `@fromContext`
 *   — at any depth, in inline fragments or through an interface, unless the list grants that field.
 * - PARTNER_FIELD_SET: a field set federation cannot parse is refused, never skipped.
 *
 * Directives and field sets are read with the federation library, as composition reads them: a
 * directive imported under another name (`{ name: "@requires", as: "@needs" }`) or spelled
 * `@federation__requires` is the same directive, and a field set means what the query planner will
 * make of it.
 */
import {
  baseType,
  buildSchemaFromAST,
  collectTargetFields,
  errorCauses,
  FederationBlueprint,
  isCompositeType,
  isFederationDirectiveDefinedInSchema,
  parseContext,
  parseSelectionSet,
  type CompositeType,
  type Directive,
  type FieldDefinition,
  type FederationMetadata,
  type NamedType,
  type Post20FederationDirectiveDefinition,
  type Schema,
  Subgraph,
  Supergraph,
} from '@apollo/federation-internals';
import {
  isTypeDefinitionNode,
  isTypeExtensionNode,
  Kind,
  type ASTNode,
  type DefinitionNode,
  type DocumentNode,
  type GraphQLError,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type TypeDefinitionNode,
  type TypeExtensionNode,
} from 'graphql';
import { sharedTypeNames } from '../../subgraphs/shared/graphql/shared-types.js';
import type { PartnerPolicy } from '../../subgraphs/subgraph-list.js';
import { PERSONAL_DATA_POLICY } from '../auth/personal-data.js';

export { PERSONAL_DATA_POLICY };

/** The core entities partners may add fields to. */
export const SHARED_ENTITIES: readonly string[] = ['Person', 'Employer', 'JobPosting', 'CooperationProgram'];

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface PolicySubgraph {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  /** Present for partner subgraphs only: core subgraphs are the reference the rules check against. */
  readonly partner?: PartnerPolicy;
}

type FieldsOwner = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

const isFieldsOwner = (d: DefinitionNode): d is FieldsOwner =>
  d.kind === Kind.OBJECT_TYPE_DEFINITION ||
  d.kind === Kind.OBJECT_TYPE_EXTENSION ||
  d.kind === Kind.INTERFACE_TYPE_DEFINITION ||
  d.kind === Kind.INTERFACE_TYPE_EXTENSION;

/** Type definitions and extensions; directive definitions are no types. */
const isTypeDefinition = (d: DefinitionNode): d is TypeDefinitionNode | TypeExtensionNode => isTypeDefinitionNode(d) || isTypeExtensionNode(d);

const where = (node: ASTNode | undefined): string => (node?.loc ? ` (at ${node.loc.source.name}:${node.loc.startToken.line})` : '');

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * A subgraph as federation builds it for composition, with the errors its validation gives. The
 * schema is kept when only validation fails, so its field sets are still checked for personal data.
 */
interface Built {
  readonly subgraph?: Subgraph;
  readonly metadata?: FederationMetadata;
  readonly errors: readonly GraphQLError[];
}

const causesOf = (error: unknown): GraphQLError[] => {
  const causes = error instanceof Error ? errorCauses(error) : undefined;
  if (!causes) throw error;
  return causes;
};

/** Built once per SDL document: compose's check reads each subgraph several times. */
const builds = new WeakMap<DocumentNode, Map<string, Built>>();

function build(subgraph: PolicySubgraph): Built {
  const byName = builds.get(subgraph.typeDefs) ?? new Map<string, Built>();
  builds.set(subgraph.typeDefs, byName);
  let built = byName.get(subgraph.name);
  if (!built) {
    built = buildUncached(subgraph);
    byName.set(subgraph.name, built);
  }
  return built;
}

/** What buildSubgraph (which composition calls) does, validation apart. */
function buildUncached(subgraph: PolicySubgraph): Built {
  let built: Subgraph;
  try {
    built = new Subgraph(subgraph.name, '', buildSchemaFromAST(subgraph.typeDefs, { blueprint: new FederationBlueprint(true), validate: false }));
  } catch (error) {
    return { errors: causesOf(error) };
  }
  try {
    built.validate();
    return { subgraph: built, metadata: built.metadata(), errors: [] };
  } catch (error) {
    return { subgraph: built, metadata: built.metadata(), errors: causesOf(error) };
  }
}

/** Applications of a federation directive, whatever name the subgraph imports it under; none when it is not linked. */
function applications<T extends { [key: string]: unknown }>(definition: Post20FederationDirectiveDefinition<T>): readonly Directive<never, T>[] {
  return isFederationDirectiveDefinedInSchema(definition) ? ([...definition.applications()] as unknown as Directive<never, T>[]) : [];
}

const fieldOf = (schema: Schema, type: string, field: string): FieldDefinition<CompositeType> | undefined => {
  const found = schema.type(type);
  return found && (found.kind === 'ObjectType' || found.kind === 'InterfaceType') ? (found.field(field) ?? undefined) : undefined;
};

/** Whether a `@policy` application names the personal-data policy in any of its alternatives. */
const namesPersonalData = (policy: Directive<never, { policies: string[][] }>) =>
  (policy.arguments().policies ?? []).some((all) => all.includes(PERSONAL_DATA_POLICY));

/**
 * The personal-data fields of the core subgraphs as `Type.field` → the subgraph that declares them:
 * `@policy(personal_data)` on the field, on its type, or on the scalar or enum it returns (federation
 * applies those to every field of the type, or returning it, as directive-auth.ts does).
 */
export function personalDataFields(coreSubgraphs: readonly PolicySubgraph[]): Map<string, string> {
  const personal = new Map<string, string>();
  for (const subgraph of coreSubgraphs) {
    const built = build(subgraph);
    // A core subgraph federation cannot build is refused by composition, with federation's errors.
    if (!built.subgraph || !built.metadata) continue;
    // federation-internals types policyDirective() with @requiresScopes' arguments; its arguments are `policies`.
    const policy = built.metadata.policyDirective() as unknown as Post20FederationDirectiveDefinition<{ policies: string[][] }>;
    const marked = new Set<unknown>(
      applications(policy)
        .filter(namesPersonalData)
        .map((application) => application.parent),
    );
    for (const type of [...built.subgraph.schema.objectTypes(), ...built.subgraph.schema.interfaceTypes()]) {
      for (const field of type.fields()) {
        const returned = baseType(field.type!);
        const leaf = returned.kind === 'ScalarType' || returned.kind === 'EnumType';
        if (marked.has(field) || marked.has(type) || (leaf && marked.has(returned))) personal.set(`${type.name}.${field.name}`, subgraph.name);
      }
    }
  }
  return personal;
}

/**
 * `@policy` names no role holds, as `POLICY_UNKNOWN: [subgraph] …`: a misspelt `personal_data`
 * would leave a field out of the personal-data list (the gateway would refuse it to everyone, but
 * this check would let it reach a partner). `known` is the gateway's list (POLICIES in client-auth.ts).
 */
export function unknownPolicies(subgraphs: readonly PolicySubgraph[], known: readonly string[]): string[] {
  const problems: string[] = [];
  for (const subgraph of subgraphs) {
    const { metadata } = build(subgraph);
    if (!metadata) continue; // refused by the partner policy or by composition
    const policy = metadata.policyDirective() as unknown as Post20FederationDirectiveDefinition<{ policies: string[][] }>;
    for (const application of applications(policy)) {
      const unknown = [...new Set((application.arguments().policies ?? []).flat())].filter((name) => !known.includes(name));
      const on = (application.parent as unknown as { coordinate: string }).coordinate;
      for (const name of unknown) {
        problems.push(
          `POLICY_UNKNOWN: [${subgraph.name}] @policy on ${on} names "${name}", which no role holds (POLICIES in gateway/auth/client-auth.ts knows ${known.join(', ')}): every caller would be refused it, and a misspelt ${PERSONAL_DATA_POLICY} would not count as personal data. Use a known policy, or add it there.${where(application.sourceAST)}`,
        );
      }
    }
  }
  return problems;
}

/**
 * Personal data as a field set can reach it: a coordinate → the personal-data fields it stands for.
 * An interface field stands for the same field of every type implementing the interface in any
 * subgraph (a partner's `@interfaceObject` type is such an interface), and a field of a personal
 * interface field's implementation is personal too.
 */
function personalDataReach(personal: ReadonlyMap<string, string>, built: readonly Built[]): Map<string, Set<string>> {
  const implementations = new Map<string, Set<string>>();
  for (const b of built) {
    if (!b.subgraph) continue;
    for (const type of [...b.subgraph.schema.objectTypes(), ...b.subgraph.schema.interfaceTypes()]) {
      for (const itf of type.interfaces()) {
        const set = implementations.get(itf.name) ?? new Set<string>();
        implementations.set(itf.name, set.add(type.name));
      }
    }
  }
  const reach = new Map<string, Set<string>>([...personal.keys()].map((coordinate) => [coordinate, new Set([coordinate])]));
  const add = (coordinate: string, origins: Iterable<string>) => {
    const set = reach.get(coordinate) ?? new Set<string>();
    const before = set.size;
    for (const origin of origins) set.add(origin);
    reach.set(coordinate, set);
    return set.size > before;
  };
  // Interfaces may implement interfaces: repeat until nothing new is learnt.
  for (let changed = true; changed; ) {
    changed = false;
    for (const [itf, types] of implementations) {
      for (const type of types) {
        for (const [coordinate, origins] of [...reach]) {
          const [owner, field] = coordinate.split('.') as [string, string];
          if (owner === type) changed = add(`${itf}.${field}`, origins) || changed;
          if (owner === itf) changed = add(`${type}.${field}`, origins) || changed;
        }
      }
    }
  }
  return reach;
}

/** One field set of a partner subgraph: which directive, where, and every field it selects. */
interface FieldSetUse {
  readonly how: string;
  /** `send`: the gateway sends the selected fields to the partner; `answer`: the partner answers them. */
  readonly direction: 'send' | 'answer';
  readonly node: ASTNode | undefined;
  readonly fields: () => readonly FieldDefinition<CompositeType>[];
}

/** Every field set of a built subgraph, as composition collects them (federation's collectUsedFields). */
function fieldSetsOf(metadata: FederationMetadata): FieldSetUse[] {
  const uses: FieldSetUse[] = [];
  const targetFields = (parentType: CompositeType, directive: Directive<never, { fields: unknown }>) => () =>
    collectTargetFields({ parentType, directive: directive as never, includeInterfaceFieldsImplementations: true, validate: true });
  for (const key of applications(metadata.keyDirective())) {
    const type = key.parent as unknown as CompositeType;
    uses.push({ how: `@key(fields: "${key.arguments().fields}") on ${type.name}`, direction: 'send', node: key.sourceAST, fields: targetFields(type, key) });
  }
  for (const requires of applications(metadata.requiresDirective())) {
    const field = requires.parent as unknown as FieldDefinition<CompositeType>;
    uses.push({ how: `@requires on ${field.coordinate}`, direction: 'send', node: requires.sourceAST, fields: targetFields(field.parent, requires) });
  }
  for (const provides of applications(metadata.providesDirective())) {
    const field = provides.parent as unknown as FieldDefinition<CompositeType>;
    const type = baseType(field.type!);
    if (!isCompositeType(type)) continue; // federation refuses it when building the subgraph
    uses.push({ how: `@provides on ${field.coordinate}`, direction: 'answer', node: provides.sourceAST, fields: targetFields(type, provides) });
  }
  const contexts = new Map<string, CompositeType[]>();
  for (const context of applications(metadata.contextDirective())) {
    const name = context.arguments().name;
    contexts.set(name, [...(contexts.get(name) ?? []), context.parent as unknown as CompositeType]);
  }
  for (const fromContext of applications(metadata.fromContextDirective())) {
    const argument = fromContext.parent as unknown as { coordinate: string };
    const value = String(fromContext.arguments().field);
    const { context, selection } = parseContext(value);
    uses.push({
      how: `@fromContext(field: "${value}") on ${argument.coordinate}`,
      direction: 'send',
      node: fromContext.sourceAST,
      fields: () => {
        const types = context ? contexts.get(context) : undefined;
        if (!types || selection === undefined)
          throw new Error(`no @context(name: "${context ?? ''}") in this subgraph, or no selection after the context name`);
        const selected: FieldDefinition<CompositeType>[] = [];
        for (const parentType of types) {
          parseSelectionSet({
            parentType,
            source: selection,
            fieldAccessor: (type, name) => {
              const field = type.field(name);
              if (field) selected.push(field as FieldDefinition<CompositeType>);
              return field;
            },
          });
        }
        return selected;
      },
    });
  }
  return uses;
}

/** Every `Type.field` the field sets of a subgraph select, as this policy walks them (compared with federation's own collectUsedFields in the tests). */
export function fieldSetSelections(subgraph: PolicySubgraph): Set<string> {
  const { metadata } = build(subgraph);
  const selected = new Set<string>();
  for (const use of metadata ? fieldSetsOf(metadata) : []) for (const field of use.fields()) selected.add(`${field.parent.name}.${field.name}`);
  return selected;
}

/** Federation's codes for a field set it cannot read (`KEY_INVALID_FIELDS`, `REQUIRES_FIELDS_HAS_ARGS`, `CONTEXT_INVALID_SELECTION`…). */
const isFieldSetError = (error: GraphQLError) =>
  /^(KEY|REQUIRES|PROVIDES)_|^CONTEXT_(INVALID_SELECTION|NOT_SET|IN_SELECTION)$/.test(String(error.extensions?.code ?? ''));

const placesOf = (error: GraphQLError) => [
  ...new Set((error.nodes ?? []).flatMap((node) => (node.loc ? [`${node.loc.source.name}:${node.loc.startToken.line}`] : []))),
];

/** What the core subgraphs define: who resolves which field, which fields are personal data. */
interface CoreIndex {
  readonly types: Map<string, string>;
  readonly resolvedFields: Map<string, string>;
  readonly personalData: Map<string, string>;
}

function indexCore(subgraphs: readonly PolicySubgraph[]): CoreIndex {
  const shared = sharedTypeNames();
  const index: CoreIndex = { types: new Map(), resolvedFields: new Map(), personalData: personalDataFields(subgraphs) };
  for (const subgraph of subgraphs) {
    const isExternal = externalIn(subgraph);
    for (const definition of subgraph.typeDefs.definitions) {
      if (!isTypeDefinition(definition) || shared.has(definition.name.value)) continue;
      const type = definition.name.value;
      if (!index.types.has(type)) index.types.set(type, subgraph.name);
      if (!isFieldsOwner(definition)) continue;
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        if (!isExternal(type, field.name.value, field) && !index.resolvedFields.has(coordinate)) index.resolvedFields.set(coordinate, subgraph.name);
      }
    }
  }
  return index;
}

/** Whether `Type.field` is `@external` in this subgraph, as federation reads `@external` (type or field, whatever its name). */
function externalIn(subgraph: PolicySubgraph, built: Built = build(subgraph)) {
  return (type: string, field: string, node: { directives?: readonly { name: { value: string } }[] }) => {
    const builtField = built.subgraph ? fieldOf(built.subgraph.schema, type, field) : undefined;
    // Unbuildable subgraphs are refused anyway; the plain name is the best guess for the message.
    return builtField && built.metadata ? built.metadata.isFieldExternal(builtField) : (node.directives ?? []).some((d) => d.name.value === 'external');
  };
}

/** The types and fields a partner adds to the API: what switching it off removes. */
export function partnerContributions(subgraph: PolicySubgraph, coreSubgraphs: readonly PolicySubgraph[]): Set<string> {
  const core = indexCore(coreSubgraphs);
  const shared = sharedTypeNames();
  const isExternal = externalIn(subgraph);
  const contributed = new Set<string>();
  for (const definition of subgraph.typeDefs.definitions) {
    if (!isTypeDefinition(definition) || shared.has(definition.name.value)) continue;
    const type = definition.name.value;
    if (!core.types.has(type) && !ROOT_TYPES.has(type)) {
      contributed.add(type);
      continue;
    }
    if (!isFieldsOwner(definition)) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      if (!isExternal(type, field.name.value, field) && !core.resolvedFields.has(coordinate)) contributed.add(coordinate);
    }
  }
  return contributed;
}

/** Every rule each partner subgraph breaks, as `CODE: [name] message (at file:line)`; empty when all keep them. */
export function checkPartnerPolicy(subgraphs: readonly PolicySubgraph[]): string[] {
  const coreSubgraphs = subgraphs.filter((s) => !s.partner);
  const core = indexCore(coreSubgraphs);
  const built = new Map(subgraphs.map((s) => [s.name, build(s)]));
  const reach = personalDataReach(core.personalData, [...built.values()]);
  const shared = sharedTypeNames();
  const problems: string[] = [];
  for (const subgraph of subgraphs) {
    if (!subgraph.partner) continue;
    const { namespace } = subgraph.partner;
    const fieldPrefix = lowerFirst(namespace);
    const granted = new Set(subgraph.partner.personalDataGrants ?? []);
    const refuse = (code: string, message: string, node: ASTNode | undefined) => problems.push(`${code}: [${subgraph.name}] ${message}${where(node)}`);

    for (const grant of granted) {
      if (!core.personalData.has(grant)) {
        problems.push(
          `PARTNER_PERSONAL_DATA: [${subgraph.name}] personalDataGrants names ${grant}, which is not a personal-data field; the personal-data fields are ${[...core.personalData.keys()].join(', ')}.`,
        );
      }
    }

    const self = built.get(subgraph.name)!;
    // What federation cannot build is not checked, so it does not pass: federation's own errors,
    // with the field sets it cannot read under the policy's code.
    for (const error of self.errors) {
      const code = isFieldSetError(error) ? 'PARTNER_FIELD_SET' : String(error.extensions?.code ?? 'INVALID_GRAPHQL');
      const places = placesOf(error);
      problems.push(`${code}: [${subgraph.name}] ${error.message.replace(`[${subgraph.name}] `, '')}${places.length > 0 ? ` (at ${places.join(', ')})` : ''}`);
    }
    if (!self.subgraph || !self.metadata) continue;
    const { metadata } = self;
    const isExternal = externalIn(subgraph, self);

    for (const problem of personalDataTaken(subgraph.name, metadata, reach, granted, core.personalData, self.errors.some(isFieldSetError)))
      refuse(problem.code, problem.message, problem.node);

    for (const compose of applications(metadata.composeDirective())) {
      refuse(
        'PARTNER_COMPOSE_DIRECTIVE',
        `@composeDirective(name: "${compose.arguments().name}"): a partner subgraph may not add directives of its own to the supergraph, where the gateway reads its auth rules. Remove it.`,
        compose.sourceAST,
      );
    }
    for (const override of applications(metadata.overrideDirective())) {
      const field = override.parent as unknown as FieldDefinition<CompositeType>;
      refuse(
        'PARTNER_OVERRIDE',
        `${field.coordinate} uses @override(from: "${override.arguments().from}"): a partner subgraph may not take a field away from the subgraph that owns it. Add a field of your own named ${fieldPrefix}… instead.`,
        override.sourceAST,
      );
    }

    for (const definition of subgraph.typeDefs.definitions) {
      if (!isTypeDefinition(definition) || shared.has(definition.name.value)) continue;
      const type = definition.name.value;
      const builtType = self.subgraph.schema.type(type) as NamedType | undefined;
      const keyFields = new Set(
        builtType && (builtType.kind === 'ObjectType' || builtType.kind === 'InterfaceType')
          ? builtType.appliedDirectivesOf(metadata.keyDirective()).flatMap((key) => topLevelFields(key as never, builtType))
          : [],
      );

      if (ROOT_TYPES.has(type)) {
        if (!isFieldsOwner(definition)) continue;
        for (const field of definition.fields ?? []) {
          if (field.name.value.startsWith(fieldPrefix)) continue;
          refuse(
            'PARTNER_NAMESPACE',
            `${type}.${field.name.value} must start with "${fieldPrefix}": a partner's root fields carry its namespace (e.g. ${fieldPrefix}${field.name.value.charAt(0).toUpperCase()}${field.name.value.slice(1)}).`,
            field,
          );
        }
        continue;
      }

      if (!core.types.has(type)) {
        if (!type.startsWith(namespace)) {
          refuse(
            'PARTNER_NAMESPACE',
            `type ${type} must start with "${namespace}": a partner's own types carry its namespace (e.g. ${namespace}${type}).`,
            definition,
          );
        }
        continue;
      }

      // A core type: fields may be added to the shared entities only, and never a core field redefined.
      if (!isFieldsOwner(definition)) {
        refuse(
          'PARTNER_EXTENDS_CORE_TYPE',
          `${type} belongs to the ${core.types.get(type)} subgraph; a partner may not redefine it. Name your own type ${namespace}${type}.`,
          definition,
        );
        continue;
      }
      const sharedEntity = SHARED_ENTITIES.includes(type);
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        if (isExternal(type, field.name.value, field) || keyFields.has(field.name.value)) continue;
        const owner = core.resolvedFields.get(coordinate);
        if (owner) {
          refuse(
            'PARTNER_REDEFINES_CORE_FIELD',
            `${coordinate} is resolved by the ${owner} subgraph; a partner may not define it again. Mark it @external if you only need it in @requires, or add a field of your own named ${fieldPrefix}….`,
            field,
          );
        } else if (!sharedEntity) {
          refuse(
            'PARTNER_EXTENDS_CORE_TYPE',
            `${coordinate}: a partner may add fields only to the shared entities ${SHARED_ENTITIES.join(', ')}; ${type} belongs to the ${core.types.get(type)} subgraph (reference it by its key only).`,
            field,
          );
        } else if (!field.name.value.startsWith(fieldPrefix)) {
          refuse(
            'PARTNER_NAMESPACE',
            `${coordinate} must start with "${fieldPrefix}": fields a partner adds to a shared entity carry its namespace, so two provinces never collide.`,
            field,
          );
        }
      }
    }
  }
  return problems;
}

/**
 * Where a partner's field sets would bring it personal data its grants do not name (or a field
 * set that cannot be read, unless federation's validation already refused it).
 */
function personalDataTaken(
  partner: string,
  metadata: FederationMetadata,
  reach: ReadonlyMap<string, ReadonlySet<string>>,
  granted: ReadonlySet<string>,
  personalData: ReadonlyMap<string, string>,
  fieldSetsRefused: boolean,
): { code: string; message: string; node: ASTNode | undefined }[] {
  const problems: { code: string; message: string; node: ASTNode | undefined }[] = [];
  for (const use of fieldSetsOf(metadata)) {
    let fields: readonly FieldDefinition<CompositeType>[];
    try {
      fields = use.fields();
    } catch (error) {
      if (fieldSetsRefused) continue;
      problems.push({
        code: 'PARTNER_FIELD_SET',
        message: `${use.how} is not a field set federation can read (${(error as Error).message}); fix it so that it can be checked.`,
        node: use.node,
      });
      continue;
    }
    // Each personal-data field once, named as the field set names it (an interface field or itself).
    const reached = new Map<string, string>();
    for (const field of fields) {
      const coordinate = `${field.parent.name}.${field.name}`;
      for (const origin of reach.get(coordinate) ?? []) {
        if (!granted.has(origin) && (!reached.has(origin) || coordinate === origin)) reached.set(origin, coordinate);
      }
    }
    for (const [origin, coordinate] of reached) {
      const what = origin === coordinate ? coordinate : `${coordinate} (that is ${origin}, through ${coordinate.split('.')[0]})`;
      const owner = personalData.get(origin);
      problems.push({
        code: 'PARTNER_PERSONAL_DATA',
        message:
          (use.direction === 'send'
            ? `${use.how} takes ${what}, personal data of the ${owner} subgraph (@policy(personal_data)): the gateway would send it to ${partner}. `
            : `${use.how} provides ${what}, personal data of the ${owner} subgraph (@policy(personal_data)): ${partner} would answer it in place of its owner. `) +
          `Remove it, or have its owners grant it: personalDataGrants: ["${origin}"] in ${partner}'s entry of subgraphs/subgraph-list.ts.`,
        node: use.node,
      });
    }
  }
  return problems;
}

/**
 * The same personal-data check on the composed supergraph, as the gateway's query planner will read
 * it: each partner's field sets as federation extracts them from the supergraph's join directives.
 * A second look, independent of how the partner's SDL spelled them.
 */
export function checkComposedSupergraph(supergraphSdl: string, subgraphs: readonly PolicySubgraph[]): string[] {
  const personal = personalDataFields(subgraphs.filter((s) => !s.partner));
  const extracted = [...Supergraph.build(supergraphSdl, { supportedFeatures: null }).subgraphs()].map(
    (subgraph): Built => ({ subgraph, metadata: subgraph.metadata(), errors: [] }),
  );
  const reach = personalDataReach(personal, extracted);
  const problems: string[] = [];
  for (const partner of subgraphs) {
    if (!partner.partner) continue;
    const metadata = extracted.find((b) => b.subgraph!.name === partner.name)?.metadata;
    if (!metadata) continue; // not in this supergraph (switched off)
    for (const problem of personalDataTaken(partner.name, metadata, reach, new Set(partner.partner.personalDataGrants ?? []), personal, false)) {
      problems.push(`${problem.code}: [${partner.name}] in the composed supergraph, ${problem.message}`);
    }
  }
  return problems;
}

/** Top-level field names of a key, e.g. "id" or "id region { code }" → id, region. */
function topLevelFields(key: Directive<never, { fields: unknown }>, type: CompositeType): string[] {
  try {
    return collectTargetFields({ parentType: type, directive: key as never, includeInterfaceFieldsImplementations: false, validate: true })
      .filter((field) => field.parent.name === type.name)
      .map((field) => field.name);
  } catch {
    return []; // refused as PARTNER_FIELD_SET above
  }
}
