/**
 * The people of DOMAIN.md plus a deterministic crowd of workers from the sending counties it names.
 * Loading is idempotent: ids derive from ID numbers, so a second load finds everyone and adds nothing.
 */
import { stableId } from '../../subgraphs/shared/domain/ids.js';
import { SeededRandom } from './seeded-random.js';
import type { PeopleStorage } from '../../subgraphs/people/context.js';
import { putInTransactions } from './bulk-load.js';
import { householdFingerprint, HouseholdRepository, type HouseholdRecord } from '../../subgraphs/people/household-repository.js';
import { isRegisteredPoorOn, type PovertyRegistrationRecord } from '../../subgraphs/shared/domain/poverty-registration.js';
import { employmentRegistrationId, newPersonRecord, type NewPersonFields } from '../../subgraphs/people/person-input.js';
import { generateDemoEmployers } from './employers.js';
import { PersonRepository, type PersonRecord } from '../../subgraphs/people/person-repository.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';

/** Sending counties and the provinces their workers usually go to (DOMAIN.md's cooperation pairs). */
const SENDING_COUNTIES: readonly { county: string; destinations: string[] }[] = [
  // Chongqing → Shandong (渝鲁)
  ...['500230', '500233', '500235', '500236', '500237', '500238'].map((county) => ({ county, destinations: ['370000'] })),
  // Sichuan (Liangshan) → Zhejiang
  ...['513428', '513430', '513431', '513432', '513436'].map((county) => ({ county, destinations: ['330000'] })),
  // Shaanxi → Jiangsu
  ...['610924', '610925', '611022', '611024'].map((county) => ({ county, destinations: ['320000'] })),
  // Hebei and Hubei: intra-province
  ...['130722', '130723', '130724', '130725', '130828'].map((county) => ({ county, destinations: ['130000'] })),
  ...['420322', '420526', '420527', '420528', '420529', '422801', '422802', '422822'].map((county) => ({ county, destinations: ['420000'] })),
  // Yunnan → the Yangtze and Pearl River Deltas, where its workstations are
  ...['530621', '530622', '530624', '530628'].map((county) => ({ county, destinations: ['440000', '320000', '330000'] })),
  // Shanxi: employee-system pilot counties, employed long-term elsewhere
  ...['140922', '140929', '140932', '141123', '141124', '141126', '141127'].map((county) => ({ county, destinations: ['110000', '120000', '130000'] })),
];

const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红建文辉力成林宇鹏飞浩斌波云海春梅凤珍亮龙彪莉晓燕东雪琴';
export const DEMO_SKILLS = [
  '焊工',
  '电工',
  '车工',
  '钳工',
  '普工',
  '装配工',
  '缝纫工',
  '叉车司机',
  '厨师',
  '保洁员',
  '家政服务员',
  '建筑工',
  '质检员',
  '快递员',
  '保安员',
];

export interface DemoPerson extends NewPersonFields {
  /** Whom the demo puts in a registered household (the household's registration is what the API reads). */
  readonly povertyRegistered: boolean;
  readonly registrations?: PersonRecord['registrations'];
}

/**
 * Illustrative: the article gives no registration dates. The national registration drive (建档立卡)
 * registered poor households in 2014, so the demo's registered households are on the register from
 * the end of that year.
 */
export const DEMO_REGISTRATION: PovertyRegistrationRecord = { registeredOn: '2014-12-31' };

const LI_LI_ID_NUMBER = makeResidentId('610924', '1995-08-20', 42);

/**
 * Li Li's employment registration: with the Nanjing employer whose posting her placement is into
 * (programs demo), from the day she was hired, so her registration and her placement are one story.
 * The article names neither the employer nor the date: both are illustrative.
 */
function liLiRegistration(): PersonRecord['registrations'][number] {
  const employers = generateDemoEmployers();
  const employer = employers.employers.find((e) => e.id === employers.campaigns.nanjing[0])!;
  const fields = { employerId: employer.id, employerName: employer.name, workplaceCode: employer.regionCode, startDate: '2017-06-01' };
  return { id: employmentRegistrationId({ personId: stableId('per', LI_LI_ID_NUMBER), ...fields }), ...fields, recordedAt: '2017-06-05T02:00:00.000Z' };
}

