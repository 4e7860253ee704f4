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
 *   answer for it, e.g. a different `Person.name`).
 * - PARTNER_OVERRIDE: it never uses `@override` (it would take a field away from its owner).
 * - PARTNER_PERSONAL_DATA: fields a core SDL marks `@policy(policies: [["personal_data"]])` never
 *   reach it through `@key`, `@requires` or `@provides` unless the list grants that field.
 */
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
  type InterfaceTypeDefinitionNode,
  type InterfaceTypeExtensionNode,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  type ASTNode,
  type SelectionSetNode,
  type TypeNode,
} from 'graphql';
import { sharedTypeNames } from '../subgraphs/shared/shared-types.js';
import type { PartnerPolicy } from '../subgraphs/subgraph-list.js';

/** The core entities partners may add fields to. */
export const SHARED_ENTITIES: readonly string[] = ['Person', 'Employer', 'JobPosting', 'CooperationProgram'];

/** The `@policy` name that marks personal data in core SDL files. */
export const PERSONAL_DATA_POLICY = 'personal_data';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

export interface PolicySubgraph {
  readonly name: string;
  readonly typeDefs: DocumentNode;
  /** Present for partner subgraphs only: core subgraphs are the reference the rules check against. */
  readonly partner?: PartnerPolicy;
}

type FieldsOwner = ObjectTypeDefinitionNode | ObjectTypeExtensionNode | InterfaceTypeDefinitionNode | InterfaceTypeExtensionNode;

const isFieldsOwner = (d: DefinitionNode): d is FieldsOwner =>
  d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION || d.kind === Kind.INTERFACE_TYPE_DEFINITION || d.kind === Kind.INTERFACE_TYPE_EXTENSION;

const directive = (node: { directives?: readonly ConstDirectiveNode[] }, name: string) => node.directives?.filter((d) => d.name.value === name) ?? [];

const stringArgument = (d: ConstDirectiveNode, name: string) => {
  const value = d.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
};

const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

const fieldSet = (fields: string): SelectionSetNode => {
  const operation = parse(`{ ${fields} }`).definitions[0];
  if (operation?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`Not a field set: ${fields}`);
  return operation.selectionSet;
};

/** Top-level field names of a field set, e.g. "id" or "id region { code }" → id, region. */
const topLevelFields = (fields: string) => fieldSet(fields).selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));

const where = (node: ASTNode): string => (node.loc ? ` (at ${node.loc.source.name}:${node.loc.startToken.line})` : '');

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** What the core subgraphs define: who resolves which field, which fields are personal data, field types. */
interface CoreIndex {
  readonly types: Map<string, string>;
  readonly resolvedFields: Map<string, string>;
  readonly personalData: Map<string, string>;
  readonly fieldTypes: Map<string, string>;
}

function indexCore(subgraphs: readonly PolicySubgraph[]): CoreIndex {
  const shared = sharedTypeNames();
  const index: CoreIndex = { types: new Map(), resolvedFields: new Map(), personalData: new Map(), fieldTypes: new Map() };
  for (const subgraph of subgraphs) {
    for (const definition of subgraph.typeDefs.definitions) {
      if (!('name' in definition) || !definition.name || shared.has(definition.name.value)) continue;
      const type = definition.name.value;
      if (subgraph.partner) {
        // Partners' field types too: a field set may walk through a partner type.
        if (isFieldsOwner(definition)) for (const f of definition.fields ?? []) index.fieldTypes.set(`${type}.${f.name.value}`, namedType(f.type));
        continue;
      }
      if (!index.types.has(type)) index.types.set(type, subgraph.name);
      if (!isFieldsOwner(definition)) continue;
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        index.fieldTypes.set(coordinate, namedType(field.type));
        if (directive(field, 'external').length === 0 && !index.resolvedFields.has(coordinate)) index.resolvedFields.set(coordinate, subgraph.name);
        const personal = directive(field, 'policy').some((p) => JSON.stringify(p.arguments ?? []).includes(`"${PERSONAL_DATA_POLICY}"`));
        if (personal) index.personalData.set(coordinate, subgraph.name);
      }
    }
  }
  return index;
}

/** Every personal-data field a field set on `type` selects, nested selections included. */
function personalDataIn(selection: SelectionSetNode, type: string, core: CoreIndex): string[] {
  return selection.selections.flatMap((s) => {
    if (s.kind !== Kind.FIELD) return [];
    const coordinate = `${type}.${s.name.value}`;
    const nested = s.selectionSet ? personalDataIn(s.selectionSet, core.fieldTypes.get(coordinate) ?? '', core) : [];
    return [...(core.personalData.has(coordinate) ? [coordinate] : []), ...nested];
  });
}

