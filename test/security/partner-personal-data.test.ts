/**
 * Issue 16, item 4: a partner subgraph must not obtain personal data (`@policy(personal_data)` in a
 * core SDL: Person.idNumber, Person.phone) through any field-set shape, nor answer for it, unless
 * its entry in subgraphs/subgraph-list.ts grants that field. Each shape is a province's SDL as its
 * pull request would bring it, run through `npm run compose` (runCompose) with the real subgraphs.
 */
import { readFileSync } from 'node:fs';
import { parse, visit } from 'graphql';
import { describe, expect, it } from 'vitest';
import { listedSubgraphs, SUPERGRAPH_FILE } from '../../gateway/composition/compose.js';
import { POLICIES } from '../../gateway/auth/client-auth.js';
import { buildSubgraph, collectUsedFields } from '@apollo/federation-internals';
import { checkComposedSupergraph, checkPartnerPolicy, fieldSetSelections, personalDataFields } from '../../gateway/composition/partner-policy.js';
import { PERSONAL_DATA_POLICY } from '../../gateway/auth/personal-data.js';
import { at, compose, importing, importingAs, onPerson, PEOPLE_SDL, typeDefsOf, withShanxi } from '../support/partner-sdl.js';

const personalData = '@policy(policies: [["personal_data"]])';
/** Federation makes a field carry the auth requirements of what it requires (the personal fields' policy and scope), so an attacker adds them. */
const carried = `@requiresScopes(scopes: [["people:read"]]) ${personalData}`;
const requiring =
  (fields: string, external = 'idNumber: String! @external') =>
  (sdl: string) =>
    onPerson(`  ${external}\n  shanxiIdCheck: Boolean @requires(fields: "${fields}") ${carried}`)(importing('@policy')(sdl));
/** @context / @fromContext came with federation 2.8. */
const fromContext = (field: string) => (sdl: string) =>
  `${importingAs('"@context", "@fromContext", "@policy", "@authenticated"')(sdl)
    .replace('federation/v2.7', 'federation/v2.8')
    .replace(
      'type Person @key(fields: "id") {\n  id: ID!\n',
      'type Person @key(fields: "id") @context(name: "worker") {\n  id: ID!\n  idNumber: String! @external\n  shanxiIdCheck: ShanxiIdCheck\n',
    )}
type ShanxiIdCheck @key(fields: "id") {
  id: ID!
  matches(idNumber: String @fromContext(field: "${field}")): Boolean @authenticated ${carried}
}
`;
const withoutPlainRequires = (sdl: string) => sdl.replace('"@external", "@requires",', '"@external",');

interface Shape {
  readonly name: string;
  readonly edit: (sdl: string) => string;
  readonly editPeople?: (sdl: string) => string;
  /** The refusal expected, after `PARTNER_PERSONAL_DATA: [shanxi] `. */
  readonly refusal: string;
  readonly field: 'Person.idNumber' | 'Person.phone';
  /** Whether composition accepts the shape once the field is granted (else only the policy is asked). */
  readonly composesWhenGranted: boolean;
}

const sends = (how: string, what: string, field: string) =>
  `${how} takes ${what}, personal data of the people subgraph (@policy(personal_data)): the gateway would send it to shanxi. Remove it, or have its owners grant it: personalDataGrants: ["${field}"] in shanxi's entry of subgraphs/subgraph-list.ts.`;