/** The two workers DOMAIN.md names. Their ID and phone numbers are made up (and valid). */
export const NAMED_PEOPLE: readonly DemoPerson[] = [
  {
    // Poor-household worker at the 2017-02-15 Chongqing–Shandong fair in Fengdu; wants a welder job
    // in Shandong (Jinan Haoman Auto Parts).
    name: '王龙彪',
    idNumber: makeResidentId('500230', '1990-03-12', 37),
    phone: '13896012345',
    hometownCode: '500230',
    povertyRegistered: true,
    skills: ['普工'],
    jobIntention: { occupations: ['焊工'], destinationProvinceCodes: ['370000'], minimumMonthlyWageYuan: 4000 },
  },
  {
    // Shaanxi poor-household worker employed in Nanjing (reported home in August 2017). The article
    // names neither her county nor her start date: Ziyang County and 2017-06-01 are assumptions.
    name: '李莉',
    idNumber: LI_LI_ID_NUMBER,
    phone: '13991523456',
    hometownCode: '610924',
    povertyRegistered: true,
    skills: ['装配工'],
    jobIntention: { occupations: ['装配工'], destinationProvinceCodes: ['320000'] },
    registrations: [liLiRegistration()],
  },
];

/** One generated worker of `county`; `povertyRegistered` drawn (60 %) unless given. */
function generatedPerson(random: SeededRandom, county: string, destinations: readonly string[], used: Set<string>, povertyRegistered?: boolean): DemoPerson {
  let idNumber: string;
  do {
    const birthDate = `${random.int(1965, 2001)}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
    idNumber = makeResidentId(county, birthDate, random.int(1, 999));
  } while (used.has(idNumber));
  used.add(idNumber);
  const given = random.chance(0.5) ? random.pick([...GIVEN]) : random.pick([...GIVEN]) + random.pick([...GIVEN]);
  const skills = random.sample(DEMO_SKILLS, random.int(0, 3));
  return {
    name: random.pick([...SURNAMES]) + given,
    idNumber,
    phone: `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
    hometownCode: county,
    povertyRegistered: povertyRegistered ?? random.chance(0.6),
    skills,
    jobIntention: {
      occupations: skills.length > 0 ? random.sample(skills, 1) : [random.pick(DEMO_SKILLS)],
      destinationProvinceCodes: random.sample([...destinations], random.int(1, destinations.length)),
      minimumMonthlyWageYuan: random.int(25, 50) * 100,
    },
  };
}

/** `count` generated workers; the same count gives the same people on every machine. */
export function generatePeople(count: number, seed = 2017): DemoPerson[] {
  const random = new SeededRandom(seed);
  const used = new Set(NAMED_PEOPLE.map((p) => p.idNumber));
  return Array.from({ length: count }, () => {
    const { county, destinations } = random.pick(SENDING_COUNTIES);
    return generatedPerson(random, county, destinations, used);
  });
}

/**
 * The Liangshan workers who reached intentions at the April 2017 Zhejiang–Sichuan fair: the article's
 * 初步达成就业意向4112人, 1,096 of them registered poor, are people, so the demo has 4,112 workers
 * with one intention each (the article gives no per-person count of intentions).
 */
export const ZHEJIANG_SICHUAN_FAIR_WORKERS = { count: 4_112, registeredPoor: 1_096, intentionsEach: 1 } as const;
const LIANGSHAN_COUNTIES = ['513428', '513429', '513430', '513431', '513432', '513434', '513435', '513436', '513437'];

export function generateFairWorkers(seed = 2018): DemoPerson[] {
  const { count, registeredPoor } = ZHEJIANG_SICHUAN_FAIR_WORKERS;
  const random = new SeededRandom(seed);
  const poor = new Set(
    random.sample(
      Array.from({ length: count }, (_, i) => i),
      registeredPoor,
    ),
  );
  // Ids must not collide with the other demo people's (same county, birth date and sequence).
  const used = new Set([...NAMED_PEOPLE, ...generatePeople(DEMO_PEOPLE_COUNT)].map((p) => p.idNumber));
  return Array.from({ length: count }, (_, i) => generatedPerson(random, LIANGSHAN_COUNTIES[i % LIANGSHAN_COUNTIES.length]!, ['330000'], used, poor.has(i)));
}

export const demoPersonId = (person: { idNumber: string }) => stableId('per', person.idNumber);

/**
 * Households of 1–3 people of the same county and the same registered-poor status: the household's
 * registration is what makes a person registered poor, so no member may disagree with it (grouping by
 * county alone left 97 of 300 members contradicting their household). With `registeredOnly`, only
 * the registered poor get one: the article says nothing of the fair workers' families, and a person
 * without a household is simply not registered.
 */
