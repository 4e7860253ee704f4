/**
 * The programs of DOMAIN.md, with their fairs, workstations, reports and placements, built so that
 * the article's figures come out of the API: the Chongqing–Shandong fair in Fengdu (212 employers,
 * 20,605 positions, Wang Longbiao's intention with Haoman), the Zhejiang–Sichuan fair (122 employers,
 * 13,000 positions, 4,112 intentions, 1,096 of them from registered-poor people), Shaanxi–Jiangsu and
 * its report (187,000 / +19,000 / 2,527; Li Li in Nanjing), Hebei's 9 cities × 22 counties with their
 * three lists, Hubei's 8 cities × 3 counties and its fairs, Yichang's quarterly fairs, Yunnan's 26
 * workstations and Shanxi's 12-county pilot.
 *
 * The people and employers the placements and fairs point to are those subgraphs' demo data: the ids
 * are derived the same way, so entity references resolve across subgraphs. Nothing here reads their
 * tables. Where the article gives no figure (lists' numbers, hires and retention after the fairs, dates
 * of the month), the values are seeded and marked as assumptions; the article's totals are exact.
 *
 * Loading writes the repositories' own items (program, event and placement records, facet items,
 * intention keys, person lists, counters, and the projections the people and employers streams would
 * produce) in 100-item transactions. Records of programs and events go last: a stored program means
 * everything of it was written, so a load cut short is completed by the next, and a second load
 * writes nothing (counters are absolute values computed from the demo, never added twice).
 */
import { CHONGQING_SHANDONG_SIMILAR_JOBS, wageReferenceFor, wageUpliftYuan, type ProgramWageReference } from '../../subgraphs/shared/domain/wage-references.js';
import { CAMPAIGNS, generateDemoEmployers, haomanId, type DemoEmployers, type DemoHire } from './employers.js';
import type { PostingRecord } from '../../subgraphs/employers/posting-repository.js';
import {
  DEMO_PEOPLE_COUNT,
  DEMO_REGISTRATION,
  demoPersonId,
  generateFairWorkers,
  generatePeople,
  NAMED_PEOPLE,
  ZHEJIANG_SICHUAN_FAIR_WORKERS,
} from './people.js';
import { putInTransactions } from './bulk-load.js';
import { stableId } from '../../subgraphs/shared/domain/ids.js';
import { ARTICLE_SOURCE } from '../../subgraphs/shared/domain/poverty-designations.js';
import { SeededRandom } from './seeded-random.js';
import type { ProgramsStorage } from '../../subgraphs/programs/context.js';
import { employmentRegistrationId } from '../../subgraphs/people/person-input.js';
import type { EmploymentRegistrationRecord } from '../../subgraphs/people/person-repository.js';
import {
  counterChangesOf,
  PlacementRepository,
  type PersonProfile,
  type PlacementRecord,
  type TransitionRecord,
} from '../../subgraphs/programs/placement-repository.js';
import type { PlacementStatus } from '../../subgraphs/programs/placement-rules.js';
import { personProfileOf, postingTermsOf } from '../../subgraphs/programs/stream-projection.js';
import {
  counterItems,
  participantChangesOf,
  ProgramRepository,
  type EventRecord,
  type JobDemandRecord,
  type JobSupplyRecord,
  type ProgramRecord,
  type ProvenanceRecord,
  type WorkstationRecord,
} from '../../subgraphs/programs/program-repository.js';

const SOURCE = `${ARTICLE_SOURCE} (seed/000_397f9d8293a16529.txt)`;
const CREATED_AT = '2017-01-01T00:00:00.000Z';

export const DEMO_PROGRAM_IDS = {
  chongqingShandong: stableId('prg', 'chongqing-shandong-2017'),
  zhejiangSichuan: stableId('prg', 'zhejiang-sichuan-2017'),
  shaanxiJiangsu: stableId('prg', 'shaanxi-jiangsu-2017'),
  hebei: stableId('prg', 'hebei-intra-province-2017'),
  hubei: stableId('prg', 'hubei-intra-province-2017'),
  yichang: stableId('prg', 'yichang-key-employers-2017'),
  hubeiProjects: stableId('prg', 'hubei-projects-villages-2017'),
  yunnan: stableId('prg', 'yunnan-workstations-2017'),
  shanxi: stableId('prg', 'shanxi-employee-system-2017'),
} as const;

export const DEMO_EVENT_IDS = {
  shandongCampaign: stableId('evt', 'shandong-campaign-chongqing-2017-02'),
  fengdu: stableId('evt', 'chongqing-shandong-fengdu-2017-02-15'),
  zhejiangSichuan: stableId('evt', 'zhejiang-sichuan-2017-04'),
  wuhanChangyang: stableId('evt', 'wuhan-changyang-2017'),
  wuhanYunxi: stableId('evt', 'wuhan-yunxi-2017'),
  xiaoganEnshi: stableId('evt', 'xiaogan-enshi-2017'),
  yichangQ1: stableId('evt', 'yichang-2017-q1'),
  yichangQ2: stableId('evt', 'yichang-2017-q2'),
  yichangQ3: stableId('evt', 'yichang-2017-q3'),
  yichangQ4: stableId('evt', 'yichang-2017-q4'),
} as const;

/** The placement of Wang Longbiao (intention with Haoman at Fengdu) and Li Li (retained in Nanjing). */
export const NAMED_PLACEMENT_IDS = {
  wangLongbiao: stableId('plc', 'wang-longbiao-haoman-2017-02-15'),
  liLi: stableId('plc', 'li-li-nanjing-2017'),
} as const;