const shapes: Shape[] = [
  {
    name: '@requires with an inline fragment on Person (the reported attack)',
    edit: requiring('... on Person { idNumber }'),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@requires with an inline fragment without a type condition',
    edit: requiring('... { idNumber }'),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@requires with fragments nested in fragments, beside a field that may be required',
    edit: (sdl) => requiring('povertyRegistered ... on Person { ... { phone } }', 'phone: String! @external')(sdl),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.phone', 'Person.phone'),
    field: 'Person.phone',
    composesWhenGranted: true,
  },
  {
    name: '@requires with the field set written in braces',
    edit: requiring('{ idNumber }'),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@requires spelled @federation__requires (not imported)',
    edit: (sdl) =>
      onPerson(`  idNumber: String! @external\n  shanxiIdCheck: Boolean @federation__requires(fields: "idNumber") ${carried}`)(
        importing('@policy')(withoutPlainRequires(sdl)),
      ).replace('@requires(fields: "povertyRegistered")', '@federation__requires(fields: "povertyRegistered")'),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@requires imported under another name',
    edit: (sdl) =>
      onPerson(`  idNumber: String! @external\n  shanxiIdCheck: Boolean @needs(fields: "idNumber") ${carried}`)(
        importingAs('{ name: "@requires", as: "@needs" }, "@policy"')(withoutPlainRequires(sdl)),
      ).replace('@requires(fields: "povertyRegistered")', '@needs(fields: "povertyRegistered")'),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@key with an inline fragment',
    edit: (sdl) =>
      sdl.replace(
        'type Person @key(fields: "id") {\n  id: ID!\n',
        'type Person @key(fields: "id") @key(fields: "... on Person { phone }") {\n  id: ID!\n  phone: String! @external\n',
      ),
    refusal: sends('@key(fields: "... on Person { phone }") on Person', 'Person.phone', 'Person.phone'),
    field: 'Person.phone',
    composesWhenGranted: true,
  },
  {
    name: '@fromContext selecting the field of a context type',
    edit: fromContext('$worker { idNumber }'),
    refusal: sends('@fromContext(field: "$worker { idNumber }") on ShanxiIdCheck.matches(idNumber:)', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@fromContext selecting through an inline fragment',
    edit: fromContext('$worker ... on Person { idNumber }'),
    refusal: sends('@fromContext(field: "$worker ... on Person { idNumber }") on ShanxiIdCheck.matches(idNumber:)', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@provides on a partner field returning Person (the partner would answer ID numbers itself)',
    edit: (sdl) =>
      importing('@provides')(sdl)
        .replace('  worker: Person!\n', '  worker: Person! @provides(fields: "... on Person { idNumber }")\n')
        .replace('type Person @key(fields: "id") {\n  id: ID!\n', 'type Person @key(fields: "id") {\n  id: ID!\n  idNumber: String! @external\n'),
    refusal:
      '@provides on ShanxiLaborContract.worker provides Person.idNumber, personal data of the people subgraph (@policy(personal_data)): shanxi would answer it in place of its owner. Remove it, or have its owners grant it: personalDataGrants: ["Person.idNumber"] in shanxi\'s entry of subgraphs/subgraph-list.ts.',
    field: 'Person.idNumber',
    // Composition then wants Person.idNumber @shareable in the people subgraph.
    composesWhenGranted: false,
  },
  {
    name: "@requires through the partner's own types, in fragments",
    edit: requiring('shanxiLaborContracts { ... on ShanxiLaborContract { worker { ... on Person { idNumber } } } }'),
    refusal: sends('@requires on Person.shanxiIdCheck', 'Person.idNumber', 'Person.idNumber'),
    field: 'Person.idNumber',
    composesWhenGranted: true,
  },
  {
    name: '@requires on an @interfaceObject, of an interface field whose implementation is personal data',
    editPeople: (sdl) =>
      `${sdl.replace('import: ["@key",', 'import: ["@key",').replace('type Person @key(fields: "id") @authenticated {', 'type Person implements Identified @key(fields: "id") @authenticated {')}
interface Identified @key(fields: "id") {
  id: ID!
  idNumber: String!
}
`,
    edit: (sdl) =>
      `${importingAs('"@interfaceObject", "@policy"')(sdl)}
type Identified @key(fields: "id") @interfaceObject {
  id: ID!
  idNumber: String! @external
  shanxiIdCheck: Boolean @requires(fields: "idNumber") ${personalData}
}
`,
    refusal: sends('@requires on Identified.shanxiIdCheck', 'Identified.idNumber (that is Person.idNumber, through Identified)', 'Person.idNumber'),
    field: 'Person.idNumber',
    // Identified is no shared entity: PARTNER_EXTENDS_CORE_TYPE refuses the field as well.
    composesWhenGranted: false,
  },
];

describe('npm run compose refuses personal data reaching a partner in any field-set shape', () => {
  it.each(shapes)('$name', ({ edit, editPeople, refusal }) => {
    const outcome = compose(withShanxi(edit, {}, editPeople));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toMatch(/^Refused by the partner policy with \d+ problem\(s\) \(PARTNERS\.md explains each\):$/);
    const escaped = refusal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    expect(outcome.lines.filter((line) => line.includes('PARTNER_PERSONAL_DATA'))).toEqual([
      expect.stringMatching(new RegExp(`^  - PARTNER_PERSONAL_DATA: \\[shanxi\\] ${escaped} ${at}$`)),
    ]);
  });

  it.each(shapes)('lets the same shape through once the field is granted: $name', ({ edit, editPeople, field, composesWhenGranted }) => {
    const subgraphs = withShanxi(edit, { personalDataGrants: [field] }, editPeople);
    expect(checkPartnerPolicy(subgraphs).filter((problem) => problem.startsWith('PARTNER_PERSONAL_DATA'))).toEqual([]);
    if (composesWhenGranted) expect(compose(subgraphs).exitCode).toBe(0);
  });
});

describe('the policy walks the field sets federation walks', () => {
  // Federation's collectUsedFields (what EXTERNAL_UNUSED is decided on) also counts fields that
  // implement an interface field; the field sets' own selections are the rest.
  const federationSelections = (subgraph: { name: string; typeDefs: Parameters<typeof buildSubgraph>[2] }) => {
    const built = buildSubgraph(subgraph.name, '', subgraph.typeDefs);
    const interfaceFields = new Set(
      built.schema.interfaceTypes().flatMap((itf) => itf.possibleRuntimeTypes().flatMap((type) => itf.fields().map((field) => `${type.name}.${field.name}`))),
    );
    const used = [...collectUsedFields(built.metadata())].map((field) => field.coordinate);
    return { used: new Set(used), interfaceFields };
  };

  it.each([
    ...listedSubgraphs().map((s) => ({ name: `the listed ${s.name} subgraph`, subgraph: s })),
    ...shapes
      .filter((shape) => shape.composesWhenGranted)
      .map((shape) => ({ name: shape.name, subgraph: withShanxi(shape.edit, {}, shape.editPeople).find((s) => s.name === 'shanxi')! })),
  ])('$name', ({ subgraph }) => {
    const ours = fieldSetSelections(subgraph);
    const { used, interfaceFields } = federationSelections(subgraph);
    expect([...ours].filter((coordinate) => !used.has(coordinate))).toEqual([]);
    expect([...used].filter((coordinate) => !ours.has(coordinate) && !interfaceFields.has(coordinate))).toEqual([]);
    expect(ours.size).toBeGreaterThan(0);
  });
});

describe('npm run compose refuses a partner taking over personal data', () => {
  // A directive of its own named @external, with federation's imported under other names: a
  // check that read directive names would take the field for an external one.
  const disguised = (field: string) => (sdl: string) =>
    `${importingAs('{ name: "@external", as: "@fedExternal" }, { name: "@override", as: "@takeover" }, "@policy"')(
      sdl.replace('"@external", "@requires",', '"@requires",'),
    )
      .replace('povertyRegistered: Boolean! @external', 'povertyRegistered: Boolean! @fedExternal')
      .replace('type Person @key(fields: "id") {\n  id: ID!\n', `type Person @key(fields: "id") {\n  id: ID!\n  ${field}\n`)}
directive @external on FIELD_DEFINITION
`;

  it('@override imported under another name, behind a look-alike @external (PARTNER_OVERRIDE)', () => {
    const outcome = compose(withShanxi(disguised(`phone: String! @external @takeover(from: "people") ${personalData}`)));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_OVERRIDE: \\[shanxi\\] Person\\.phone uses @override\\(from: "people"\\): a partner subgraph may not take a field away from the subgraph that owns it\\. Add a field of your own named shanxi… instead\\. ${at}$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_REDEFINES_CORE_FIELD: \\[shanxi\\] Person\\.phone is resolved by the people subgraph; a partner may not define it again\\. .* ${at}$`,
        ),
      ),
    ]);
  });

  it('a @shareable redefinition of a personal-data field behind a look-alike @external (PARTNER_REDEFINES_CORE_FIELD)', () => {
    const outcome = compose(withShanxi(disguised(`idNumber: String! @external @shareable ${personalData}`)));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_REDEFINES_CORE_FIELD: \\[shanxi\\] Person\\.idNumber is resolved by the people subgraph; a partner may not define it again\\. Mark it @external if you only need it in @requires, or add a field of your own named shanxi…\\. ${at}$`,
        ),
      ),
    ]);
  });

  it('@composeDirective: a partner adds no directives of its own to the supergraph (PARTNER_COMPOSE_DIRECTIVE)', () => {
    const outcome = compose(
      withShanxi(
        (sdl) =>
          `${importing('@composeDirective')(sdl)
            .replace(
              'extend schema\n',
              'extend schema\n  @link(url: "https://rst.shanxi.example.cn/directives/v1.0", import: ["@shanxiMasked"])\n  @composeDirective(name: "@shanxiMasked")\n',
            )
            .replace('  placedWithEmployerName: String!\n', '  placedWithEmployerName: String! @shanxiMasked\n')}
directive @shanxiMasked on FIELD_DEFINITION
`,
      ),
    );
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_COMPOSE_DIRECTIVE: \\[shanxi\\] @composeDirective\\(name: "@shanxiMasked"\\): a partner subgraph may not add directives of its own to the supergraph, where the gateway reads its auth rules\\. Remove it\\. ${at}$`,
        ),
      ),
    ]);
  });
});

describe('npm run compose refuses a field set it cannot read (PARTNER_FIELD_SET)', () => {
  it.each([
    ['a syntax error', 'povertyRegistered {', 'Syntax Error: Expected Name, found "}"\\.'],
    [
      'an alias',
      'registered: povertyRegistered',
      'Cannot use alias "registered" in "registered: povertyRegistered": aliases are not currently supported in @requires',
    ],
  ])("%s, naming the field set, federation's reason, file and line", (_, fields, reason) => {
    const outcome = compose(withShanxi((sdl) => sdl.replace('@requires(fields: "povertyRegistered")', `@requires(fields: "${fields}")`)));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_FIELD_SET: \\[shanxi\\] On field "Person\\.shanxiSubsidyStatement", for @requires\\(fields: "${fields.replace(/[{]/g, '\\{')}"\\): ${reason} ${at}$`,
        ),
      ),
    );
  });
});

