import { marshall } from '@aws-sdk/util-dynamodb';
import type { EmployersStorage } from '../../subgraphs/employers/context.js';
import { PostingRepository } from '../../subgraphs/employers/posting-repository.js';
import { applyStreamRecords } from '../../subgraphs/employers/stream-projection.js';
import { employersSubgraph } from '../../subgraphs/employers/subgraph.js';
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { useSharedDemoTables, useTables } from '../support/dynamo.js';
import { serveSubgraph, type Execute } from '../support/graphql.js';

/**
 * The employers subgraph's real Lambda handler over HTTP, on its own tables in DynamoDB Local, or,
 * with `sharedDemo`, on the run's demo tables (loaded once by global-setup; read them, don't write).
 */
export async function startEmployersSubgraph(options: { sharedDemo?: boolean } = {}) {
  const tables = options.sharedDemo ? await useSharedDemoTables() : await useTables(employersSubgraph.table);
  const tableName = tables.tableName(employersSubgraph.table);
  const storage: EmployersStorage = { documents: tables.clients.documents, tableName };
  const served = await serveSubgraph('employers', employersSubgraph.createHandler(storage));
  const postings = new PostingRepository(storage.documents, storage.tableName);
  /**
   * Makes people exist for `hire`: feeds the subgraph's projection the records the people table's
   * stream carries when they are registered (the person item, as the people subgraph writes it).
   */
  const registerPeople = (...ids: string[]) =>
    applyStreamRecords(
      postings,
      ids.map((id) => ({ eventName: 'INSERT', newImage: marshall({ pk: `PERSON#${id}`, sk: 'PERSON', entity: 'Person', id }) })),
    );
  return { tables, storage, registerPeople, ...served };
}

let sequence = 0;

/** A valid credit code no other call of this test run returns. */
export function uniqueCreditCode(divisionCode = '370100'): string {
  sequence += 1;
  return makeCreditCode(divisionCode, `T${String(sequence).padStart(7, '0')}`);
}

/** A valid, unique employer registration input; override any field. */
export function employerInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '测试机械制造有限公司',
    unifiedSocialCreditCode: uniqueCreditCode(),
    regionCode: '370100',
    industry: 'MANUFACTURING',
    size: 'MEDIUM',
    contactPerson: { name: '刘先生', phone: '13805310217' },
    ...overrides,
  };
}

/** A valid posting input for `employerId`; override any field. */
export function postingInput(employerId: string, overrides: Record<string, unknown> = {}) {
  return {
    employerId,
    title: '电焊工',
    occupation: '焊工',
    headcount: 10,
    monthlyWageMinYuan: 6000,
    monthlyWageMaxYuan: 8000,
    workplaceRegionCode: '370100',
    requirements: ['18–45 岁'],
    benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY', socialInsurance: true },
    postedOn: '2017-02-08',
    ...overrides,
  };
}

export const EMPLOYER_FIELDS = /* GraphQL */ `
  id name unifiedSocialCreditCode industry size positionsOffered version
  region { code name province city }
  contactPerson { name phone }
`;

export const POSTING_FIELDS = /* GraphQL */ `
  id title occupation industry headcount filled openings monthlyWageMinYuan monthlyWageMaxYuan status
  postedOn closingOn requirements version employer { id }
  workplace { code province city }
  benefits { travelReimbursementAfterMonths housing socialInsurance }
`;

export const REGISTER_EMPLOYER = /* GraphQL */ `
  mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { ${EMPLOYER_FIELDS} } }
`;

export const CREATE_POSTING = /* GraphQL */ `
  mutation ($input: CreateJobPostingInput!) { createJobPosting(input: $input) { ${POSTING_FIELDS} } }
`;

export const HIRE = /* GraphQL */ `
  mutation ($input: HireInput!) { hire(input: $input) { id hiredAt person { id } posting { id filled openings status } } }
`;

/** Registers an employer and publishes a posting; returns both as the API answered. */
export async function employerWithPosting(execute: Execute, posting: Record<string, unknown> = {}, employer: Record<string, unknown> = {}) {
  const registered = await execute(REGISTER_EMPLOYER, { input: employerInput(employer) });
  if (registered.errors) throw new Error(JSON.stringify(registered.errors));
  const created = await execute(CREATE_POSTING, { input: postingInput(registered.data.registerEmployer.id, posting) });
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  return { employer: registered.data.registerEmployer, posting: created.data.createJobPosting };
}