const illustrative = (note: string): ProvenanceRecord => ({ illustrative: true, source: SOURCE, note });

/** What each demo program takes from the article and what is made up (the API's `provenance`). */
const PROGRAM_PROVENANCE: Readonly<Record<string, ProvenanceRecord>> = {
  [DEMO_PROGRAM_IDS.chongqingShandong]: illustrative(
    'The article’s: 212 employers from 14 Shandong cities, 20,605 positions, mostly manufacturing, 3,000+ yuan a month, about 1,000 above similar jobs in Chongqing. Illustrative: the sending counties besides Fengdu and the three lists.',
  ),
  [DEMO_PROGRAM_IDS.zhejiangSichuan]: illustrative(
    'The article’s: 122 employers, 13,000 positions, 4,112 people reached intentions, 1,096 of them registered poor. Illustrative: the sending counties, employers and lists.',
  ),
  [DEMO_PROGRAM_IDS.shaanxiJiangsu]: illustrative(
    'The article’s: 187,000 Shaanxi workers registered in Jiangsu by 2017-09-30, +19,000, 2,527 newly helped poor laborers. Illustrative: the counties and cities.',
  ),
  [DEMO_PROGRAM_IDS.hebei]: illustrative(
    'The article’s: 9 central cities paired with 22 poor counties, three lists, 底数清、情况明、去向准、输得出、稳得住. Illustrative: which cities and counties, every list entry.',
  ),
  [DEMO_PROGRAM_IDS.hubei]: illustrative(
    'The article’s: 8 cities without poor counties, each paired with at least 3, full coverage; Wuhan’s 情系汉企招聘直通车 in Changyang and Yunxi; Xiaogan’s 30+ employers in Enshi. Illustrative: the pairs.',
  ),
  [DEMO_PROGRAM_IDS.yichang]: illustrative(
    'The article’s: 200+ key employers to its 5 poor counties every quarter. Illustrative: 206 employers, the dates and each fair’s county.',
  ),
  [DEMO_PROGRAM_IDS.hubeiProjects]: illustrative(
    'The article’s: major projects and industrial parks matched with villagers’ job intentions. Illustrative: the regions and every number.',
  ),
  [DEMO_PROGRAM_IDS.yunnan]: illustrative(
    'The article’s: the province’s workstations in the Yangtze and Pearl River Deltas, 26 counties’ workstations outside the province, their four duties. Illustrative: which counties, the host cities, the contact.',
  ),
  [DEMO_PROGRAM_IDS.shanxi]: illustrative(
    'The article’s: the employee-system pilot in 12 poor counties, contracts with the sending county’s labor company, insurance as flexible-employment persons, the subsidy (≤ 3 years, ≤ 2/3). Illustrative: which 12 counties. It names no destinations.',
  ),
};

const EVENT_PROVENANCE: Readonly<Record<string, ProvenanceRecord>> = {
  [DEMO_EVENT_IDS.shandongCampaign]: illustrative(
    'The article’s: February 2017, 212 employers from 14 cities, 20,605 positions. Illustrative: the day, and each employer but Haoman.',
  ),
  [DEMO_EVENT_IDS.fengdu]: {
    illustrative: false,
    source: SOURCE,
    note: 'The Chongqing–Shandong fair in Fengdu on 2017-02-15, where Haoman’s recruiter met Wang Longbiao; the article names no other employer there.',
  },
  [DEMO_EVENT_IDS.zhejiangSichuan]: illustrative(
    'The article’s: April 2017, 122 employers, 13,000 positions, 4,112 people, 1,096 registered poor. Illustrative: the day and the venue.',
  ),
  [DEMO_EVENT_IDS.wuhanChangyang]: illustrative('The article’s: Wuhan’s 情系汉企招聘直通车 in Changyang. Illustrative: the date.'),
  [DEMO_EVENT_IDS.wuhanYunxi]: illustrative('The article’s: Wuhan’s 情系汉企招聘直通车 in Yunxi. Illustrative: the date.'),
  [DEMO_EVENT_IDS.xiaoganEnshi]: illustrative('The article’s: Xiaogan took 30+ enterprises to Enshi. Illustrative: 32 employers, the date and venue.'),
  ...Object.fromEntries(
    (['yichangQ1', 'yichangQ2', 'yichangQ3', 'yichangQ4'] as const).map((key) => [
      DEMO_EVENT_IDS[key],
      illustrative('The article’s: 200+ key employers every quarter. Illustrative: 206 employers, the date and the county.'),
    ]),
  ),
};

export interface ProgramsDemo {
  readonly programs: ProgramRecord[];
  readonly events: EventRecord[];
  readonly placements: PlacementRecord[];
  /** Hires the placements past INTENT stand on: the employers demo records them (capacity lives there). */
  readonly hires: DemoHire[];
  /**
   * The employment registrations (就业登记) the placements past REGISTERED stand on, by person id: the
   * people demo records them (they are the people subgraph's), and each such placement links its own.
   */
  readonly employmentRegistrations: ReadonlyMap<string, EmploymentRegistrationRecord[]>;
  /** What the people stream would project of every demo person (stream-projection.ts personProfileOf). */
  readonly profiles: { personId: string; profile: PersonProfile }[];
}

const program = (
  id: string,
  fields: Omit<
    ProgramRecord,
    'id' | 'version' | 'createdAt' | 'updatedAt' | 'reports' | 'workstations' | 'jobDemandList' | 'jobSupplyList' | 'responsibilityList' | 'agreementTerms'
  > &
    Partial<ProgramRecord>,
): ProgramRecord => ({
  id,
  agreementTerms: [],
  jobDemandList: [],
  jobSupplyList: [],
  responsibilityList: [],
  reports: [],
  workstations: [],
  ...fields,
  version: 1,
  createdAt: CREATED_AT,
  updatedAt: CREATED_AT,
});