describe('the composed supergraph is checked again, as the gateway will plan from it', () => {
  const supergraph = readFileSync(SUPERGRAPH_FILE, 'utf8');
  /** The supergraph as if composition had let Shanxi require an ID number, in a fragment. */
  const tampered = supergraph
    .replace(
      'idNumber: String! @join__field(graph: PEOPLE) @requiresScopes',
      'idNumber: String! @join__field(graph: PEOPLE) @join__field(graph: SHANXI, external: true) @requiresScopes',
    )
    .replace(
      '@join__field(graph: SHANXI, requires: "povertyRegistered")',
      '@join__field(graph: SHANXI, requires: "povertyRegistered ... on Person { idNumber }")',
    );

  it('passes the checked-in supergraph', () => {
    expect(checkComposedSupergraph(supergraph, listedSubgraphs())).toEqual([]);
  });

  it('refuses a supergraph whose join directives would send a partner personal data, and passes it when the field is granted', () => {
    expect(tampered).not.toBe(supergraph);
    expect(checkComposedSupergraph(tampered, listedSubgraphs())).toEqual([
      `PARTNER_PERSONAL_DATA: [shanxi] in the composed supergraph, ${sends('@requires on Person.shanxiSubsidyStatement', 'Person.idNumber', 'Person.idNumber')}`,
    ]);
    const granted = listedSubgraphs().map((s) => (s.partner ? { ...s, partner: { ...s.partner, personalDataGrants: ['Person.idNumber'] } } : s));
    expect(checkComposedSupergraph(tampered, granted)).toEqual([]);
  });
});