export function demoHouseholds(people: readonly DemoPerson[], options: { registeredOnly?: boolean; tag?: string } = {}): HouseholdRecord[] {
  const byCounty = new Map<string, DemoPerson[]>();
  for (const person of people) {
    if (options.registeredOnly && !person.povertyRegistered) continue;
    const key = `${person.hometownCode}|${person.povertyRegistered}`;
    byCounty.set(key, [...(byCounty.get(key) ?? []), person]);
  }
  const households: HouseholdRecord[] = [];
  for (const [key, members] of byCounty) {
    const county = key.split('|')[0]!;
    for (let i = 0; i < members.length; i += 3) {
      const group = members.slice(i, i + 3);
      const memberIds = group.map(demoPersonId);
      const registration = group[0]!.povertyRegistered ? DEMO_REGISTRATION : undefined;
      households.push({
        id: stableId('hh', `demo:${options.tag ?? ''}${memberIds.join(',')}`),
        regionCode: county,
        ...(registration ? { registration } : {}),
        memberIds,
        inputFingerprint: householdFingerprint(county, registration, memberIds),
        version: 1,
        createdAt: '2017-01-01T00:00:00.000Z',
      });
    }
  }
  return households;
}

/** Every demo household: the generated people's, the named workers' (one each) and the registered fair workers'. */
export function allDemoHouseholds(generated: readonly DemoPerson[], fairWorkers: readonly DemoPerson[]): HouseholdRecord[] {
  return [
    ...NAMED_PEOPLE.flatMap((person) => demoHouseholds([person], { tag: 'named:' })),
    ...demoHouseholds(generated),
    ...demoHouseholds(fairWorkers, { registeredOnly: true, tag: 'fair:' }),
  ];
}

export interface SeedResult {
  readonly created: number;
  readonly existing: number;
}

export const DEMO_PEOPLE_COUNT = 300;

/**
 * Loads the named people, `count` generated ones and their households: only what is not stored yet,
 * written as the repositories' own items in 100-item transactions (people with their household
 * already set), index items first and records last, so a load cut short is completed by the next.
 * The Zhejiang–Sichuan fair workers come with the full demo (tests loading a few people skip them).
 */
export async function loadPeopleDemoData(
  storage: PeopleStorage,
  count = DEMO_PEOPLE_COUNT,
  fairWorkers = count === DEMO_PEOPLE_COUNT,
  /** Employment registrations the programs demo's placements stand on (REGISTERED and later), by person id. */
  registrationsOf: ReadonlyMap<string, PersonRecord['registrations']> = new Map(),
): Promise<SeedResult> {
  const persons = new PersonRepository(storage.documents, storage.tableName);
  const households = new HouseholdRepository(storage.documents, storage.tableName, persons);
  const generated = generatePeople(count);
  const fair = fairWorkers ? generateFairWorkers() : [];
  const everyone = [...NAMED_PEOPLE, ...generated, ...fair];
  const wantedHouseholds = allDemoHouseholds(generated, fair);
  const householdOf = new Map(wantedHouseholds.flatMap((h) => h.memberIds.map((id) => [id, h] as const)));
  const today = new Date().toISOString();
  const [storedPeople, storedHouseholds] = await Promise.all([
    persons.getMany(everyone.map(demoPersonId)),
    households.getMany(wantedHouseholds.map((h) => h.id)),
  ]);
  const createdAt = '2017-01-01T00:00:00.000Z';
  const missingPeople = everyone
    .filter((_, i) => storedPeople[i] === null)
    .map((person) => {
      const { registrations: own = [], povertyRegistered: _member, ...fields } = person;
      const id = demoPersonId(person);
      const extra = (registrationsOf.get(id) ?? []).filter((r) => !own.some((o) => o.id === r.id));
      const registrations = [...own, ...extra].sort((a, b) => a.startDate.localeCompare(b.startDate));
      const household = householdOf.get(id);
      // What the household's own transaction puts on its members (household-repository.ts asMember).
      return {
        ...newPersonRecord(fields, id, createdAt),
        registrations,
        employmentStatus: registrations.some((r) => !r.endDate) ? ('EMPLOYED' as const) : ('SEEKING_WORK' as const),
        ...(household ? { householdId: household.id, povertyRegistered: isRegisteredPoorOn(household.registration, today) } : {}),
        ...(household?.registration ? { povertyRegistration: household.registration } : {}),
      };
    });
  const itemSets = missingPeople.map((person) => persons.itemsOf(person));
  await putInTransactions(
    storage.documents,
    storage.tableName,
    itemSets.flatMap((items) => items.slice(0, -1)),
  );
  await putInTransactions(storage.documents, storage.tableName, [
    ...itemSets.map((items) => items.at(-1)!),
    ...wantedHouseholds.filter((_, i) => storedHouseholds[i] === null).map((household) => households.itemOf(household)),
  ]);
  return { created: missingPeople.length, existing: everyone.length - missingPeople.length };
}
