import { stableId } from '../../subgraphs/shared/domain/ids.js';
import { SeededRandom } from './seeded-random.js';
import { putInTransactions } from './bulk-load.js';
import type { EmployersStorage } from '../../subgraphs/employers/context.js';
import { EmployerRepository, type EmployerRecord, type EmployerSize, type Industry } from '../../subgraphs/employers/employer-repository.js';
import {
  hireIdOf,
  PostingRepository,
  type BenefitsRecord,
  type HireRecord,
  type Housing,
  type PostingRecord,
} from '../../subgraphs/employers/posting-repository.js';
import { CODE_ALPHABET, makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';

/** A campaign of DOMAIN.md: who brought how many employers and positions, where, and at what pay. */
interface Campaign {
  readonly key: string;
  readonly employers: number;
  /** The article's total of positions; null where it gives none (then each employer offers 10–60). */
  readonly positions: number | null;
  readonly cityCodes: readonly string[];
  readonly manufacturingShare: number;
  /** Range of the postings' minimum monthly wage, integer yuan. */
  readonly wageMinFrom: number;
  readonly wageMinTo: number;
  readonly postedOn: string;
  /** Share of postings that reimburse travel, as the Shandong employers did for Chongqing workers. */
  readonly travelShare: number;
}

export const CAMPAIGNS = {
  // Feb 2017: 212 enterprises from 14 Shandong cities, 20,605 positions, mostly manufacturing,
  // average pay above 3,000 yuan; the Chongqing–Shandong fair in Fengdu was on 2017-02-15.
  shandong: {
    key: 'shandong-chongqing-2017',
    employers: 212,
    positions: 20_605,
    cityCodes: ['370100', '370200', '370300', '370400', '370600', '370700', '370800', '370900', '371000', '371300', '371400', '371500', '371600', '371700'],
    manufacturingShare: 0.75,
    wageMinFrom: 3000,
    wageMinTo: 3600,
    postedOn: '2017-02-08',
    travelShare: 0.6,
  },
  // April 2017: the Zhejiang–Sichuan fair, 122 enterprises, 13,000 positions.
  zhejiang: {
    key: 'zhejiang-sichuan-2017',
    employers: 122,
    positions: 13_000,
    cityCodes: ['330100', '330200', '330300', '330400', '330500', '330600', '330700', '330800', '330900', '331000', '331100'],
    manufacturingShare: 0.7,
    wageMinFrom: 3200,
    wageMinTo: 4200,
    postedOn: '2017-04-10',
    travelShare: 0.5,
  },
  // Yichang brings 200+ key local employers to its 5 poor counties every quarter.
  yichang: {
    key: 'yichang-2017',
    employers: 206,
    positions: null,
    cityCodes: ['420500'],
    manufacturingShare: 0.6,
    wageMinFrom: 2200,
    wageMinTo: 3200,
    postedOn: '2017-03-01',
    travelShare: 0,
  },
  // Xiaogan took 30+ enterprises to Enshi.
  xiaogan: {
    key: 'xiaogan-enshi-2017',
    employers: 32,
    positions: null,
    cityCodes: ['420900'],
    manufacturingShare: 0.6,
    wageMinFrom: 2000,
    wageMinTo: 3000,
    postedOn: '2017-05-01',
    travelShare: 0.2,
  },
  // Shaanxi workers employed in Jiangsu, such as Li Li in Nanjing.
  nanjing: {
    key: 'jiangsu-nanjing-2017',
    employers: 10,
    positions: null,
    cityCodes: ['320100'],
    manufacturingShare: 0.8,
    wageMinFrom: 3500,
    wageMinTo: 5000,
    postedOn: '2017-06-01',
    travelShare: 0.3,
  },
} as const satisfies Record<string, Campaign>;

const DEMO_CREATED_AT = '2017-01-01T00:00:00.000Z';

/**
 * Jinan Haoman Auto Parts, whose recruiter Mr. Liu told Wang Longbiao at the Fengdu fair that travel
 * is reimbursed after working for a while and showed him the welders' work. The article gives
 * neither the months nor the wages: 3 months and 6,000–8,000 yuan (its "4,000+ more than a welder
 * in Fengdu") are assumptions. One of Shandong's 212 employers; its 90 positions count in 20,605.
 */
export const HAOMAN = {
  name: '济南市豪曼汽车配件有限公司',
  creditCode: makeCreditCode('370100', 'HM201702'),
  regionCode: '370100',
  postings: [
    { title: '电焊工', occupation: '焊工', headcount: 30, min: 6000, max: 8000 },
    { title: '二氧化碳气体保护焊工', occupation: '焊工', headcount: 20, min: 5500, max: 7000 },
    { title: '汽车配件装配工', occupation: '装配工', headcount: 40, min: 3200, max: 4200 },
  ],
} as const;

export const haomanId = () => stableId('emp', HAOMAN.creditCode);

const MANUFACTURING_OCCUPATIONS = ['焊工', '普工', '装配工', '车工', '钳工', '电工', '质检员', '缝纫工', '叉车司机'];
const OTHER_INDUSTRIES: readonly { industry: Industry; suffix: string; occupations: string[] }[] = [
  { industry: 'CONSTRUCTION', suffix: '建筑工程', occupations: ['建筑工', '电工', '焊工'] },
  { industry: 'TRANSPORT_LOGISTICS', suffix: '物流', occupations: ['快递员', '叉车司机', '普工'] },
  { industry: 'HOSPITALITY_CATERING', suffix: '餐饮管理', occupations: ['厨师', '保洁员'] },
  { industry: 'RESIDENT_SERVICES', suffix: '家政服务', occupations: ['家政服务员', '保洁员'] },
  { industry: 'BUSINESS_SERVICES', suffix: '物业管理', occupations: ['保安员', '保洁员'] },
];
const MANUFACTURING_SUFFIXES = ['机械制造', '汽车零部件', '纺织', '电子科技', '食品', '家具', '钢结构', '服装', '橡胶制品', '精密铸造'];
const BRAND_CHARACTERS = '鑫达华盛恒通宏远金泰瑞丰永兴德润信诚天元博海隆昌嘉禾利民新世宇顺康明汇正中联祥';
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘';
const SIZES: readonly EmployerSize[] = ['SMALL', 'SMALL', 'MEDIUM', 'MEDIUM', 'MEDIUM', 'LARGE', 'MICRO'];
const CITY_SHORT_NAMES: Record<string, string> = {
  '370100': '济南',
  '370200': '青岛',
  '370300': '淄博',
  '370400': '枣庄',
  '370600': '烟台',
  '370700': '潍坊',
  '370800': '济宁',
  '370900': '泰安',
  '371000': '威海',
  '371300': '临沂',
  '371400': '德州',
  '371500': '聊城',
  '371600': '滨州',
  '371700': '菏泽',
  '330100': '杭州',
  '330200': '宁波',
  '330300': '温州',
  '330400': '嘉兴',
  '330500': '湖州',
  '330600': '绍兴',
  '330700': '金华',
  '330800': '衢州',
  '330900': '舟山',
  '331000': '台州',
  '331100': '丽水',
  '420500': '宜昌',
  '420900': '孝感',
  '320100': '南京',
};

/** Splits `total` into `parts` positive integers by random weights; the parts add up to `total` exactly. */
export function splitTotal(random: SeededRandom, total: number, parts: number, minimum = 1): number[] {
  if (total < parts * minimum) throw new Error(`Cannot split ${total} into ${parts} parts of at least ${minimum}.`);
  const weights = Array.from({ length: parts }, () => 0.3 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = total - parts * minimum;
  const shares = weights.map((w) => minimum + Math.floor((spare * w) / sum));
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; left > 0; i = (i + 1) % parts, left--) shares[i]! += 1;
  return shares;
}

export interface DemoEmployers {
  readonly employers: EmployerRecord[];
  readonly postings: PostingRecord[];
  /** Employer ids per campaign key, for tests that check the article's totals. */
  readonly campaigns: Readonly<Record<keyof typeof CAMPAIGNS, string[]>>;
}

function benefitsFor(random: SeededRandom, campaign: Campaign): BenefitsRecord {
  const housing: Housing = random.pick(['FREE_DORMITORY', 'FREE_DORMITORY', 'SUBSIDIZED_DORMITORY', 'ALLOWANCE', 'NONE']);
  return {
    ...(random.chance(campaign.travelShare) ? { travelReimbursementAfterMonths: random.int(2, 6) } : {}),
    housing,
    socialInsurance: random.chance(0.9),
  };
}

/** Every demo employer and posting, in a fixed order; the same seed gives the same data. */
export function generateDemoEmployers(seed = 2017): DemoEmployers {
  const random = new SeededRandom(seed);
  const employers: EmployerRecord[] = [];
  const postings: PostingRecord[] = [];
  const campaigns = {} as Record<keyof typeof CAMPAIGNS, string[]>;
  const usedNames = new Set<string>([HAOMAN.name]);
  const usedCodes = new Set<string>([HAOMAN.creditCode]);

  const addEmployer = (
    fields: Omit<EmployerRecord, 'id' | 'positionsOffered' | 'version' | 'createdAt' | 'updatedAt'>,
    campaign: Campaign,
    jobs: Omit<PostingRecord, 'id' | 'employerId' | 'industry' | 'filled' | 'status' | 'postedOn' | 'hires' | 'version' | 'createdAt' | 'updatedAt'>[],
  ) => {
    const id = stableId('emp', fields.unifiedSocialCreditCode);
    const createdAt = `${campaign.postedOn}T00:00:00.000Z`;
    for (const [i, job] of jobs.entries()) {
      postings.push({
        id: stableId('job', `${id}#${i}`),
        employerId: id,
        industry: fields.industry,
        filled: 0,
        status: 'OPEN',
        postedOn: campaign.postedOn,
        hires: [],
        version: 1,
        createdAt,
        updatedAt: createdAt,
        ...job,
      });
    }
    employers.push({
      id,
      ...fields,
      positionsOffered: jobs.reduce((sum, job) => sum + job.headcount, 0),
      version: 1,
      createdAt: DEMO_CREATED_AT,
      updatedAt: DEMO_CREATED_AT,
    });
    return id;
  };

  const contact = () => ({
    name: `${random.pick([...SURNAMES])}${random.chance(0.6) ? '先生' : '女士'}`,
    phone: `1${random.pick(['3', '5', '8'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`,
  });

  for (const [name, campaign] of Object.entries(CAMPAIGNS) as [keyof typeof CAMPAIGNS, Campaign][]) {
    const ids: string[] = [];
    let employerCount = campaign.employers;
    let positions = campaign.positions;
    if (name === 'shandong') {
      ids.push(
        addEmployer(
          {
            name: HAOMAN.name,
            unifiedSocialCreditCode: HAOMAN.creditCode,
            regionCode: HAOMAN.regionCode,
            industry: 'MANUFACTURING',
            size: 'MEDIUM',
            contactPerson: { name: '刘先生', phone: '13805310217' },
          },
          campaign,
          HAOMAN.postings.map((p) => ({
            title: p.title,
            occupation: p.occupation,
            headcount: p.headcount,
            monthlyWageMinYuan: p.min,
            monthlyWageMaxYuan: p.max,
            workplaceCode: HAOMAN.regionCode,
            requirements: p.occupation === '焊工' ? ['18–45 岁', '有焊工操作经验者优先，无经验可培训'] : ['18–45 岁'],
            benefits: { travelReimbursementAfterMonths: 3, housing: 'FREE_DORMITORY', socialInsurance: true },
          })),
        ),
      );
      employerCount -= 1;
      positions = (campaign.positions ?? 0) - HAOMAN.postings.reduce((sum, p) => sum + p.headcount, 0);
    }
    const headcounts = positions === null ? Array.from({ length: employerCount }, () => random.int(10, 60)) : splitTotal(random, positions, employerCount, 10);

    for (let i = 0; i < employerCount; i++) {
      const cityCode = campaign.cityCodes[i % campaign.cityCodes.length]!;
      const manufacturing = random.chance(campaign.manufacturingShare);
      const other = random.pick(OTHER_INDUSTRIES);
      const suffix = manufacturing ? random.pick(MANUFACTURING_SUFFIXES) : other.suffix;
      let employerName: string;
      do {
        employerName = `${CITY_SHORT_NAMES[cityCode]}${random.pick([...BRAND_CHARACTERS])}${random.pick([...BRAND_CHARACTERS])}${suffix}有限公司`;
      } while (usedNames.has(employerName));
      usedNames.add(employerName);
      let code: string;
      do {
        code = makeCreditCode(cityCode, Array.from({ length: 8 }, () => random.pick([...CODE_ALPHABET])).join(''));
      } while (usedCodes.has(code));
      usedCodes.add(code);

      const occupations = manufacturing ? MANUFACTURING_OCCUPATIONS : other.occupations;
      const total = headcounts[i]!;
      // At most 1,000 places per posting, and rarely fewer than 5 per posting.
      const postingCount = Math.max(Math.ceil(total / 1000), Math.min(random.int(1, 4), Math.floor(total / 5) || 1));
      const jobs = splitTotal(random, total, postingCount).map((headcount) => {
        const occupation = random.pick(occupations);
        const min = random.int(campaign.wageMinFrom / 100, campaign.wageMinTo / 100) * 100;
        return {
          title: occupation,
          occupation,
          headcount,
          monthlyWageMinYuan: min,
          monthlyWageMaxYuan: min + random.int(4, 15) * 100,
          workplaceCode: cityCode,
          requirements: ['18–50 岁', '身体健康'],
          benefits: benefitsFor(random, campaign),
        };
      });
      ids.push(
        addEmployer(
          {
            name: employerName,
            unifiedSocialCreditCode: code,
            regionCode: cityCode,
            industry: manufacturing ? 'MANUFACTURING' : other.industry,
            size: random.pick(SIZES),
            contactPerson: contact(),
          },
          campaign,
          jobs,
        ),
      );
    }
    campaigns[name] = ids;
  }
  return { employers, postings, campaigns };
}

/** A hire another subgraph's demo stands on (a placement past INTENT): recorded here, where capacity lives. */
export interface DemoHire {
  readonly postingId: string;
  readonly personId: string;
  readonly hiredAt: string;
}

/** The demo with `hires` taken: each posting's `filled`, `hires` and status as `hire` would have left them. */
export function withDemoHires(demo: DemoEmployers, hires: readonly DemoHire[]): DemoEmployers {
  const byPosting = new Map<string, DemoHire[]>();
  for (const hire of hires) byPosting.set(hire.postingId, [...(byPosting.get(hire.postingId) ?? []), hire]);
  const unknown = [...byPosting.keys()].filter((id) => !demo.postings.some((p) => p.id === id));
  if (unknown.length > 0) throw new Error(`Demo hires name postings the employers demo does not have: ${unknown.join(', ')}.`);
  return {
    ...demo,
    postings: demo.postings.map((posting) => {
      const taken = byPosting.get(posting.id);
      if (!taken) return posting;
      if (taken.length > posting.headcount)
        throw new Error(`Demo hires overfill posting ${posting.id}: ${taken.length} hires for ${posting.headcount} places.`);
      return {
        ...posting,
        filled: taken.length,
        hires: taken.map(({ personId, hiredAt }) => ({ personId, hiredAt })),
        status: taken.length === posting.headcount ? 'FILLED' : posting.status,
      };
    }),
  };
}

/** The hire records and per-person hire lists of the demo's postings, as `hire` writes them. */
function hireItems(repository: PostingRepository, postings: readonly PostingRecord[]): Record<string, unknown>[] {
  const hiresOf = new Map<string, HireRecord[]>();
  const items: Record<string, unknown>[] = [];
  for (const posting of postings) {
    for (const { personId, hiredAt } of posting.hires) {
      const hire: HireRecord = { id: hireIdOf(posting.id, personId), postingId: posting.id, personId, hiredAt };
      items.push(repository.hireItem(hire, { callerSubject: 'demo', idempotencyKey: `demo:${hire.id}` }));
      hiresOf.set(personId, [...(hiresOf.get(personId) ?? []), hire]);
    }
  }
  for (const [personId, hires] of hiresOf)
    items.push(
      repository.personHiresItem(
        personId,
        hires.sort((a, b) => a.hiredAt.localeCompare(b.hiredAt)),
      ),
    );
  return items;
}

export interface EmployersSeedResult {
  readonly employers: { readonly created: number; readonly existing: number };
  readonly postings: { readonly created: number; readonly existing: number };
}

/**
 * Loads every demo employer and posting not stored yet. `personIds` are the people the people demo
 * has: what the people table's stream would have projected (hire needs it), written with the first load.
 */
export async function loadEmployersDemoData(
  storage: EmployersStorage,
  demo = generateDemoEmployers(),
  personIds: readonly string[] = [],
): Promise<EmployersSeedResult> {
  const employerRepository = new EmployerRepository(storage.documents, storage.tableName);
  const postingRepository = new PostingRepository(storage.documents, storage.tableName);
  // Reading first keeps a second load cheap and never overwrites what users changed since.
  const [storedEmployers, storedPostings] = await Promise.all([
    employerRepository.getMany(demo.employers.map((e) => e.id)),
    postingRepository.getMany(demo.postings.map((p) => p.id)),
  ]);
  const missingEmployers = demo.employers.filter((_, i) => storedEmployers[i] === null);
  const missingPostings = demo.postings.filter((_, i) => storedPostings[i] === null);
  const itemSets = [...missingEmployers.map((e) => employerRepository.itemsOf(e)), ...missingPostings.map((p) => postingRepository.itemsOf(p))];
  // Index and uniqueness items first, the records last: a stored record means its items are there,
  // so a load cut short is completed by the next one.
  const knownPeople = missingPostings.length > 0 ? personIds.map((id) => postingRepository.knownPersonItem(id)) : [];
  await putInTransactions(storage.documents, storage.tableName, [
    ...itemSets.flatMap((items) => items.slice(0, -1)),
    ...hireItems(postingRepository, missingPostings),
    ...knownPeople,
  ]);
  await putInTransactions(
    storage.documents,
    storage.tableName,
    itemSets.map((items) => items.at(-1)!),
  );
  return {
    employers: { created: missingEmployers.length, existing: demo.employers.length - missingEmployers.length },
    postings: { created: missingPostings.length, existing: demo.postings.length - missingPostings.length },
  };
}
