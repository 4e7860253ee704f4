import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listedSubgraphs, runCompose, switchedOffSubgraphs } from '../../gateway/composition/compose.js';
import { disabledSubgraphs, externalPartnerList, routedSubgraphs } from '../../subgraphs/subgraph-list.js';
import { at, compose, importing, onPerson, scratchFiles, today, withShanxi } from '../support/partner-sdl.js';

describe('npm run compose: the partner policy', () => {
  it('accepts the Shanxi subgraph as it is', () => {
    expect(compose(listedSubgraphs()).exitCode).toBe(0);
  });

  it('refuses a partner type outside its namespace (PARTNER_NAMESPACE)', () => {
    const outcome = compose(withShanxi((sdl) => `${sdl}\ntype LaborCompanyNote { text: String! }\n`));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toBe('Refused by the partner policy with 1 problem(s) (PARTNERS.md explains each):');
    expect(outcome.lines[1]).toMatch(
      new RegExp(
        `^  - PARTNER_NAMESPACE: \\[shanxi\\] type LaborCompanyNote must start with "Shanxi": a partner's own types carry its namespace \\(e\\.g\\. ShanxiLaborCompanyNote\\)\\. ${at}$`,
      ),
    );
  });

  it('refuses root fields and fields on shared entities outside its namespace (PARTNER_NAMESPACE)', () => {
    const outcome = compose(
      withShanxi((sdl) => onPerson('  socialInsuranceNumber: String')(sdl.replace('  shanxiLaborCompany(id: ID!)', '  laborCompany(id: ID!)'))),
    );
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_NAMESPACE: \\[shanxi\\] Query\\.laborCompany must start with "shanxi": a partner's root fields carry its namespace \\(e\\.g\\. shanxiLaborCompany\\)\\. ${at}$`,
        ),
      ),
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_NAMESPACE: \\[shanxi\\] Person\\.socialInsuranceNumber must start with "shanxi": fields a partner adds to a shared entity carry its namespace, so two provinces never collide\\. ${at}$`,
        ),
      ),
    ]);
  });

  it('refuses @override of a field a core subgraph owns (PARTNER_OVERRIDE)', () => {
    const outcome = compose(withShanxi((sdl) => onPerson('  phone: String! @override(from: "people")')(importing('@override')(sdl))));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_OVERRIDE: \\[shanxi\\] Person\\.phone uses @override\\(from: "people"\\): a partner subgraph may not take a field away from the subgraph that owns it\\. Add a field of your own named shanxi… instead\\. ${at}$`,
        ),
      ),
    );
  });

  it.each([
    ['plainly', '  name: String!'],
    ['as @shareable', '  name: String! @shareable'],
  ])('refuses redefining a field a core subgraph resolves, %s (PARTNER_REDEFINES_CORE_FIELD)', (_, field) => {
    const outcome = compose(withShanxi((sdl) => onPerson(field)(sdl.replace('import: ["@key", "@shareable",', 'import: ["@key", "@shareable",'))));
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_REDEFINES_CORE_FIELD: \\[shanxi\\] Person\\.name is resolved by the people subgraph; a partner may not define it again\\. Mark it @external if you only need it in @requires, or add a field of your own named shanxi…\\. ${at}$`,
        ),
      ),
    ]);
  });

  it('refuses fields on core types other than the shared entities (PARTNER_EXTENDS_CORE_TYPE)', () => {
    const outcome = compose(withShanxi((sdl) => `${sdl}\ntype Household @key(fields: "id") {\n  id: ID!\n  shanxiCompany: ShanxiLaborCompany\n}\n`));
    expect(outcome.lines.slice(1)).toEqual([
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_EXTENDS_CORE_TYPE: \\[shanxi\\] Household\\.shanxiCompany: a partner may add fields only to the shared entities Person, Employer, JobPosting, CooperationProgram; Household belongs to the people subgraph \\(reference it by its key only\\)\\. ${at}$`,
        ),
      ),
    ]);
  });

  it.each([
    ['@requires', onPerson('  idNumber: String! @external\n  shanxiIdCheck: Boolean @requires(fields: "idNumber")'), '@requires on Person\\.shanxiIdCheck'],
    [
      '@key',
      (sdl: string) =>
        sdl.replace(
          'type Person @key(fields: "id") {\n  id: ID!\n',
          'type Person @key(fields: "id") @key(fields: "phone") {\n  id: ID!\n  phone: String! @external\n',
        ),
      '@key\\(fields: "phone"\\) on Person',
    ],
  ])('refuses personal data reaching the partner through %s (PARTNER_PERSONAL_DATA)', (_, edit, how) => {
    const outcome = compose(withShanxi(edit));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `^  - PARTNER_PERSONAL_DATA: \\[shanxi\\] ${how} takes Person\\.(idNumber|phone), personal data of the people subgraph \\(@policy\\(personal_data\\)\\): the gateway would send it to shanxi\\. Remove it, or have its owners grant it: personalDataGrants: \\["Person\\.(idNumber|phone)"\\] in shanxi's entry of subgraphs/subgraph-list\\.ts\\. ${at}$`,
        ),
      ),
    );
  });

  it('lets a granted personal-data field through @requires, and refuses a grant of a field that is not personal data', () => {
    // Federation also makes the field carry the auth requirements of what it requires.
    const requiresIdNumber = (sdl: string) =>
      onPerson(
        '  idNumber: String! @external\n  shanxiIdCheck: Boolean @requires(fields: "idNumber") @policy(policies: [["personal_data"]]) @requiresScopes(scopes: [["people:read"]])',
      )(importing('@policy')(sdl));
    const granted = compose(withShanxi(requiresIdNumber, { personalDataGrants: ['Person.idNumber'] }));
    expect(granted.exitCode).toBe(0);
    expect(granted.supergraph).toMatch(/shanxiIdCheck: Boolean @join__field\(graph: SHANXI, requires: "idNumber"\) .*@policy/);
    const wrongGrant = compose(withShanxi(requiresIdNumber, { personalDataGrants: ['Person.name'] }));
    expect(wrongGrant.lines).toContain(
      '  - PARTNER_PERSONAL_DATA: [shanxi] personalDataGrants names Person.name, which is not a personal-data field; the personal-data fields are Person.idNumber, Person.phone.',
    );
  });

  it('refuses a breaking change to fields a partner already serves, as for any subgraph', () => {
    const outcome = compose(withShanxi((sdl) => sdl.replace('  placedWithEmployerName: String!\n', '')));
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines).toContain('  - FIELD_REMOVED: ShanxiLaborContract.placedWithEmployerName was removed.');
  });
});

