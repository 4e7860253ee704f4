/**
 * `npm run seed -- --people 100000 --employers 20000 --postings 100000 [--placements N]`: scale data
 * for load tests and the benchmark, written into DynamoDB (DYNAMODB_ENDPOINT, or a DynamoDB Local
 * started on `npm start`'s data folder, so a later `npm start` serves it).
 *
 * Deterministic (SeededRandom): the same scale gives the same ids and values on every machine. The
 * items are the repositories' own (`itemsOf` and the other item builders), uniqueness, facet,
 * projection and counter items included, so every query on seeded data answers as it would had the
 * records been created through the API. Written with parallel BatchWriteItem (plain puts: seeding
 * twice writes the same items again, counters are absolute values), with a progress bar and the
 * write rate at the end. Without DYNAMODB_ENDPOINT it loads a staging copy of `.data/dynamodb/` on
 * tmpfs with the tables' streams off and copies it back (`seedLocalDynamoDb`): the full scale,
 * 2.4 million items, in minutes instead of hours.
 */
import { SingleBar, Presets } from 'cli-progress';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CAMPAIGNS, generateDemoEmployers, splitTotal } from './demo/employers.js';
import { EmployerRepository, type EmployerRecord, type EmployerSize, type Industry } from '../subgraphs/employers/employer-repository.js';
import { PostingRepository, type HireRecord, type Housing, type PostingRecord } from '../subgraphs/employers/posting-repository.js';
import { CODE_ALPHABET, makeCreditCode } from '../subgraphs/employers/social-credit-code.js';
import { demoPersonId, DEMO_PEOPLE_COUNT, DEMO_SKILLS, generatePeople, NAMED_PEOPLE } from './demo/people.js';
import { newPersonRecord } from '../subgraphs/people/person-input.js';
import { PersonRepository, type PersonRecord } from '../subgraphs/people/person-repository.js';
import { counterChangesOf, PlacementRepository, type PlacementRecord } from '../subgraphs/programs/placement-repository.js';
import { postingTermsOf } from '../subgraphs/programs/stream-projection.js';
import type { PlacementStatus } from '../subgraphs/programs/placement-rules.js';
import { counterItems, participantChangesOf, ProgramRepository, type EventRecord, type ProgramRecord } from '../subgraphs/programs/program-repository.js';
import { batchWriteItems } from './demo/bulk-load.js';
import { LOCAL_REGION } from '../subgraphs/shared/dynamodb/config.js';
import { createDynamoClients, type DynamoClients } from '../subgraphs/shared/dynamodb/client.js';
import { stableId } from '../subgraphs/shared/domain/ids.js';
import { findRegion, provinceCodeOf } from '../subgraphs/shared/domain/regions.js';
import { SeededRandom } from './demo/seeded-random.js';
import { createTables, setStreams } from '../subgraphs/shared/dynamodb/table-definition.js';
import { isLocalEndpoint } from '../subgraphs/shared/dynamodb/client.js';
import { subgraphList } from '../subgraphs/subgraph-list.js';
import { withStagedDynamoDbLocal } from './dynamodb-local.js';
import { tableNamesFor } from './local-system.js';

export interface Scale {
  readonly people: number;
  readonly employers: number;
  readonly postings: number;
  /** @default half the people */
  readonly placements?: number;
}

export const ISSUE_SCALE: Scale = { people: 100_000, employers: 20_000, postings: 100_000 };

/** Not the demo data's seeds: scale data must not regenerate the demo's people and employers. */
const SCALE_SEED = 90_001;
const CREATED_AT = '2018-01-01T00:00:00.000Z';
/** Employers taking part in one event; each brings up to 5 of its postings. */
const EMPLOYERS_PER_EVENT = 20;
const POSTINGS_PER_PARTICIPANT = 5;
const PLACEMENT_STEPS: readonly PlacementStatus[] = ['INTENT', 'HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_12M'];