const event = (
  id: string,
  programId: string,
  name: string,
  heldOn: string,
  venueCode: string,
  participants: EventRecord['participants'],
  attendance?: number,
): EventRecord => ({
  id,
  programId,
  name,
  heldOn,
  venueCode,
  participants,
  ...(attendance !== undefined ? { attendance } : {}),
  version: 1,
  createdAt: `${heldOn}T00:00:00.000Z`,
});

/** Every demo employer of `ids` with all its postings and their positions, as an event records them. */
function participantsOf(employers: DemoEmployers, ids: readonly string[]): EventRecord['participants'] {
  const postingsOf = new Map<string, PostingRecord[]>();
  for (const posting of employers.postings) postingsOf.set(posting.employerId, [...(postingsOf.get(posting.employerId) ?? []), posting]);
  return ids.map((employerId) => {
    const postings = postingsOf.get(employerId) ?? [];
    return { employerId, positions: postings.reduce((sum, p) => sum + p.headcount, 0), postingIds: postings.map((p) => p.id) };
  });
}

const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString();
const addMonths = (instant: string, months: number) => {
  const d = new Date(instant);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString();
};

/** A placement that went from INTENT at `intentAt` to `status` along the ladder, at the usual pace. */
function placementRecord(fields: {
  id: string;
  personId: string;
  posting: PostingRecord;
  programId: string;
  eventId?: string;
  sendingCountyCode: string;
  povertyRegistered: boolean;
  intentAt: string;
  status: PlacementStatus;
  hiredAt?: string;
  programReference?: ProgramWageReference;
}): PlacementRecord {
  const ladder: PlacementStatus[] = ['INTENT', 'HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_12M'];
  const hiredAt = fields.hiredAt ?? addDays(fields.intentAt, 20);
  const at: Record<PlacementStatus, string> = {
    INTENT: fields.intentAt,
    HIRED: hiredAt,
    REGISTERED: addDays(hiredAt, 5),
    RETAINED_3M: addMonths(hiredAt, 3),
    RETAINED_6M: addMonths(hiredAt, 6),
    RETAINED_12M: addMonths(hiredAt, 12),
    LEFT: addMonths(hiredAt, 4),
  };
  const steps: PlacementStatus[] =
    fields.status === 'LEFT' ? ['INTENT', 'HIRED', 'REGISTERED', 'RETAINED_3M', 'LEFT'] : ladder.slice(0, ladder.indexOf(fields.status) + 1);
  const history: TransitionRecord[] = steps.map((status) => ({ status, at: at[status], by: null }));
  const hired = steps.includes('HIRED');
  const wage = fields.posting.monthlyWageMinYuan;
  // Like for like or no uplift (subgraphs/shared/domain/wage-references.ts).
  const reference = wageReferenceFor({
    sendingCountyCode: fields.sendingCountyCode,
    occupation: fields.posting.occupation,
    programReference: fields.programReference ?? null,
  });
  const uplift = wageUpliftYuan(wage, reference);
  return {
    id: fields.id,
    personId: fields.personId,
    postingId: fields.posting.id,
    programId: fields.programId,
    ...(fields.eventId ? { eventId: fields.eventId } : {}),
    sendingCountyCode: fields.sendingCountyCode,
    status: fields.status,
    history,
    povertyRegistered: fields.povertyRegistered,
    ...(hired
      ? {
          hireId: stableId('hire', `${fields.posting.id}|${fields.personId}`),
          hiredAt,
          monthlyWageYuan: wage,
          ...(uplift !== null && reference ? { monthlyWageUpliftYuan: uplift, wageReference: reference } : {}),
        }
      : {}),
    subsidyClaims: [],
    version: history.length,
    createdAt: fields.intentAt,
    updatedAt: history.at(-1)!.at,
  };
}

/** Seeded pairing numbers for lists the article describes but does not quantify. */
function listNumbers(random: SeededRandom, from: number, to: number, step: number) {
  return random.int(from / step, to / step) * step;
}