/** The types and fields a partner adds to the API: what switching it off removes. */
export function partnerContributions(subgraph: PolicySubgraph, coreSubgraphs: readonly PolicySubgraph[]): Set<string> {
  const core = indexCore(coreSubgraphs);
  const shared = sharedTypeNames();
  const contributed = new Set<string>();
  for (const definition of subgraph.typeDefs.definitions) {
    if (!('name' in definition) || !definition.name || shared.has(definition.name.value)) continue;
    const type = definition.name.value;
    if (!core.types.has(type) && !ROOT_TYPES.has(type)) {
      contributed.add(type);
      continue;
    }
    if (!isFieldsOwner(definition)) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${type}.${field.name.value}`;
      if (directive(field, 'external').length === 0 && !core.resolvedFields.has(coordinate)) contributed.add(coordinate);
    }
  }
  return contributed;
}

/** Every rule each partner subgraph breaks, as `CODE: [name] message (at file:line)`; empty when all keep them. */
export function checkPartnerPolicy(subgraphs: readonly PolicySubgraph[]): string[] {
  const core = indexCore(subgraphs.filter((s) => !s.partner));
  // Partner field types too, for field sets that walk through a partner's own types.
  const withPartners = indexCore(subgraphs);
  const walkTypes: CoreIndex = { ...core, fieldTypes: new Map([...withPartners.fieldTypes, ...core.fieldTypes]) };
  const shared = sharedTypeNames();
  const problems: string[] = [];
  for (const subgraph of subgraphs) {
    if (!subgraph.partner) continue;
    const { namespace } = subgraph.partner;
    const fieldPrefix = lowerFirst(namespace);
    const granted = new Set(subgraph.partner.personalDataGrants ?? []);
    const refuse = (code: string, message: string, node: ASTNode) => problems.push(`${code}: [${subgraph.name}] ${message}${where(node)}`);

    for (const grant of granted) {
      if (!core.personalData.has(grant)) {
        problems.push(
          `PARTNER_PERSONAL_DATA: [${subgraph.name}] personalDataGrants names ${grant}, which is not a personal-data field; the personal-data fields are ${[...core.personalData.keys()].join(', ')}.`,
        );
      }
    }

    const checkFieldSet = (fields: string, onType: string, how: string, node: ASTNode) => {
      for (const coordinate of personalDataIn(fieldSet(fields), onType, walkTypes)) {
        if (granted.has(coordinate)) continue;
        refuse(
          'PARTNER_PERSONAL_DATA',
          `${how} takes ${coordinate}, personal data of the ${core.personalData.get(coordinate)} subgraph (@policy(personal_data)): the gateway would send it to ${subgraph.name}. ` +
            `Remove it, or have its owners grant it: personalDataGrants: ["${coordinate}"] in ${subgraph.name}'s entry of subgraphs/subgraph-list.ts.`,
          node,
        );
      }
    };

    for (const definition of subgraph.typeDefs.definitions) {
      if (!('name' in definition) || !definition.name || shared.has(definition.name.value)) continue;
      const type = definition.name.value;
      const keys = isFieldsOwner(definition) ? directive(definition, 'key') : [];
      for (const key of keys) checkFieldSet(stringArgument(key, 'fields') ?? '', type, `@key(fields: "${stringArgument(key, 'fields')}") on ${type}`, key);
      const keyFields = new Set(keys.flatMap((key) => topLevelFields(stringArgument(key, 'fields') ?? '')));

      if (isFieldsOwner(definition)) {
        for (const field of definition.fields ?? []) {
          const coordinate = `${type}.${field.name.value}`;
          for (const override of directive(field, 'override')) {
            refuse(
              'PARTNER_OVERRIDE',
              `${coordinate} uses @override(from: "${stringArgument(override, 'from')}"): a partner subgraph may not take a field away from the subgraph that owns it. Add a field of your own named ${fieldPrefix}… instead.`,
              override,
            );
          }
          for (const requires of directive(field, 'requires')) checkFieldSet(stringArgument(requires, 'fields') ?? '', type, `@requires on ${coordinate}`, requires);
          for (const provides of directive(field, 'provides')) checkFieldSet(stringArgument(provides, 'fields') ?? '', namedType(field.type), `@provides on ${coordinate}`, provides);
        }
      }

      if (ROOT_TYPES.has(type)) {
        if (!isFieldsOwner(definition)) continue;
        for (const field of definition.fields ?? []) {
          if (field.name.value.startsWith(fieldPrefix)) continue;
          refuse('PARTNER_NAMESPACE', `${type}.${field.name.value} must start with "${fieldPrefix}": a partner's root fields carry its namespace (e.g. ${fieldPrefix}${field.name.value.charAt(0).toUpperCase()}${field.name.value.slice(1)}).`, field);
        }
        continue;
      }

      if (!core.types.has(type)) {
        if (!type.startsWith(namespace)) {
          refuse('PARTNER_NAMESPACE', `type ${type} must start with "${namespace}": a partner's own types carry its namespace (e.g. ${namespace}${type}).`, definition);
        }
        continue;
      }

      // A core type: fields may be added to the shared entities only, and never a core field redefined.
      if (!isFieldsOwner(definition)) {
        refuse('PARTNER_EXTENDS_CORE_TYPE', `${type} belongs to the ${core.types.get(type)} subgraph; a partner may not redefine it. Name your own type ${namespace}${type}.`, definition);
        continue;
      }
      const sharedEntity = SHARED_ENTITIES.includes(type);
      for (const field of definition.fields ?? []) {
        const coordinate = `${type}.${field.name.value}`;
        if (directive(field, 'external').length > 0 || keyFields.has(field.name.value)) continue;
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
          refuse('PARTNER_NAMESPACE', `${coordinate} must start with "${fieldPrefix}": fields a partner adds to a shared entity carry its namespace, so two provinces never collide.`, field);
        }
      }
    }
  }
  return problems;
}