const MANUFACTURING_OCCUPATIONS = ['焊工', '普工', '装配工', '车工', '钳工', '电工', '质检员', '缝纫工', '叉车司机'];
const SUFFIXES = ['机械制造', '汽车零部件', '纺织', '电子科技', '食品', '家具', '建筑工程', '物流', '餐饮管理', '家政服务'];
const BRAND_CHARACTERS = '鑫达华盛恒通宏远金泰瑞丰永兴德润信诚天元博海隆昌嘉禾利民新世宇顺康明汇正中联祥';
const SIZES: readonly EmployerSize[] = ['MICRO', 'SMALL', 'SMALL', 'MEDIUM', 'MEDIUM', 'LARGE'];
const HOUSING: readonly Housing[] = ['FREE_DORMITORY', 'SUBSIDIZED_DORMITORY', 'ALLOWANCE', 'NONE'];
const CITY_CODES = [...new Set(Object.values(CAMPAIGNS).flatMap((campaign) => [...campaign.cityCodes]))];

export interface ScaleData {
  readonly people: PersonRecord[];
  readonly employers: EmployerRecord[];
  readonly postings: PostingRecord[];
  readonly hires: HireRecord[];
  readonly programs: ProgramRecord[];
  readonly events: EventRecord[];
  readonly placements: PlacementRecord[];
}

