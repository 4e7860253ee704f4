/**
 * A placement change racing the people stream's registered-poor flag change, found while writing the
 * soak's recount of the statistics (npm run soak): `advancePlacement` read the placement, the projection flipped its flag and moved
 * the counters, and the move then wrote the placement back whole with the flag it had read: the
 * placement said "not registered-poor" while the counters and the person said it was, for good.
 * Here the programs handler's DynamoDB requests go through the soak's proxy, which holds the move's
 * transaction until the flag change has landed.
 */
import { marshall } from '@aws-sdk/util-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../scripts/soak/fault-proxy.js';
import { SeededRandom } from '../../scripts/demo/seeded-random.js';
import { createDynamoClients } from '../../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../../subgraphs/shared/dynamodb/config.js';
import { PlacementRepository } from '../../subgraphs/programs/placement-repository.js';
import { applyStreamRecord } from '../../subgraphs/programs/stream-projection.js';
import { programsSubgraph } from '../../subgraphs/programs/subgraph.js';
import { useTables } from '../support/dynamo.js';
import { errorCodes, serveSubgraph, type Execute } from '../support/graphql.js';

let execute: Execute;
let placements: PlacementRepository;
let proxy: FaultProxy;
let programId: string;
/** Set by a test: the next TransactWriteItems whose body contains this text waits for `release`. */
let hold: { text: string; reached: () => void; release: Promise<void> } | null = null;

const streamImage = (item: Record<string, unknown>) =>
  applyStreamRecord(placements, { eventName: 'MODIFY', newImage: marshall(item, { removeUndefinedValues: true }) });
const personImage = (id: string, povertyRegistered: boolean) =>
  streamImage({ pk: `PERSON#${id}`, sk: 'PERSON', id, povertyRegistered, hometownCode: '513431' });
const postingImage = (id: string, hiredPersonIds: string[]) =>
  streamImage({
    pk: `POSTING#${id}`,
    sk: 'POSTING',
    id,
    employerId: 'emp_race',
    workplaceCode: '330100',
    benefits: { housing: 'NONE', socialInsurance: true },
    hires: hiredPersonIds.map((personId) => ({ personId, hiredAt: '2017-03-01T00:00:00.000Z' })),
  });

beforeAll(async () => {
  const tables = await useTables(programsSubgraph.table);
  const tableName = tables.tableName(programsSubgraph.table);
  // The projection writes straight to DynamoDB Local; the handler's requests pass the proxy.
  placements = new PlacementRepository(tables.clients.documents, tableName);
  proxy = await startFaultProxy({
    target: tables.endpoint,
    random: new SeededRandom(1),
    beforeForward: ({ operation, body }) => {
      if (!hold || operation !== 'TransactWriteItems' || !body.includes(hold.text)) return undefined;
      const { reached, release } = hold;
      hold = null;
      reached();
      return release;
    },
  });
  const proxied = createDynamoClients({ endpoint: proxy.url, region: LOCAL_REGION });
  execute = (await serveSubgraph('programs', programsSubgraph.createHandler({ documents: proxied.documents, tableName }))).executeAs({
    roles: ['caseworker', 'program_officer'],
    provinces: ['510000'],
  });
  const program = await execute('mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
    input: {
      name: '浙川劳务协作（竞态）',
      kind: 'EAST_WEST',
      sendingRegionCodes: ['510000'],
      receivingRegionCodes: ['330000'],
      organisingDepartment: '浙江省人力资源和社会保障厅',
      startsOn: '2017-01-01',
    },
  });
  programId = program.data.createProgram.id;
  return () => {
    proxied.client.destroy();
    return proxy.close();
  };
});

const statistics = async () =>
  (await execute('query ($id: ID!) { program(id: $id) { statistics { intentions registeredPoorIntentions registeredPoorPeople } } }', { id: programId })).data
    .program.statistics;
const placement = async (id: string) =>
  (await execute('query ($id: ID!) { placement(id: $id) { status version } }', { id })).data.placement as { status: string; version: number };

describe('a placement change racing a registered-poor flag change', () => {
  it('never writes back the flag it read: the move loses with CONFLICT, and a retry on the new version keeps the flag and the counters right', async () => {
    // Prepare: a person not registered-poor with an intention, hired into the posting.
    await personImage('per_race', false);
    await postingImage('job_race', ['per_race']);
    const recorded = await execute('mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id version } }', {
      input: { personId: 'per_race', postingId: 'job_race', programId, sendingCountyCode: '513431' },
    });
    const { id, version } = recorded.data.recordIntention as { id: string; version: number };
    expect(await statistics()).toEqual({ intentions: 1, registeredPoorIntentions: 0, registeredPoorPeople: 0 });

    // Act: the move to HIRED has read the placement; its transaction waits while the flag change lands.
    let reached!: () => void;
    let release!: () => void;
    const atTransaction = new Promise<void>((resolve) => (reached = resolve));
    hold = { text: '"HIRED"', reached, release: new Promise<void>((resolve) => (release = resolve)) };
    const move = execute('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { status version } }', {
      input: { id, expectedVersion: version, to: 'HIRED', monthlyWageYuan: 5200 },
    });
    await atTransaction;
    await personImage('per_race', true);
    release();
    const raced = await move;

    // Assess: the move did not overwrite the flag; it lost, and says so.
    expect(errorCodes(raced)).toEqual(['CONFLICT']);
    const now = await placement(id);
    expect(now).toEqual({ status: 'INTENT', version: version + 1 });
    expect(await statistics()).toEqual({ intentions: 1, registeredPoorIntentions: 1, registeredPoorPeople: 1 });
    const retried = await execute('mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { status version } }', {
      input: { id, expectedVersion: now.version, to: 'HIRED', monthlyWageYuan: 5200 },
    });
    expect(retried.errors).toBeUndefined();
    const [stored] = await placements.getMany([id]);
    expect(stored).toMatchObject({ status: 'HIRED', povertyRegistered: true });
    expect(await statistics()).toEqual({ intentions: 1, registeredPoorIntentions: 1, registeredPoorPeople: 1 });
  });
});