describe('personal data is declared once, in the core SDL', () => {
  it('the compose check and the supergraph the gateway enforces read the same fields, and the gateway knows who holds the policy', () => {
    const core = listedSubgraphs().filter((s) => !s.partner);
    expect(Object.fromEntries(personalDataFields(core))).toEqual({ 'Person.idNumber': 'people', 'Person.phone': 'people' });
    // The gateway's directive auth (directive-auth.ts) reads @policy from the composed supergraph.
    const inSupergraph: string[] = [];
    let type = '';
    visit(parse(readFileSync(SUPERGRAPH_FILE, 'utf8')), {
      ObjectTypeDefinition: (node) => {
        type = node.name.value;
      },
      FieldDefinition: (node) => {
        const policies = node.directives?.filter((d) => d.name.value === 'policy') ?? [];
        if (policies.some((d) => JSON.stringify(d.arguments).includes(`"${PERSONAL_DATA_POLICY}"`))) inSupergraph.push(`${type}.${node.name.value}`);
      },
    });
    expect(inSupergraph).toEqual([...personalDataFields(core).keys()]);
    expect(POLICIES[PERSONAL_DATA_POLICY]).toEqual(['caseworker', 'program_officer', 'admin']);
  });

  it('refuses a @policy name no role holds, so a misspelt personal_data never drops a field from the list (POLICY_UNKNOWN)', () => {
    const people = listedSubgraphs().find((s) => s.name === 'people')!;
    const misspelt = PEOPLE_SDL.replace('@policy(policies: [["personal_data"]])\n  "Increases', '@policy(policies: [["personal-data"]])\n  "Increases');
    expect(misspelt).not.toBe(PEOPLE_SDL);
    const outcome = compose(listedSubgraphs().map((s) => (s.name === 'people' ? { ...people, typeDefs: typeDefsOf(misspelt) } : s)));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - POLICY_UNKNOWN: \\[people\\] @policy on Person\\.phone names "personal-data", which no role holds \\(POLICIES in gateway/auth/client-auth\\.ts knows personal_data\\): every caller would be refused it, and a misspelt personal_data would not count as personal data\\. Use a known policy, or add it there\\. ${at}$`,
        ),
      ),
    ]);
  });

  it('marks every field of a type, and every field returning a scalar, that carries the policy', () => {
    const people = listedSubgraphs().find((s) => s.name === 'people')!;
    const household = 'type Household @key(fields: "id") @authenticated @requiresScopes(scopes: [["people:read"]]) {';
    const phone = '  phone: String! @requiresScopes(scopes: [["people:read"]]) @policy(policies: [["personal_data"]])';
    expect(PEOPLE_SDL).toContain(household);
    expect(PEOPLE_SDL).toContain(phone);
    const typeDefs = typeDefsOf(
      `${PEOPLE_SDL.replace(household, `type Household @key(fields: "id") @authenticated @requiresScopes(scopes: [["people:read"]]) ${personalData} {`).replace(phone, '  phone: Phone!')}\nscalar Phone ${personalData}\n`,
    );
    expect([...personalDataFields([{ ...people, typeDefs }]).keys()].sort()).toEqual(
      [
        'Household.createdAt',
        'Household.id',
        'Household.members',
        'Household.povertyStatus',
        'Household.povertyStatusOn',
        'Household.region',
        'Household.registration',
        'Household.version',
        'Person.idNumber',
        'Person.phone',
      ].sort(),
    );
  });
});