/** The scale data as records; `scaleDataItems` turns them into each table's items. */
export function generateScaleData(scale: Scale): ScaleData {
  if (scale.postings < scale.employers)
    throw new Error(`--postings (${scale.postings}) must be at least --employers (${scale.employers}): every employer has a posting.`);
  const random = new SeededRandom(SCALE_SEED);

  // People: the people subgraph's own generator, skipping anyone the demo data already has.
  const demoIdNumbers = new Set([...NAMED_PEOPLE, ...generatePeople(DEMO_PEOPLE_COUNT)].map((p) => p.idNumber));
  const people = generatePeople(scale.people + 100, SCALE_SEED)
    .filter((p) => !demoIdNumbers.has(p.idNumber))
    .slice(0, scale.people)
    .map(({ registrations: _none, ...fields }) => newPersonRecord(fields, demoPersonId(fields), CREATED_AT));

  // Employers and their postings in the receiving cities of the demo's campaigns.
  const usedCodes = new Set(generateDemoEmployers().employers.map((e) => e.unifiedSocialCreditCode));
  const postingCounts = splitTotal(random, scale.postings, scale.employers, 1);
  const employers: EmployerRecord[] = [];
  const postings: PostingRecord[] = [];
  for (let i = 0; i < scale.employers; i++) {
    const cityCode = CITY_CODES[i % CITY_CODES.length]!;
    let code: string;
    do code = makeCreditCode(cityCode, Array.from({ length: 8 }, () => random.pick([...CODE_ALPHABET])).join(''));
    while (usedCodes.has(code));
    usedCodes.add(code);
    const id = stableId('emp', code);
    const suffix = random.pick(SUFFIXES);
    const industry: Industry =
      SUFFIXES.indexOf(suffix) < 6
        ? 'MANUFACTURING'
        : (['CONSTRUCTION', 'TRANSPORT_LOGISTICS', 'HOSPITALITY_CATERING', 'RESIDENT_SERVICES'] as const)[SUFFIXES.indexOf(suffix) - 6]!;
    let positions = 0;
    for (let j = 0; j < postingCounts[i]!; j++) {
      const occupation = industry === 'MANUFACTURING' ? random.pick(MANUFACTURING_OCCUPATIONS) : random.pick(DEMO_SKILLS);
      const min = random.int(25, 60) * 100;
      const headcount = random.int(5, 120);
      positions += headcount;
      postings.push({
        id: stableId('job', `${id}#${j}`),
        employerId: id,
        title: occupation,
        occupation,
        industry,
        headcount,
        filled: 0,
        monthlyWageMinYuan: min,
        monthlyWageMaxYuan: min + random.int(4, 20) * 100,
        workplaceCode: cityCode,
        requirements: ['18–50 岁', '身体健康'],
        benefits: {
          ...(random.chance(0.4) ? { travelReimbursementAfterMonths: random.int(1, 6) } : {}),
          housing: random.pick(HOUSING),
          socialInsurance: random.chance(0.9),
        },
        status: 'OPEN',
        postedOn: '2018-01-01',
        hires: [],
        version: 1,
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
      });
    }
    employers.push({
      id,
      name: `${findRegion(cityCode)?.name ?? ''}${random.pick([...BRAND_CHARACTERS])}${random.pick([...BRAND_CHARACTERS])}${suffix}有限公司第${i + 1}分公司`,
      unifiedSocialCreditCode: code,
      regionCode: cityCode,
      industry,
      size: random.pick(SIZES),
      contactPerson: { name: `${random.pick([...'王李张刘陈杨'])}先生`, phone: `138${String(random.int(0, 99_999_999)).padStart(8, '0')}` },
      positionsOffered: positions,
      version: 1,
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
    });
  }
  const postingsOf = new Map<string, PostingRecord[]>();
  for (const posting of postings) postingsOf.set(posting.employerId, [...(postingsOf.get(posting.employerId) ?? []), posting]);

  // Programs (one per 10,000 postings) and their fairs (one per 1,000), each with 20 employers.
  const sendingProvinces = [...new Set(people.map((p) => provinceCodeOf(p.hometownCode)))].sort();
  const receivingProvinces = [...new Set(CITY_CODES.map(provinceCodeOf))].sort();
  const programCount = Math.max(1, Math.ceil(scale.postings / 10_000));
  const programs: ProgramRecord[] = Array.from({ length: programCount }, (_, i) => ({
    id: stableId('prg', `scale#${i}`),
    name: `规模测试劳务协作 ${i + 1}`,
    kind: 'EAST_WEST',
    sendingRegionCodes: sendingProvinces,
    receivingRegionCodes: receivingProvinces,
    organisingDepartment: '人力资源和社会保障部',
    startsOn: '2018-01-01',
    agreementTerms: [],
    jobDemandList: [],
    jobSupplyList: [],
    responsibilityList: [],
    reports: [],
    workstations: [],
    version: 1,
    createdAt: CREATED_AT,
    updatedAt: CREATED_AT,
  }));
  const venues = [...new Set(people.map((p) => p.hometownCode))].sort();
  const eventCount = Math.max(1, Math.ceil(scale.postings / 1_000));
  const events: EventRecord[] = Array.from({ length: eventCount }, (_, i) => {
    const participants = random.sample(employers, Math.min(EMPLOYERS_PER_EVENT, employers.length)).map((employer) => {
      const offered = postingsOf.get(employer.id)!.slice(0, POSTINGS_PER_PARTICIPANT);
      return { employerId: employer.id, positions: offered.reduce((sum, p) => sum + p.headcount, 0), postingIds: offered.map((p) => p.id) };
    });
    return {
      id: stableId('evt', `scale#${i}`),
      programId: programs[i % programCount]!.id,
      name: `规模测试专场招聘会 ${i + 1}`,
      heldOn: `2018-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      venueCode: venues[i % venues.length]!,
      participants,
      attendance: random.int(500, 5000),
      version: 1,
      createdAt: CREATED_AT,
    };
  });

  // Placements: a person's intention for a posting offered at a fair; 40 % go on to a hire (while
  // the posting has places), and some of those further along.
  const postingById = new Map(postings.map((p) => [p.id, p] as const));
  const hires: HireRecord[] = [];
  const placements: PlacementRecord[] = [];
  const taken = new Set<string>();
  const wanted = scale.placements ?? Math.floor(scale.people / 2);
  for (let attempts = 0; placements.length < wanted && attempts < wanted * 3; attempts++) {
    const event = random.pick(events);
    const participant = random.pick(event.participants);
    const posting = postingById.get(random.pick(participant.postingIds))!;
    const person = random.pick(people);
    if (taken.has(`${person.id}|${posting.id}`)) continue;
    taken.add(`${person.id}|${posting.id}`);
    const at = (step: number) => new Date(Date.parse(`${event.heldOn}T02:00:00.000Z`) + step * 30 * 86_400_000).toISOString();
    let reached = 0;
    if (random.chance(0.4) && posting.filled < posting.headcount) reached = random.int(1, PLACEMENT_STEPS.length - 1);
    const left = reached >= 2 && random.chance(0.1);
    const history = [...PLACEMENT_STEPS.slice(0, reached + 1), ...(left ? (['LEFT'] as const) : [])].map((status, step) => ({
      status,
      at: at(step),
      by: null,
    }));
    const status = history.at(-1)!.status;
    let hire: Partial<PlacementRecord> = {};
    if (reached >= 1) {
      const hireRecord: HireRecord = { id: stableId('hire', `${posting.id}|${person.id}`), postingId: posting.id, personId: person.id, hiredAt: at(1) };
      hires.push(hireRecord);
      const filled = posting.filled + 1;
      postingById.set(posting.id, {
        ...posting,
        filled,
        status: filled === posting.headcount ? 'FILLED' : 'OPEN',
        hires: [...posting.hires, { personId: person.id, hiredAt: at(1) }],
      });
      // No uplift: scale data has no like-for-like wage reference (wage-references.ts).
      hire = { hireId: hireRecord.id, hiredAt: at(1), monthlyWageYuan: posting.monthlyWageMinYuan };
    }
    placements.push({
      id: stableId('plc', `${person.id}|${posting.id}`),
      personId: person.id,
      postingId: posting.id,
      programId: event.programId,
      eventId: event.id,
      sendingCountyCode: person.hometownCode,
      status,
      history,
      povertyRegistered: person.povertyRegistered,
      ...hire,
      subsidyClaims: [],
      version: history.length,
      createdAt: at(0),
      updatedAt: history.at(-1)!.at,
    });
  }
  return { people, employers, postings: postings.map((p) => postingById.get(p.id)!), hires, programs, events, placements };
}

/** Each table's items, built by the repositories that own them, by subgraph name. */
export function scaleDataItems(data: ScaleData): Record<'people' | 'employers' | 'programs', Record<string, unknown>[]> {
  // Item builders only: they never touch the client or the table name.
  const persons = new PersonRepository(undefined as never, '');
  const employerRepository = new EmployerRepository(undefined as never, '');
  const postingRepository = new PostingRepository(undefined as never, '');
  const programRepository = new ProgramRepository(undefined as never, '');
  const placementRepository = new PlacementRepository(undefined as never, '');

  const hiresOfPerson = new Map<string, HireRecord[]>();
  for (const hire of data.hires) hiresOfPerson.set(hire.personId, [...(hiresOfPerson.get(hire.personId) ?? []), hire]);
  const placementsOfPerson = new Map<string, string[]>();
  for (const p of [...data.placements].sort((a, b) => a.createdAt.localeCompare(b.createdAt)))
    placementsOfPerson.set(p.personId, [...(placementsOfPerson.get(p.personId) ?? []), p.id]);
  const programsOfEmployer = new Map<string, Set<string>>();
  for (const event of data.events)
    for (const participant of event.participants)
      programsOfEmployer.set(participant.employerId, (programsOfEmployer.get(participant.employerId) ?? new Set()).add(event.programId));

  return {
    people: data.people.flatMap((person) => persons.itemsOf(person)),
    employers: [
      ...data.employers.flatMap((employer) => employerRepository.itemsOf(employer)),
      ...data.postings.flatMap((posting) => postingRepository.itemsOf(posting)),
      ...data.hires.map((hire) => postingRepository.hireItem(hire, { callerSubject: 'seed', idempotencyKey: `seed:${hire.id}` })),
      // The projection of the people table's stream: these people exist.
      ...data.people.map((person) => postingRepository.knownPersonItem(person.id)),
      ...[...hiresOfPerson].map(([personId, hires]) => postingRepository.personHiresItem(personId, hires)),
    ],
    programs: [
      ...data.programs.flatMap((program) => programRepository.programItems(program)),
      ...data.events.flatMap((event) => programRepository.eventItems(event)),
      ...[...programsOfEmployer].map(([employerId, programIds]) => programRepository.employerProgramsItem(employerId, programIds)),
      ...data.placements.flatMap((placement) => placementRepository.itemsOf(placement)),
      ...[...placementsOfPerson].map(([personId, ids]) => placementRepository.personPlacementsItem(personId, ids)),
      // The projections the people and employers streams would have made.
      ...data.people.map((person) =>
        placementRepository.personProfileItem(person.id, {
          povertyRegistered: person.povertyRegistered,
          hometownProvinceCode: provinceCodeOf(person.hometownCode),
        }),
      ),
      ...data.postings.map((posting) => placementRepository.postingTermsItem(postingTermsOf(posting))),
      // What the counter updates of every event and placement write would have added up to.
      ...counterItems(counterChangesOf(data)),
      ...participantChangesOf(data.events).records.map((record) => programRepository.programEmployerItem(record)),
    ],
  };
}

export interface SeedReport {
  readonly items: number;
  readonly requests: number;
  readonly retried: number;
  readonly seconds: number;
  readonly itemsPerSecond: number;
  readonly records: Record<keyof ScaleData, number>;
}

/** Generates the scale data and writes it into the given tables (created when missing). */
export async function seedScaleData(options: {
  clients: DynamoClients;
  endpoint: string;
  tableNames: Readonly<Record<string, string>>;
  scale: Scale;
  concurrency?: number;
  progress?: boolean;
  /** Hears the items written so far and the total, after every request. */
  onWritten?: (written: number, total: number) => void;
}): Promise<SeedReport> {
  const data = generateScaleData(options.scale);
  const items = scaleDataItems(data);
  const tables = subgraphList.map((s) => ({ definition: s.table, tableName: options.tableNames[s.name]! })).filter((t) => t.tableName);
  const local = isLocalEndpoint(options.endpoint);
  // Locally the tables are created (or set) without their streams for the load; see setStreams.
  await createTables(options.clients.client, local ? tables.map((t) => ({ ...t, definition: { ...t.definition, stream: undefined } })) : tables, {
    endpoint: options.endpoint,
  });
  if (local) await setStreams(options.clients.client, tables, false);
  const total = Object.values(items).reduce((sum, list) => sum + list.length, 0);
  const bar = options.progress
    ? new SingleBar(
        { format: 'Seeding {bar} {percentage}% | {value}/{total} items | {rate} items/s | ETA {eta_formatted}', hideCursor: true },
        Presets.shades_classic,
      )
    : null;
  const started = performance.now();
  let written = 0;
  bar?.start(total, 0, { rate: 0 });
  let requests = 0;
  let retried = 0;
  try {
    for (const [subgraph, list] of Object.entries(items)) {
      const tableName = options.tableNames[subgraph];
      if (!tableName) throw new Error(`No table name for the ${subgraph} subgraph.`);
      const result = await batchWriteItems(options.clients.documents, tableName, list, {
        concurrency: options.concurrency ?? 8,
        onWritten: (count) => {
          written += count;
          options.onWritten?.(written, total);
          bar?.update(written, { rate: Math.round(written / ((performance.now() - started) / 1000)) });
        },
      });
      requests += result.requests;
      retried += result.retried;
    }
  } finally {
    bar?.stop();
    if (local) await setStreams(options.clients.client, tables, true);
  }
  const seconds = (performance.now() - started) / 1000;
  const records = Object.fromEntries(Object.entries(data).map(([name, list]) => [name, (list as unknown[]).length])) as Record<keyof ScaleData, number>;
  return { items: total, requests, retried, seconds, itemsPerSecond: total / seconds, records };
}

export interface LocalSeedReport extends SeedReport {
  /** Seconds spent copying the SQLite files to the staging folder and back. */
  readonly copySeconds: number;
  /** Seconds from start to the data in `dataDir`, generation, DynamoDB Local's start and copies included. */
  readonly totalSeconds: number;
  readonly stagingDir: string;
  /** DynamoDB Local's CPU time (start-up included) per item written: the limit, and steadier than the rate on a busy machine. */
  readonly dynamoCpuMsPerItem?: number;
}

/**
 * Seeds the DynamoDB Local whose data folder is `dataDir` (stopped: nothing may hold it open). On
 * disk, DynamoDB Local commits every item as its own SQLite transaction with four fsyncs, so a
 * BatchWriteItem of 25 costs 100 fsyncs; loaded in a staging copy on tmpfs (where fsync costs
 * nothing) its Java CPU is the limit, about ten times the rate. The staged SQLite file is copied
 * back into `dataDir` (written beside it, then renamed) once DynamoDB Local has stopped; if the
 * seed fails, `dataDir` is left as it was.
 */
export async function seedLocalDynamoDb(options: {
  dataDir: string;
  port?: number;
  tableNames: Readonly<Record<string, string>>;
  scale: Scale;
  concurrency?: number;
  progress?: boolean;
  onWritten?: (written: number, total: number) => void;
  log?: (line: string) => void;
}): Promise<LocalSeedReport> {
  const started = performance.now();
  const staged = await withStagedDynamoDbLocal(
    options.dataDir,
    async (dynamo) => {
      const clients = createDynamoClients({ endpoint: dynamo.endpoint, region: LOCAL_REGION });
      try {
        const report = await seedScaleData({
          clients,
          endpoint: dynamo.endpoint,
          tableNames: options.tableNames,
          scale: options.scale,
          concurrency: options.concurrency,
          progress: options.progress,
          onWritten: options.onWritten,
        });
        return { report, dynamoCpuMs: dynamo.cpuMs() };
      } finally {
        clients.client.destroy();
      }
    },
    { ...(options.port ? { port: options.port } : {}), prefix: 'labor-seed-', ...(options.log ? { log: options.log } : {}) },
  );
  const { report, dynamoCpuMs } = staged.result;
  return {
    ...report,
    copySeconds: staged.copySeconds,
    totalSeconds: (performance.now() - started) / 1000,
    stagingDir: staged.stagingDir,
    ...(dynamoCpuMs !== undefined ? { dynamoCpuMsPerItem: dynamoCpuMs / report.items } : {}),
  };
}

const positiveInt = (name: string, value: string | undefined, fallback: number | undefined) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive whole number, got ${JSON.stringify(value)}.`);
  return n;
};

async function main() {
  const { values } = parseArgs({
    options: {
      people: { type: 'string' },
      employers: { type: 'string' },
      postings: { type: 'string' },
      placements: { type: 'string' },
      concurrency: { type: 'string' },
      'table-prefix': { type: 'string', default: '' },
    },
  });
  const scale: Scale = {
    people: positiveInt('people', values.people, ISSUE_SCALE.people)!,
    employers: positiveInt('employers', values.employers, ISSUE_SCALE.employers)!,
    postings: positiveInt('postings', values.postings, ISSUE_SCALE.postings)!,
    ...(values.placements ? { placements: positiveInt('placements', values.placements, undefined)! } : {}),
  };
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const concurrency = positiveInt('concurrency', values.concurrency, 8);
  const tableNames = tableNamesFor(values['table-prefix']);
  const summary = (report: SeedReport) => {
    const r = report.records;
    return (
      `Seeded ${r.people} people, ${r.employers} employers, ${r.postings} postings, ${r.hires} hires, ${r.programs} programs, ${r.events} events, ${r.placements} placements: ` +
      `${report.items} items in ${report.requests} BatchWriteItem requests (${report.retried} unprocessed items retried), ` +
      `${report.seconds.toFixed(1)} s writing, ${Math.round(report.itemsPerSecond)} items/s`
    );
  };
  console.log(
    `Generating ${scale.people} people, ${scale.employers} employers, ${scale.postings} job postings and ${scale.placements ?? Math.floor(scale.people / 2)} placements…`,
  );
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  if (!endpoint) {
    // npm start's DynamoDB Local port and data folder: the seeded data is there for the next npm start
    // (port 8000 in use means npm start is running on that folder: stop it first).
    const report = await seedLocalDynamoDb({ dataDir: '.data/dynamodb', port: 8000, tableNames, scale, concurrency, progress: true, log: console.log });
    console.log(
      `${summary(report)}; ${report.copySeconds.toFixed(1)} s copying, ${report.totalSeconds.toFixed(1)} s in all` +
        `${report.dynamoCpuMsPerItem !== undefined ? `; DynamoDB Local used ${report.dynamoCpuMsPerItem.toFixed(2)} ms of CPU per item` : ''}. Data kept in .data/dynamodb/.`,
    );
    return;
  }
  const clients = createDynamoClients({ endpoint, region: process.env.AWS_REGION || LOCAL_REGION });
  try {
    const report = await seedScaleData({ clients, endpoint, tableNames, scale, concurrency, progress: true });
    console.log(`${summary(report)}.`);
  } finally {
    clients.client.destroy();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: Error) => {
    console.error(`npm run seed failed: ${error.message}`);
    process.exit(1);
  });
}
