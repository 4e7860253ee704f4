/**
 * Links to people through the real gateway on the shared demo data (issue 16, item 2): the gateway
 * refuses hires and placements early to callers without people:read or candidates:read (the SDL's
 * @requiresScopes), and an employer user, whom it lets through, still gets only its own postings'
 * hires from the employers subgraph.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoEmployers, withDemoHires } from '../../scripts/demo/employers.js';
import { generateProgramsDemo } from '../../scripts/demo/programs.js';
import type { Execute } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
let anonymous: Execute;

// Two demo postings with hires, of two different employers.
const hired = withDemoHires(generateDemoEmployers(), generateProgramsDemo().hires).postings.filter((p) => p.hires.length > 0);
const postingA = hired[0]!;
const postingB = hired.find((p) => p.employerId !== postingA.employerId)!;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true });
  anonymous = system.execute;
});

const POSTING_HIRES = 'query ($id: ID!) { jobPosting(id: $id) { id hires { id hiredAt } } }';

describe('hires and placements through the gateway', () => {
  it('refuses an anonymous caller the hires of public postings (401, nothing fetched): before, their ids and dates were public', async () => {
    const response = await anonymous('{ jobPostings(first: 50) { edges { node { id hires { id hiredAt } } } } }');
    expect(response.data).toBeNull();
    expect(response.errors!.map((e) => [e.extensions!.code, e.message])).toEqual([
      [
        'UNAUTHORIZED_FIELD_OR_TYPE',
        'Unauthorized field or type: JobPosting.hires needs the scope people:read (roles caseworker, program_officer, admin), or the scope candidates:read (roles employer), which an anonymous caller lacks: send a token.',
      ],
    ]);
  });

  it('refuses a partner user hires and placements at the gateway (403)', async () => {
    const partner = system.executeAs({ roles: ['partner'] });
    for (const query of [POSTING_HIRES, 'query ($id: ID!) { jobPosting(id: $id) { placements { edges { node { id } } } } }']) {
      const response = await partner(query, { id: postingA.id });
      expect(response.data, query).toBeNull();
      expect(
        response.errors!.map((e) => e.extensions!.code),
        query,
      ).toEqual(['UNAUTHORIZED_FIELD_OR_TYPE']);
    }
  });

  it("lets an employer user through the gateway, and the employers subgraph answers only its own posting's hires", async () => {
    const employerA = system.executeAs({ roles: ['employer'], employerId: postingA.employerId });
    const own = await employerA(POSTING_HIRES, { id: postingA.id });
    expect(own.errors).toBeUndefined();
    expect(own.data.jobPosting.hires).toHaveLength(postingA.hires.length);
    const other = await employerA(POSTING_HIRES, { id: postingB.id });
    expect(other.data).toEqual({ jobPosting: null });
    expect(other.errors!.map((e) => [e.extensions!.code, e.message])).toEqual([
      [
        'FORBIDDEN',
        `JobPosting.hires: job posting "${postingB.id}" is not a posting of employer "${postingA.employerId}", which you act for; an employer sees the hires and candidates of its own postings only.`,
      ],
    ]);
  });
});
