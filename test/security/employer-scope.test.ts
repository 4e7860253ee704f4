/** An employer user acts for its own employer only; writes need their scope in the subgraph too. */
import { beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, type Execute } from '../support/graphql.js';
import { employerInput, postingInput, startEmployersSubgraph } from '../employers/employers-fixture.js';

let fixture: Awaited<ReturnType<typeof startEmployersSubgraph>>;
let ownPosting: { id: string; version: number };
let otherPosting: { id: string; version: number };
let ownEmployerId: string;

beforeAll(async () => {
  fixture = await startEmployersSubgraph();
  await fixture.registerPeople('per_a', 'per_b', 'per_c');
  const register = async () =>
    (await fixture.execute('mutation ($i: RegisterEmployerInput!) { registerEmployer(input: $i) { id } }', { i: employerInput() })).data.registerEmployer
      .id as string;
  const post = async (employerId: string) =>
    (await fixture.execute('mutation ($i: CreateJobPostingInput!) { createJobPosting(input: $i) { id version } }', { i: postingInput(employerId) })).data
      .createJobPosting;
  ownEmployerId = await register();
  const otherEmployerId = await register();
  ownPosting = await post(ownEmployerId);
  otherPosting = await post(otherEmployerId);
});

const CLOSE = 'mutation ($i: CloseJobPostingInput!) { closeJobPosting(input: $i) { id status } }';
const HIRE = 'mutation ($i: HireInput!) { hire(input: $i) { id } }';
const employer = (): Execute => fixture.executeAs({ roles: ['employer'], employerId: ownEmployerId });

describe('an employer user', () => {
  it("cannot close another employer's posting: FORBIDDEN, posting still open", async () => {
    const response = await employer()(CLOSE, { i: { id: otherPosting.id, expectedVersion: otherPosting.version } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0]!.message).toMatch(/you act for employer ".+", and this belongs to employer ".+"/);
    const still = await fixture.execute('query ($id: ID!) { jobPosting(id: $id) { status } }', { id: otherPosting.id });
    expect(still.data.jobPosting.status).toBe('OPEN');
  });

  it("cannot hire into another employer's posting", async () => {
    const response = await employer()(HIRE, { i: { postingId: otherPosting.id, personId: 'per_a', idempotencyKey: 'k-other' } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });

  it('hires into and closes its own posting', async () => {
    expect((await employer()(HIRE, { i: { postingId: ownPosting.id, personId: 'per_b', idempotencyKey: 'k-own' } })).errors).toBeUndefined();
    expect((await employer()(CLOSE, { i: { id: ownPosting.id, expectedVersion: ownPosting.version } })).data.closeJobPosting.status).toBe('CLOSED');
  });

  it('cannot register employers', async () => {
    const response = await employer()('mutation ($i: RegisterEmployerInput!) { registerEmployer(input: $i) { id } }', { i: employerInput() });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});

describe('a caller without any write scope', () => {
  it('cannot hire: FORBIDDEN in the subgraph even with a valid gateway token', async () => {
    const partner = fixture.executeAs({ roles: ['partner'] });
    const response = await partner(HIRE, { i: { postingId: ownPosting.id, personId: 'per_c', idempotencyKey: 'k-partner' } });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
  });
});
