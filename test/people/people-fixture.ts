import { peopleSubgraph } from '../../subgraphs/people/subgraph.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import type { PeopleStorage } from '../../subgraphs/people/context.js';
import { useSharedDemoTables, useTables } from '../support/dynamo.js';
import { serveSubgraph } from '../support/graphql.js';

/**
 * Who the people tests act as by default: a caseworker (and program officer) of Chongqing, the
 * hometown province `personInput` registers people in, so registering and changing them is allowed
 * (every people write checks the caller's provinces) and their personal data is whole.
 */
export const CHONGQING_CASEWORKER = { roles: ['caseworker', 'program_officer'], provinces: ['500000'] };

/**
 * The people subgraph's real Lambda handler over HTTP, on its own tables in DynamoDB Local, or, with
 * `sharedDemo`, on the run's demo tables (loaded once by global-setup; read them, don't write).
 * `execute` acts as CHONGQING_CASEWORKER; `executeAs` as anyone.
 */
export async function startPeopleSubgraph(options: { sharedDemo?: boolean } = {}) {
  const tables = options.sharedDemo ? await useSharedDemoTables() : await useTables(peopleSubgraph.table);
  const tableName = tables.tableName(peopleSubgraph.table);
  const storage: PeopleStorage = { documents: tables.clients.documents, tableName };
  const served = await serveSubgraph('people', peopleSubgraph.createHandler(storage));
  return { tables, storage, ...served, execute: served.executeAs(CHONGQING_CASEWORKER) };
}

let sequence = 0;

/** A valid, unique registration input; override any field. */
export function personInput(overrides: Record<string, unknown> = {}) {
  sequence += 1;
  const day = String((sequence % 28) + 1).padStart(2, '0');
  const year = 1970 + (Math.floor(sequence / 28) % 30);
  return {
    name: '测试人员',
    idNumber: makeResidentId('500230', `${year}-03-${day}`, (sequence % 900) + 1),
    phone: `139${String(10_000_000 + sequence).padStart(8, '0')}`,
    hometownCountyCode: '500230',
    skills: ['焊工'],
    ...overrides,
  };
}

export const REGISTER = /* GraphQL */ `
  mutation Register($input: RegisterPersonInput!) {
    registerPerson(input: $input) {
      id name gender birthYear povertyRegistered skills employmentStatus idNumber phone version
      hometown { code name province provinceCode city county countyCode }
      jobIntention { occupations minimumMonthlyWageYuan destinationProvinces { code name } }
    }
  }
`;