describe('the kill switch', () => {
  it('DISABLED_SUBGRAPHS=shanxi composes without Shanxi, and its removal needs no --allow-breaking', () => {
    const env = { DISABLED_SUBGRAPHS: 'shanxi' };
    expect(routedSubgraphs(env).map((s) => s.name)).not.toContain('shanxi');
    const files = scratchFiles();
    const outcome = runCompose([], listedSubgraphs('local', env), files, today, switchedOffSubgraphs(env));
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines).toContain('Removed with the switched-off partner subgraph shanxi: FIELD_REMOVED: Person.shanxiLaborContracts was removed.');
    expect(outcome.lines).toContain('Removed with the switched-off partner subgraph shanxi: TYPE_REMOVED: ShanxiLaborCompany was removed.');
    expect(outcome.lines.at(-1)).toBe('Composed 3 subgraph(s) (people, employers, programs) into gateway/supergraph.graphql; switched off: shanxi.');
    const supergraph = readFileSync(files.supergraphFile, 'utf8');
    expect(supergraph).not.toMatch(/graph: SHANXI\b|SHANXI @join__graph/);
    expect(supergraph).not.toContain('shanxi');
  });

  it('enabled: false in the list switches a partner off too', () => {
    const entries = externalPartnerList.map((e) => ({ ...e, partner: { ...e.partner, enabled: false } }));
    expect([...disabledSubgraphs({}, entries)]).toEqual(['shanxi']);
  });

  it('refuses to switch off a core subgraph or one that is not in the list', () => {
    expect(() => disabledSubgraphs({ DISABLED_SUBGRAPHS: 'people' })).toThrow(
      'DISABLED_SUBGRAPHS names "people", a core subgraph: only partner subgraphs have a kill switch.',
    );
    expect(() => disabledSubgraphs({ DISABLED_SUBGRAPHS: 'shanxii' })).toThrow(
      'DISABLED_SUBGRAPHS names "shanxii", which is not in the subgraph list (people, employers, programs, shanxi).',
    );
  });
});
