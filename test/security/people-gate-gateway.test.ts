/**
 * The gateway half of the people rule (subgraphs/people/field-access.ts, mirrored in the SDL): an
 * employer reaching people through its postings' hires reads only the fields it needs, a partner
 * user only the key, a token without a role nothing; the gateway refuses the rest before calling any
 * subgraph. The real gateway on the checked-in supergraph, the real subgraphs, the shared demo data.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoEmployers } from '../../scripts/demo/employers.js';
import { generateProgramsDemo } from '../../scripts/demo/programs.js';
import type { GraphQLResponse } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
const subgraphCalls: string[] = [];

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true, onSubgraphRequest: (name) => subgraphCalls.push(name) });
});

// A demo posting with hires (the programs demo's placements past HIRED), and the employer that posted it.
const employers = generateDemoEmployers();
const hire = generateProgramsDemo(employers).hires[0]!;
const postingId = hire.postingId;
const employerId = employers.postings.find((p) => p.id === postingId)!.employerId;
const ITS_EMPLOYER = () => ({ roles: ['employer' as const], employerId, subject: 'recruiter' });
/** The posting's hires, with `selection` of each hired person. */
const hiresOf = (selection: string) => /* GraphQL */ `
  query ($id: ID!) { jobPosting(id: $id) { title hires { person { ${selection} } } } }
`;

async function refusedEarly(response: GraphQLResponse, field: string, needs: RegExp) {
  expect(response.data ?? null).toBeNull();
  expect(response.errors!.map((e) => e.extensions?.code)).toContain('UNAUTHORIZED_FIELD_OR_TYPE');
  const error = response.errors!.find((e) => e.message.includes(field))!;
  expect(error.message).toMatch(needs);
  expect(subgraphCalls).toEqual([]);
}

describe('people reached through another entity, at the gateway', () => {
  it.each([
    ['povertyRegistered', 'Person.povertyRegistered'],
    ['birthYear', 'Person.birthYear'],
    ['employmentRegistrations { employerName }', 'Person.employmentRegistrations'],
    ['household { members { name } }', 'Person.household'],
    ['idNumber', 'Person.idNumber'],
  ])("refuses an employer its own hires' %s before any subgraph is called", async (selection, coordinate) => {
    subgraphCalls.length = 0;
    const response = await system.executeAs(ITS_EMPLOYER())(hiresOf(`name ${selection}`), { id: postingId });
    await refusedEarly(response, coordinate, /needs the scope people:read \(roles caseworker, program_officer, admin\)/);
  });

  it("answers an employer its own hires' name, gender, skills, hometown and job intention", async () => {
    const response = await system.executeAs(ITS_EMPLOYER())(hiresOf('id name gender skills hometown { code } jobIntention { occupations }'), { id: postingId });
    expect(response.errors).toBeUndefined();
    const people = response.data.jobPosting.hires.map((h: { person: Record<string, unknown> }) => h.person);
    expect(people).toContainEqual(expect.objectContaining({ id: hire.personId }));
    for (const person of people) expect(Object.keys(person).sort()).toEqual(['gender', 'hometown', 'id', 'jobIntention', 'name', 'skills']);
  });

  it("refuses an employer postings recommended to its own hires: they follow from the person's skills and intention (people:read)", async () => {
    subgraphCalls.length = 0;
    const response = await system.executeAs(ITS_EMPLOYER())(hiresOf('name recommendedPostings(first: 1) { posting { title } }'), { id: postingId });
    await refusedEarly(response, 'Person.recommendedPostings', /needs the scope people:read \(roles caseworker, program_officer, admin\)/);
  });

  it("refuses a partner user who was hired, even by id: hires are for people:read and the posting's own employer", async () => {
    const partner = system.executeAs({ roles: ['partner'], subject: 'shanxi-user' });
    subgraphCalls.length = 0;
    await refusedEarly(
      await partner(hiresOf('id'), { id: postingId }),
      'JobPosting.hires',
      /needs the scope people:read .*, or the scope candidates:read \(roles employer\)/,
    );
  });

  it('refuses a signed-in caller without a role even the id', async () => {
    subgraphCalls.length = 0;
    const response = await system.executeAs({ roles: [], subject: 'nobody' })(hiresOf('id'), { id: postingId });
    await refusedEarly(response, 'JobPosting.hires', /needs the scope people:read .*, or the scope candidates:read \(roles employer\)/);
  });
});
