/**
 * Who may read which field of the people subgraph: the one statement of the rule. The resolvers
 * enforce it on every path (root fields, `_entities`, nested fields) by wrapping each field of the
 * types below (`guardFields`, applied in schema.ts), and the SDL mirrors it with `@requiresScopes`
 * so the gateway refuses early (test/unit/people-field-access.test.ts holds the two equal). Either
 * gate alone leaks nothing.
 *
 * Readers, each a scope of subgraphs/shared/auth/caller.ts:
 * - `people`   (people:read: caseworker, program_officer, admin): every field. Whole ID and phone
 *   numbers still only for the hometown province's staff and admins (`mayReadPersonalData`).
 * - `employer` (candidates:read: employer): what an employer needs about its hires and candidates
 *   — who they are (id, name, gender), what they can do (skills) and want (jobIntention), and where
 *   from (hometown, which also drives the employers subgraph's wage-uplift ranking). Never poverty
 *   status, household, birth year, employment history or ID/phone. *Which* people an employer
 *   reaches (its own postings' hires and candidates) the employers and programs subgraphs decide;
 *   it has no root field here.
 * - `partner`  (partner:read: partner-province users): the key only. A partner's grant is what its
 *   entry in subgraphs/subgraph-list.ts names (`personalDataGrants`), and those are granted to the
 *   partner *subgraph* at composition, never to a user holding the partner role; a partner user who
 *   needs more about a person asks a caseworker of the person's province.
 * Anyone else — an anonymous caller, a token with no role — reads nothing: UNAUTHENTICATED without
 * a subject, FORBIDDEN with one.
 */
import { defaultFieldResolver, GraphQLError, isObjectType, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import { hasScope, ROLE_SCOPES, ROLES, type Caller } from '../shared/auth/caller.js';

export const READER_SCOPES = {
  people: 'people:read',
  employer: 'candidates:read',
  partner: 'partner:read',
} as const;

export type Reader = keyof typeof READER_SCOPES;

/** Anyone the gateway vouches for, anonymous included (reference data such as regions). */
export const PUBLIC = 'public';
export type FieldRule = readonly Reader[] | typeof PUBLIC;

const STAFF: FieldRule = ['people'];
const HIRING: FieldRule = ['people', 'employer'];
const KEY: FieldRule = ['people', 'employer', 'partner'];

/** Type → field → who reads it. Every field of these types must be here: schema.ts refuses to start otherwise. */
export const FIELD_READERS = {
  Query: {
    person: STAFF,
    personByIdNumber: STAFF,
    people: STAFF,
    household: STAFF,
    region: PUBLIC,
  },
  Person: {
    id: KEY,
    name: HIRING,
    gender: HIRING,
    skills: HIRING,
    hometown: HIRING,
    jobIntention: HIRING,
    birthYear: STAFF,
    povertyRegistered: STAFF,
    household: STAFF,
    employmentStatus: STAFF,
    employmentRegistrations: STAFF,
    idNumber: STAFF,
    phone: STAFF,
    version: STAFF,
    createdAt: STAFF,
    updatedAt: STAFF,
  },
  Household: {
    id: STAFF,
    region: STAFF,
    povertyStatus: STAFF,
    members: STAFF,
    version: STAFF,
    createdAt: STAFF,
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, FieldRule>>>>;

export type GuardedType = keyof typeof FIELD_READERS;

/** The readers `caller` counts as. */
export const readersOf = (caller: Caller): Reader[] => (Object.keys(READER_SCOPES) as Reader[]).filter((reader) => hasScope(caller, READER_SCOPES[reader]));

const mayRead = (caller: Caller, rule: FieldRule) => rule === PUBLIC || readersOf(caller).some((reader) => rule.includes(reader));

const rolesWith = (scope: string) => ROLES.filter((role) => ROLE_SCOPES[role].includes(scope));

/** The fields of `type` that `reader` may read, for messages. */
const fieldsFor = (type: GuardedType, reader: Reader) =>
  Object.entries(FIELD_READERS[type])
    .filter(([, rule]) => rule !== PUBLIC && (rule as readonly Reader[]).includes(reader))
    .map(([field]) => field);

function refusal(caller: Caller, coordinate: string, type: GuardedType, rule: Exclude<FieldRule, typeof PUBLIC>): GraphQLError {
  const needs = rule.map((reader) => `the ${READER_SCOPES[reader]} scope (roles ${rolesWith(READER_SCOPES[reader]).join(', ')})`).join(' or ');
  const held = readersOf(caller);
  const sees = held.length
    ? ` Your roles (${caller.roles.join(', ')}) read only ${type}.${[...new Set(held.flatMap((reader) => fieldsFor(type, reader)))].join(', ')}.`
    : caller.subject
      ? ' Your token has no role that reads people.'
      : ' Send a token (sign in).';
  return new GraphQLError(`${coordinate} needs ${needs}.${sees}`, {
    extensions: { code: caller.subject ? 'FORBIDDEN' : 'UNAUTHENTICATED' },
  });
}

/** Throws the refusal unless `caller` may read `type.field`. */
export function requireFieldAccess(caller: Caller, type: GuardedType, field: string): void {
  const rule = (FIELD_READERS[type] as Readonly<Record<string, FieldRule>>)[field];
  if (rule === undefined) throw new Error(`${type}.${field} has no rule in subgraphs/people/field-access.ts.`);
  if (!mayRead(caller, rule)) throw refusal(caller, `${type}.${field}`, type, rule as Exclude<FieldRule, typeof PUBLIC>);
}

/**
 * Refuses an entity reference (`_entities`) of `type` to a caller who may read none of its fields:
 * then even "this id exists" is not answered.
 */
export function requireEntityAccess(caller: Caller, type: Exclude<GuardedType, 'Query'>): void {
  const rules = Object.values(FIELD_READERS[type]) as FieldRule[];
  if (rules.some((rule) => mayRead(caller, rule))) return;
  const union = [...new Set(rules.flatMap((rule) => (rule === PUBLIC ? [] : rule)))];
  throw refusal(caller, type, type, union);
}

/**
 * Wraps the resolver of every field of the guarded types with its rule, in place (the schema's
 * field objects are what execution calls). A field without a rule, or a rule without a field, is a
 * programming error caught when the schema is built, so a field added to the SDL cannot go unguarded.
 */
export function guardFields<TContext extends { readonly caller: Caller }>(schema: GraphQLSchema): GraphQLSchema {
  for (const [typeName, rules] of Object.entries(FIELD_READERS) as [GuardedType, Readonly<Record<string, FieldRule>>][]) {
    const type = schema.getType(typeName);
    if (!isObjectType(type)) throw new Error(`field-access.ts guards ${typeName}, which the people schema does not define as an object type.`);
    const fields = type.getFields();
    for (const name of Object.keys(rules)) {
      if (!fields[name]) throw new Error(`field-access.ts has a rule for ${typeName}.${name}, which the people schema does not define.`);
    }
    for (const field of Object.values(fields)) {
      if (typeName === 'Query' && field.name.startsWith('_')) continue; // _entities and _service: federation's own, guarded by __resolveReference and the gateway token
      if (rules[field.name] === undefined) throw new Error(`${typeName}.${field.name} has no rule in subgraphs/people/field-access.ts: say who may read it.`);
      const resolve: GraphQLFieldResolver<unknown, TContext> = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        requireFieldAccess(context.caller, typeName, field.name);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}