export function generateProgramsDemo(employers: DemoEmployers = generateDemoEmployers()): ProgramsDemo {
  const random = new SeededRandom(2017_04);
  const postingById = new Map(employers.postings.map((p) => [p.id, p]));
  const programs: ProgramRecord[] = [];
  const events: EventRecord[] = [];
  const placements: PlacementRecord[] = [];
  const fairWorkers = generateFairWorkers();
  const everyone = [...NAMED_PEOPLE, ...generatePeople(DEMO_PEOPLE_COUNT), ...fairWorkers];

  // ── Chongqing–Shandong (渝鲁): the Fengdu fair of 2017-02-15 ──────────────────────────────────
  const chongqingCounties = ['500230', '500233', '500235', '500236', '500237', '500238'];
  const shandongParticipants = participantsOf(employers, employers.campaigns.shandong);
  programs.push(
    program(DEMO_PROGRAM_IDS.chongqingShandong, {
      name: '渝鲁东西部扶贫劳务协作',
      kind: 'EAST_WEST',
      sendingRegionCodes: chongqingCounties,
      receivingRegionCodes: [...CAMPAIGNS.shandong.cityCodes],
      organisingDepartment: '山东省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      wageReference: CHONGQING_SHANDONG_SIMILAR_JOBS,
      agreementTerms: [
        '山东省组织14个市的企业赴重庆贫困区县开展专场招聘，以制造业岗位为主，月均工资3000元以上',
        '优先招用建档立卡贫困劳动力',
        '部分企业在职工工作一段时间后报销往返路费',
      ],
      jobDemandList: demandByCity(employers, employers.campaigns.shandong, haomanId()),
      jobSupplyList: supplyOf(chongqingCounties),
      responsibilityList: [
        { party: '山东省人力资源和社会保障厅', duty: '组织212家企业、20605个岗位赴渝招聘', dueOn: '2017-02-15', status: 'DONE' },
        { party: '丰都县人力资源和社会保障局', duty: '组织建档立卡贫困劳动力参加专场招聘会', dueOn: '2017-02-15', status: 'DONE' },
        { party: '山东省用工企业', duty: '兑现约定的路费报销和住宿待遇', dueOn: '2017-12-31', status: 'IN_PROGRESS' },
      ],
    }),
  );
  // The 212 employers from 14 cities with 20,605 positions are Shandong's February campaign in
  // Chongqing; the Fengdu fair of 2017-02-15 is one event of it, where Haoman's recruiter met Wang
  // Longbiao. The article names no other employer at Fengdu, so the fair lists Haoman alone; the
  // campaign's day (the 1st of the month) is illustrative.
  events.push(
    {
      ...event(
        DEMO_EVENT_IDS.shandongCampaign,
        DEMO_PROGRAM_IDS.chongqingShandong,
        '山东省赴重庆开展就业扶贫专场招聘活动（2017年2月）',
        '2017-02-01',
        '500000',
        shandongParticipants,
      ),
      kind: 'CAMPAIGN',
    },
    {
      ...event(
        DEMO_EVENT_IDS.fengdu,
        DEMO_PROGRAM_IDS.chongqingShandong,
        '渝鲁扶贫协作丰都专场招聘会',
        '2017-02-15',
        '500230',
        participantsOf(employers, [haomanId()]),
      ),
      kind: 'FAIR',
      campaignId: DEMO_EVENT_IDS.shandongCampaign,
    },
  );
  const wang = NAMED_PEOPLE[0]!;
  placements.push(
    placementRecord({
      id: NAMED_PLACEMENT_IDS.wangLongbiao,
      personId: demoPersonId(wang),
      posting: postingById.get(stableId('job', `${haomanId()}#0`))!,
      programId: DEMO_PROGRAM_IDS.chongqingShandong,
      eventId: DEMO_EVENT_IDS.fengdu,
      sendingCountyCode: wang.hometownCode,
      povertyRegistered: wang.povertyRegistered,
      intentAt: '2017-02-15T03:00:00.000Z',
      status: 'INTENT',
    }),
  );

  // ── Zhejiang–Sichuan (浙川): 122 employers, 13,000 positions, 4,112 intentions (1,096 poor) ─────
  const liangshan = ['513428', '513429', '513430', '513431', '513432', '513434', '513435', '513436', '513437'];
  const zhejiangParticipants = participantsOf(employers, employers.campaigns.zhejiang);
  programs.push(
    program(DEMO_PROGRAM_IDS.zhejiangSichuan, {
      name: '浙川东西部扶贫劳务协作',
      kind: 'EAST_WEST',
      sendingRegionCodes: liangshan,
      receivingRegionCodes: [...CAMPAIGNS.zhejiang.cityCodes],
      organisingDepartment: '浙江省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      agreementTerms: ['省、市、县三级联动开展浙川劳务协作', '为四川建档立卡贫困劳动力提供岗位、培训和就业服务'],
      jobDemandList: demandByCity(employers, employers.campaigns.zhejiang),
      jobSupplyList: supplyOf(liangshan),
      responsibilityList: [
        { party: '浙江省人力资源和社会保障厅', duty: '组织122家企业、13000个岗位参加专场招聘会', dueOn: '2017-04-18', status: 'DONE' },
        { party: '凉山州人力资源和社会保障局', duty: '组织贫困劳动力参会并跟踪意向落实', dueOn: '2017-06-30', status: 'DONE' },
      ],
    }),
  );
  // April 2017 per the article; the day and the venue (Liangshan) are assumptions.
  events.push(
    event(
      DEMO_EVENT_IDS.zhejiangSichuan,
      DEMO_PROGRAM_IDS.zhejiangSichuan,
      '2017年浙川就业扶贫劳务协作专场招聘会',
      '2017-04-18',
      '513400',
      zhejiangParticipants,
    ),
  );
  const zhejiangPostings = employers.campaigns.zhejiang.flatMap((employerId) => employers.postings.filter((p) => p.employerId === employerId));
  const hiredPerPosting = new Map<string, number>();
  fairWorkers.forEach((worker, i) => {
    const personId = demoPersonId(worker);
    const chosen = random.sample(zhejiangPostings, ZHEJIANG_SICHUAN_FAIR_WORKERS.intentionsEach);
    chosen.forEach((posting, j) => {
      // The article stops at intentions; the later statuses are illustrative (one worker in four
      // hired at their first choice when it still had room, and a seeded spread after that).
      const hire = j === 0 && i % 4 === 0 && (hiredPerPosting.get(posting.id) ?? 0) < posting.headcount;
      if (hire) hiredPerPosting.set(posting.id, (hiredPerPosting.get(posting.id) ?? 0) + 1);
      const status: PlacementStatus = hire
        ? random.pick(['HIRED', 'REGISTERED', 'RETAINED_3M', 'RETAINED_3M', 'RETAINED_6M', 'RETAINED_6M', 'RETAINED_12M', 'LEFT'] as const)
        : 'INTENT';
      placements.push(
        placementRecord({
          id: stableId('plc', `zhejiang-sichuan#${personId}#${posting.id}`),
          personId,
          posting,
          programId: DEMO_PROGRAM_IDS.zhejiangSichuan,
          eventId: DEMO_EVENT_IDS.zhejiangSichuan,
          sendingCountyCode: worker.hometownCode,
          povertyRegistered: worker.povertyRegistered,
          intentAt: `2017-04-18T0${2 + j}:${String(i % 60).padStart(2, '0')}:00.000Z`,
          status,
        }),
      );
    });
  });

  // ── Shaanxi–Jiangsu (陕苏): the report of 2017-09-30 and Li Li in Nanjing ───────────────────────
  const shaanxiCounties = ['610924', '610925', '611022', '611024'];
  programs.push(
    program(DEMO_PROGRAM_IDS.shaanxiJiangsu, {
      name: '陕苏东西部扶贫劳务协作',
      kind: 'EAST_WEST',
      sendingRegionCodes: shaanxiCounties,
      receivingRegionCodes: ['320100', '320500'],
      organisingDepartment: '陕西省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      agreementTerms: ['江苏为陕西贫困劳动力提供就业岗位', '陕西组织贫困劳动力赴苏就业并做好跟踪服务'],
      jobSupplyList: supplyOf(shaanxiCounties),
      reports: [
        {
          periodStart: '2017-01-01',
          periodEnd: '2017-09-30',
          workersRegistered: 187_000,
          workersRegisteredChange: 19_000,
          newlyHelpedPoorLaborers: 2_527,
          source: SOURCE,
        },
      ],
    }),
  );
  const liLi = NAMED_PEOPLE[1]!;
  const nanjingPosting = employers.postings.find((p) => p.employerId === employers.campaigns.nanjing[0])!;
  placements.push(
    placementRecord({
      id: NAMED_PLACEMENT_IDS.liLi,
      personId: demoPersonId(liLi),
      posting: nanjingPosting,
      programId: DEMO_PROGRAM_IDS.shaanxiJiangsu,
      sendingCountyCode: liLi.hometownCode,
      povertyRegistered: liLi.povertyRegistered,
      // Her employment registration starts 2017-06-01 (people demo); retained 3 months by the report.
      intentAt: '2017-05-20T02:00:00.000Z',
      hiredAt: '2017-06-01T00:00:00.000Z',
      status: 'RETAINED_3M',
    }),
  );

  // ── Hebei: 9 central cities paired with 22 poor counties, managed by three lists ───────────────
  // The article names neither the cities nor the counties: these pairs are an illustration.
  const hebeiPairs: [string, string, string[]][] = [
    ['130100', '石家庄市', ['130129', '130131', '130722']],
    ['130200', '唐山市', ['130723', '130724', '130725']],
    ['130300', '秦皇岛市', ['130321', '130726']],
    ['130400', '邯郸市', ['130434', '130727']],
    ['130500', '邢台市', ['130529', '130531']],
    ['130600', '保定市', ['130624', '130630', '130634']],
    ['130900', '沧州市', ['130728', '130732']],
    ['131000', '廊坊市', ['130821', '130825', '130826']],
    ['131100', '衡水市', ['131123', '130828']],
  ];
  const sectors = ['制造业', '建筑业', '家政服务', '物流快递', '餐饮住宿'];
  programs.push(
    program(DEMO_PROGRAM_IDS.hebei, {
      name: '河北省省内劳务协作（9个中心城市对口22个贫困县）',
      kind: 'INTRA_PROVINCE',
      sendingRegionCodes: hebeiPairs.flatMap(([, , counties]) => counties),
      receivingRegionCodes: hebeiPairs.map(([city]) => city),
      organisingDepartment: '河北省人力资源和社会保障厅',
      startsOn: '2017-03-01',
      // 签订对接协议，明确对口培训、提升技能、安置就业等内容 (the article; it gives no dates, so none).
      pairings: hebeiPairs.map(([city, , counties]) => ({
        receivingRegionCode: city,
        sendingCountyCodes: counties,
        terms: ['对口培训', '提升技能', '安置就业'],
      })),
      pairingRule: { minimumSendingCountiesPerReceiver: 1, fullCoverage: true, description: '省内9个中心城市与22个贫困县签订对接协议' },
      agreementTerms: [
        '中心城市与贫困县签订劳务协作协议',
        '开展订单式、定向式培训和技能提升',
        '组织贫困劳动力到中心城市就业',
        '以岗位需求清单、岗位供给清单和责任清单实行清单管理，做到底数清、情况明、去向准、输得出、稳得住',
      ],
      jobDemandList: hebeiPairs.flatMap(([city]) =>
        random.sample(sectors, 2).map((sector) => ({ sector, regionCode: city, positions: listNumbers(random, 200, 1500, 50) })),
      ),
      jobSupplyList: hebeiPairs.flatMap(([, , counties]) =>
        counties.map((county) => ({
          sendingCountyCode: county,
          skill: random.pick(['普工', '焊工', '家政服务员', '建筑工', '快递员']),
          workers: listNumbers(random, 100, 800, 10),
        })),
      ),
      responsibilityList: hebeiPairs.flatMap(([, cityName, counties], i) => [
        { party: `${cityName}人力资源和社会保障局`, duty: `向对口的${counties.length}个贫困县提供岗位需求清单`, dueOn: '2017-04-30', status: 'DONE' as const },
        {
          party: `${cityName}人力资源和社会保障局`,
          duty: '跟踪输出劳动力稳定就业6个月以上',
          dueOn: '2017-12-31',
          status: i % 3 === 0 ? ('DONE' as const) : ('IN_PROGRESS' as const),
        },
      ]),
    }),
  );

  // ── Hubei: 8 cities without poor counties, each paired with 3 poor counties; its fairs ────────
  const hubeiPairs: [string, string, string[]][] = [
    ['420100', '武汉市', ['420528', '420322', '420325']],
    ['420200', '黄石市', ['421122', '421123', '421124']],
    ['420600', '襄阳市', ['420323', '420324', '420381']],
    ['420700', '鄂州市', ['421121', '421126', '421181']],
    ['420800', '荆门市', ['422823', '422825', '422826']],
    ['420900', '孝感市', ['422801', '422802', '422822']],
    ['421000', '荆州市', ['422827', '422828', '420529']],
    ['421200', '咸宁市', ['420527', '420526', '420525']],
  ];
  programs.push(
    program(DEMO_PROGRAM_IDS.hubei, {
      name: '湖北省省内劳务协作（8市对口贫困县全覆盖）',
      kind: 'INTRA_PROVINCE',
      sendingRegionCodes: hubeiPairs.flatMap(([, , counties]) => counties),
      receivingRegionCodes: hubeiPairs.map(([city]) => city),
      organisingDepartment: '湖北省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      pairings: hubeiPairs.map(([city, , counties]) => ({ receivingRegionCode: city, sendingCountyCodes: counties, terms: ['专项劳务协作对接'] })),
      pairingRule: {
        minimumSendingCountiesPerReceiver: 3,
        fullCoverage: true,
        description: '省内没有贫困县的8个市与贫困县开展专项劳务协作对接活动，每个市至少对接3个以上贫困县，实现全覆盖',
      },
      agreementTerms: ['无贫困县的8个市各对口帮扶不少于3个贫困县，实现全覆盖', '组织企业到贫困县开展专场招聘'],
      responsibilityList: hubeiPairs.map(([, cityName, counties]) => ({
        party: `${cityName}人力资源和社会保障局`,
        duty: `对口帮扶${counties.length}个贫困县的劳务协作`,
        dueOn: '2017-12-31',
        status: 'IN_PROGRESS' as const,
      })),
    }),
  );
  // Dates are assumptions (the article gives none); Wuhan's employers are not in the employers demo.
  events.push(
    event(DEMO_EVENT_IDS.wuhanChangyang, DEMO_PROGRAM_IDS.hubei, '情系汉企招聘直通车（长阳站）', '2017-03-10', '420528', []),
    event(DEMO_EVENT_IDS.wuhanYunxi, DEMO_PROGRAM_IDS.hubei, '情系汉企招聘直通车（郧西站）', '2017-03-24', '420322', []),
    event(
      DEMO_EVENT_IDS.xiaoganEnshi,
      DEMO_PROGRAM_IDS.hubei,
      '孝感企业恩施专场招聘会',
      '2017-05-12',
      '422801',
      participantsOf(employers, employers.campaigns.xiaogan),
    ),
  );

  // ── Yichang: 200+ key employers to its 5 poor counties every quarter ─────────────────────────
  const yichangCounties = ['420528', '420529', '420527', '420526', '420525'];
  programs.push(
    program(DEMO_PROGRAM_IDS.yichang, {
      name: '宜昌市重点企业进贫困县招聘（每季度）',
      kind: 'INTRA_PROVINCE',
      sendingRegionCodes: yichangCounties,
      receivingRegionCodes: ['420500'],
      organisingDepartment: '宜昌市人力资源和社会保障局',
      startsOn: '2017-01-01',
      agreementTerms: ['每季度组织200家以上重点企业到5个贫困县开展招聘'],
    }),
  );
  const yichangParticipants = participantsOf(employers, employers.campaigns.yichang);
  for (const [q, key] of (['yichangQ1', 'yichangQ2', 'yichangQ3', 'yichangQ4'] as const).entries()) {
    events.push(
      event(
        DEMO_EVENT_IDS[key],
        DEMO_PROGRAM_IDS.yichang,
        `宜昌市重点企业进贫困县招聘（2017年第${q + 1}季度）`,
        `2017-${String(3 * q + 3).padStart(2, '0')}-15`,
        yichangCounties[q]!,
        yichangParticipants,
      ),
    );
  }

  // ── Hubei: major projects and industrial parks against villagers' intentions ─────────────────
  programs.push(
    program(DEMO_PROGRAM_IDS.hubeiProjects, {
      name: '湖北省重大项目、产业园区与贫困村用工对接',
      kind: 'PROJECT_COUNTY',
      sendingRegionCodes: ['421122', '421123', '422823'],
      receivingRegionCodes: ['420100', '420600'],
      organisingDepartment: '湖北省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      agreementTerms: ['摸清重大项目、产业园区用工需求', '与贫困村村民就业意向逐一对接'],
      jobDemandList: [
        { sector: '重大项目建设', regionCode: '420100', positions: listNumbers(random, 500, 2000, 100) },
        { sector: '产业园区制造业', regionCode: '420600', positions: listNumbers(random, 500, 2000, 100) },
      ],
      jobSupplyList: ['421122', '421123', '422823'].map((county) => ({
        sendingCountyCode: county,
        skill: '建筑工',
        workers: listNumbers(random, 100, 600, 10),
      })),
    }),
  );

  // ── Yunnan: workstations of 26 counties in the Yangtze and Pearl River Deltas ────────────────
  const yunnanCounties = [
    '530621',
    '530622',
    '530623',
    '530624',
    '530625',
    '530626',
    '530627',
    '530628',
    '530629',
    '530326',
    '532622',
    '532623',
    '532624',
    '532625',
    '532626',
    '532627',
    '532628',
    '532523',
    '532528',
    '532529',
    '532530',
    '532531',
    '533301',
    '533323',
    '533324',
    '533325',
  ];
  // 驻长三角、珠三角劳务服务工作站: the province's own, besides the 26 counties' (host cities illustrative).
  const provinceWorkstations: WorkstationRecord[] = [
    { key: 'yrd', hostArea: '长江三角洲', hostRegionCodes: ['310000', '320500', '330000'] },
    { key: 'prd', hostArea: '珠江三角洲', hostRegionCodes: ['440100', '440300', '441900'] },
  ].map(({ key, hostArea, hostRegionCodes }) => ({
    id: stableId('wks', `yunnan#province#${key}`),
    programId: DEMO_PROGRAM_IDS.yunnan,
    hostArea,
    hostRegionCodes,
    sendingRegionCode: '530000',
    duties: ['COOPERATION', 'LABOR_EXPORT', 'RIGHTS_PROTECTION', 'SERVICES'],
    contact: '12333（人力资源和社会保障服务热线）',
  }));
  const countyWorkstations: WorkstationRecord[] = yunnanCounties.map((county, i) => ({
    id: stableId('wks', `yunnan#${county}`),
    programId: DEMO_PROGRAM_IDS.yunnan,
    ...(i % 2 === 0
      ? { hostArea: '长江三角洲', hostRegionCodes: ['310000', '320500', '330000'] }
      : { hostArea: '珠江三角洲', hostRegionCodes: ['440100', '440300', '441900'] }),
    sendingRegionCode: county,
    duties: ['COOPERATION', 'LABOR_EXPORT', 'RIGHTS_PROTECTION', 'SERVICES'],
    contact: '12333（人力资源和社会保障服务热线）',
  }));
  programs.push(
    program(DEMO_PROGRAM_IDS.yunnan, {
      name: '云南省省外劳务服务工作站',
      kind: 'EAST_WEST',
      sendingRegionCodes: yunnanCounties,
      receivingRegionCodes: ['310000', '320000', '330000', '440000'],
      organisingDepartment: '云南省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      agreementTerms: ['在长三角、珠三角设立劳务服务工作站', '深化劳务协作、扩大劳务输出、维护劳动者权益、提供劳务服务'],
      workstations: [...provinceWorkstations, ...countyWorkstations],
    }),
  );

  // ── Shanxi: the "employee system" pilot in 12 poor counties ──────────────────────────────────
  programs.push(
    program(DEMO_PROGRAM_IDS.shanxi, {
      name: '山西省贫困劳动力“员工制”劳务输出试点',
      kind: 'INTRA_PROVINCE',
      sendingRegionCodes: ['140922', '140926', '140927', '140928', '140929', '140932', '141123', '141124', '141126', '141127', '141128', '141129'],
      // A sending-side program: the article names no destinations, only that the workers are employed
      // long-term outside their counties (长期在外地就业), so none are recorded.
      receivingRegionCodes: [],
      organisingDepartment: '山西省人力资源和社会保障厅',
      startsOn: '2017-01-01',
      socialInsuranceSubsidyScheme: 'SHANXI_EMPLOYEE_SYSTEM',
      agreementTerms: [
        '由输出地劳务公司与长期在外地就业的农村青壮年劳动力协商签订劳动合同，参加城镇企业职工基本养老、医疗保险',
        '劳务公司采取弹性工时、协商薪酬、轮岗轮休等管理办法',
        '劳务输出人员按城镇灵活就业人员参加基本养老、基本医疗保险',
        '对建档立卡贫困劳动力，输出地县级政府从统筹整合的扶贫资金中给予其最长3年的社会保险补贴，补贴标准不超过本人实际缴费的2/3',
      ],
    }),
  );

  const hires = placements.filter((p) => p.hiredAt).map((p) => ({ postingId: p.postingId, personId: p.personId, hiredAt: p.hiredAt! }));
  // REGISTERED stands on the person's employment registration with the posting's employer, from the
  // day of the hire (ended the day the worker left): one record, linked from the placement.
  const employerNames = new Map(employers.employers.map((e) => [e.id, e.name]));
  const employmentRegistrations = new Map<string, EmploymentRegistrationRecord[]>();
  const linked = placements.map((placement) => {
    if (!placement.history.some((step) => step.status === 'REGISTERED')) return placement;
    const posting = postingById.get(placement.postingId)!;
    const fields = {
      employerId: posting.employerId,
      employerName: employerNames.get(posting.employerId)!,
      workplaceCode: posting.workplaceCode,
      startDate: placement.hiredAt!.slice(0, 10),
    };
    const left = placement.history.find((step) => step.status === 'LEFT');
    const registration: EmploymentRegistrationRecord = {
      id: employmentRegistrationId({ personId: placement.personId, ...fields }),
      ...fields,
      ...(left ? { endDate: left.at.slice(0, 10) } : {}),
      recordedAt: placement.history.find((step) => step.status === 'REGISTERED')!.at,
    };
    employmentRegistrations.set(placement.personId, [...(employmentRegistrations.get(placement.personId) ?? []), registration]);
    return { ...placement, employmentRegistrationId: registration.id };
  });
  // Every registered-poor demo person is in a registered household (people demo), so the projection
  // carries that household's registration.
  const profiles = everyone.map((p) => ({
    personId: demoPersonId(p),
    profile: personProfileOf({
      povertyRegistered: p.povertyRegistered,
      hometownCode: p.hometownCode,
      ...(p.povertyRegistered ? { povertyRegistration: DEMO_REGISTRATION } : {}),
      registrations: employmentRegistrations.get(demoPersonId(p)) ?? [],
    }),
  }));
  const withProvenance = <T extends { id: string }>(records: readonly T[], of: (record: T) => ProvenanceRecord): T[] =>
    records.map((record) => ({ ...record, provenance: of(record) }));
  return {
    programs: withProvenance(programs, (p) => PROGRAM_PROVENANCE[p.id]!),
    events: withProvenance(events, (e) => EVENT_PROVENANCE[e.id]!),
    placements: withProvenance(linked, (p) =>
      p.id === NAMED_PLACEMENT_IDS.wangLongbiao
        ? {
            illustrative: false,
            source: SOURCE,
            note: '王龙彪 at the Fengdu fair with Haoman’s recruiter: as the article tells it (his ID and phone numbers are made up).',
          }
        : p.id === NAMED_PLACEMENT_IDS.liLi
          ? { illustrative: true, source: SOURCE, note: 'Li Li works in Nanjing (the article); her employer, county and dates are illustrative.' }
          : {
              illustrative: true,
              source: SOURCE,
              note: 'The fair’s 4,112 people with intentions, 1,096 registered poor, are the article’s; each person, posting and every status after INTENT is illustrative.',
            },
    ),
    hires,
    employmentRegistrations,
    profiles,
  };

  /** The demand list of a campaign: positions by city and industry, with one employer named. */
  function demandByCity(demo: DemoEmployers, employerIds: readonly string[], namedEmployerId?: string): JobDemandRecord[] {
    const employerSet = new Set(employerIds);
    const totals = new Map<string, number>();
    const named: JobDemandRecord[] = [];
    for (const posting of demo.postings) {
      if (!employerSet.has(posting.employerId)) continue;
      if (posting.employerId === namedEmployerId) {
        named.push({ employerId: posting.employerId, sector: posting.occupation, regionCode: posting.workplaceCode, positions: posting.headcount });
        continue;
      }
      const key = `${posting.workplaceCode}|${posting.industry === 'MANUFACTURING' ? '制造业' : '服务业及其他'}`;
      totals.set(key, (totals.get(key) ?? 0) + posting.headcount);
    }
    return [...named, ...[...totals].map(([key, positions]) => ({ sector: key.split('|')[1]!, regionCode: key.split('|')[0]!, positions }))];
  }

  /** The supply list of sending counties: the demo's workers of each county by their first skill. */
  function supplyOf(counties: readonly string[]): JobSupplyRecord[] {
    const counts = new Map<string, number>();
    for (const person of everyone) {
      if (!counties.includes(person.hometownCode)) continue;
      const key = `${person.hometownCode}|${person.skills[0] ?? '普工'}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return [...counts]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, workers]) => ({ sendingCountyCode: key.split('|')[0]!, skill: key.split('|')[1]!, workers }));
  }
}

export interface ProgramsSeedResult {
  readonly programs: { readonly created: number; readonly existing: number };
  readonly placements: number;
}

/**
 * Loads the demo into the programs table, only when some demo program is missing (see the header),
 * with `employers` the employers demo the fairs and placements point to, its hires taken.
 */
export async function loadProgramsDemoData(storage: ProgramsStorage, demo: ProgramsDemo, employers: DemoEmployers): Promise<ProgramsSeedResult> {
  const repository = new ProgramRepository(storage.documents, storage.tableName);
  const stored = await repository.getMany(demo.programs.map((p) => p.id));
  const existing = stored.filter((p) => p !== null).length;
  if (existing === demo.programs.length) return { programs: { created: 0, existing }, placements: 0 };

  const placements = new PlacementRepository(storage.documents, storage.tableName);
  const placementsOf = new Map<string, string[]>();
  for (const p of demo.placements) placementsOf.set(p.personId, [...(placementsOf.get(p.personId) ?? []), p.id]);
  const employerPrograms = new Map<string, Set<string>>();
  for (const e of demo.events)
    for (const p of e.participants) employerPrograms.set(p.employerId, (employerPrograms.get(p.employerId) ?? new Set()).add(e.programId));
  // The repositories' own items, and what the people and employers streams would have projected.
  const items = [
    ...demo.placements.flatMap((p) => placements.itemsOf(p)),
    ...[...placementsOf].map(([personId, ids]) => placements.personPlacementsItem(personId, ids)),
    ...demo.profiles.map((p) => placements.personProfileItem(p.personId, p.profile)),
    ...employers.postings.map((posting) => placements.postingTermsItem(postingTermsOf(posting))),
    ...[...employerPrograms].map(([employerId, programIds]) => repository.employerProgramsItem(employerId, programIds)),
    ...counterItems(counterChangesOf(demo)),
    ...participantChangesOf(demo.events).records.map((record) => repository.programEmployerItem(record)),
  ];
  const recordItems = [...demo.events.flatMap((e) => repository.eventItems(e)), ...demo.programs.flatMap((p) => repository.programItems(p))];
  await putInTransactions(storage.documents, storage.tableName, [...items, ...recordItems.filter((item) => !item.entity)]);
  // Records last: a stored program or event means all of the demo's items are there.
  await putInTransactions(
    storage.documents,
    storage.tableName,
    recordItems.filter((item) => item.entity),
  );
  return { programs: { created: demo.programs.length - existing, existing }, placements: demo.placements.length };
}
