/**
 * The article's figures as the API gives them: the shared demo data (loaded by global-setup exactly
 * as `npm start` loads it) read through the real gateway and all three subgraphs.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { haomanId } from '../../scripts/demo/employers.js';
import { demoPersonId, generateFairWorkers, NAMED_PEOPLE } from '../../scripts/demo/people.js';
import { DEMO_EVENT_IDS, DEMO_PROGRAM_IDS, generateProgramsDemo, NAMED_PLACEMENT_IDS } from '../../scripts/demo/programs.js';
import type { Execute } from '../support/graphql.js';
import { useLocalSystem } from '../support/local-system.js';

let anonymous: Execute;
let chongqingCaseworker: Execute;
let system: Awaited<ReturnType<typeof useLocalSystem>>;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: true });
  anonymous = system.execute;
  chongqingCaseworker = system.executeAs({ roles: ['caseworker'], provinces: ['500000'] });
});

const STATISTICS =
  'employers positionsOffered people registeredPoorPeople intentions registeredPoorIntentions hires registrations retained3m retained6m retained12m left averageMonthlyWageUpliftYuan wageUpliftHires';

describe('the demo programs through the gateway', () => {
  it('gives the Zhejiang–Sichuan fair’s statistics as the article does: 122 / 13,000 / 4,112 people / 1,096 registered poor', async () => {
    const { data, errors } = await anonymous(
      `query ($id: ID!) { recruitmentEvent(id: $id) { name heldOn venue { name } program { name kind } statistics { ${STATISTICS} bySendingCounty { sendingCounty { name province } intentions registeredPoorIntentions } } } }`,
      { id: DEMO_EVENT_IDS.zhejiangSichuan },
    );
    expect(errors).toBeUndefined();
    const event = data.recruitmentEvent;
    expect(event).toMatchObject({ name: '2017年浙川就业扶贫劳务协作专场招聘会', program: { kind: 'EAST_WEST' } });
    // 初步达成就业意向4112人: people, distinct; the demo gives each one intention, so placements agree.
    expect(event.statistics).toMatchObject({
      employers: 122,
      positionsOffered: 13_000,
      people: 4_112,
      registeredPoorPeople: 1_096,
      intentions: 4_112,
      registeredPoorIntentions: 1_096,
    });
    // The counties add up to the whole, and every one of them is in Sichuan.
    const counties = event.statistics.bySendingCounty as { sendingCounty: { province: string }; intentions: number; registeredPoorIntentions: number }[];
    expect(counties.length).toBe(9);
    expect(counties.every((c) => c.sendingCounty.province === '四川省')).toBe(true);
    expect(counties.reduce((sum, c) => sum + c.intentions, 0)).toBe(4_112);
    expect(counties.reduce((sum, c) => sum + c.registeredPoorIntentions, 0)).toBe(1_096);
    // The funnel narrows (the statuses after INTENT are illustrative, see the programs demo).
    const s = event.statistics;
    expect(s.intentions).toBeGreaterThan(s.hires);
    expect(s.hires).toBeGreaterThanOrEqual(s.registrations);
    expect(s.registrations).toBeGreaterThanOrEqual(s.retained3m);
    expect(s.retained3m).toBeGreaterThanOrEqual(s.retained6m);
    expect(s.retained6m).toBeGreaterThanOrEqual(s.retained12m);
    // The article gives no like-for-like wage reference for Zhejiang–Sichuan: no uplift, rather than
    // one against Sichuan's all-industry average (which made every hire look about 2,085 yuan worse off).
    expect(s).toMatchObject({ averageMonthlyWageUpliftYuan: null, wageUpliftHires: 0 });
  });

  it('gives Shandong’s February campaign in Chongqing its 212 employers from 14 cities and 20,605 positions, the Fengdu fair of 2017-02-15 one event of it', async () => {
    const { data, errors } = await anonymous(
      `query ($campaign: ID!, $fair: ID!, $program: ID!) {
         campaign: recruitmentEvent(id: $campaign) { kind name heldOn venue { name } campaign { id } statistics { employers positionsOffered } participatingEmployers { id region { cityCode province } } provenance { illustrative source } }
         fair: recruitmentEvent(id: $fair) { kind heldOn venue { name } campaign { id kind } statistics { employers intentions registeredPoorIntentions } participatingEmployers { id } provenance { illustrative } }
         program(id: $program) { statistics { employers positionsOffered postingsOffered } events { edges { node { id } } } }
       }`,
      { campaign: DEMO_EVENT_IDS.shandongCampaign, fair: DEMO_EVENT_IDS.fengdu, program: DEMO_PROGRAM_IDS.chongqingShandong },
    );
    expect(errors).toBeUndefined();
    const { campaign, fair, program } = data;
    expect(campaign).toMatchObject({ kind: 'CAMPAIGN', venue: { name: '重庆市' }, campaign: null, statistics: { employers: 212, positionsOffered: 20_605 } });
    expect(campaign.heldOn.slice(0, 7)).toBe('2017-02');
    expect(campaign.provenance).toEqual({ illustrative: true, source: expect.stringContaining('林晓洁') });
    const employers = campaign.participatingEmployers as { id: string; region: { cityCode: string; province: string } }[];
    expect(employers).toHaveLength(212);
    expect(new Set(employers.map((e) => e.region.cityCode)).size).toBe(14);
    expect(employers.every((e) => e.region.province === '山东省')).toBe(true);
    // The fair: one event of the campaign, where Haoman's recruiter met Wang Longbiao.
    expect(fair).toEqual({
      kind: 'FAIR',
      heldOn: '2017-02-15',
      venue: { name: '丰都县' },
      campaign: { id: DEMO_EVENT_IDS.shandongCampaign, kind: 'CAMPAIGN' },
      statistics: { employers: 1, intentions: 1, registeredPoorIntentions: 1 },
      participatingEmployers: [{ id: haomanId() }],
      provenance: { illustrative: false },
    });
    // Counted once for the program: Haoman at the campaign and at the fair is one employer.
    expect(program.statistics).toMatchObject({ employers: 212, positionsOffered: 20_605 });
    expect(program.events.edges).toHaveLength(2);
  });

  it('follows a placement to its person (people), posting and employer (employers) in one query', async () => {
    const { data, errors } = await chongqingCaseworker(
      `query ($id: ID!) { placement(id: $id) {
         status history { status at } sendingCounty { name }
         event { name heldOn } program { name }
         person { name idNumber povertyRegistered household { povertyStatus registration { registeredOn } } placements { id } }
         posting { title occupation monthlyWageMinYuan benefits { travelReimbursementAfterMonths } employer { name programs { id } } }
       } }`,
      { id: NAMED_PLACEMENT_IDS.wangLongbiao },
    );
    expect(errors).toBeUndefined();
    expect(data.placement).toMatchObject({
      status: 'INTENT',
      history: [{ status: 'INTENT', at: '2017-02-15T03:00:00.000Z' }],
      sendingCounty: { name: '丰都县' },
      event: { name: '渝鲁扶贫协作丰都专场招聘会', heldOn: '2017-02-15' },
      // A Chongqing caseworker sees the ID number of a Chongqing worker unmasked.
      // Registered poor through his household's registration, the one source of the status.
      person: {
        name: '王龙彪',
        idNumber: NAMED_PEOPLE[0]!.idNumber,
        povertyRegistered: true,
        household: { povertyStatus: 'REGISTERED', registration: { registeredOn: '2014-12-31' } },
        placements: [{ id: NAMED_PLACEMENT_IDS.wangLongbiao }],
      },
      posting: {
        title: '电焊工',
        occupation: '焊工',
        benefits: { travelReimbursementAfterMonths: 3 },
        employer: { name: '济南市豪曼汽车配件有限公司', programs: [{ id: DEMO_PROGRAM_IDS.chongqingShandong }] },
      },
    });
  });

  it('shows Li Li retained in Nanjing, hired through the employers subgraph, and the Shaanxi–Jiangsu report', async () => {
    const { data, errors } = await chongqingCaseworker(
      `query ($id: ID!) { person(id: $id) { name employmentRegistrations { id employer { id } startDate } placements { status hireId employmentRegistrationId provenance { illustrative } monthlyWageYuan monthlyWageUpliftYuan posting { hires { person { id } } employer { id region { name } } }
         program { name reports { periodEnd workersRegistered workersRegisteredChange newlyHelpedPoorLaborers } } } } }`,
      { id: demoPersonId(NAMED_PEOPLE[1]!) },
    );
    expect(errors).toBeUndefined();
    const [placement] = data.person.placements;
    expect(placement).toMatchObject({
      status: 'RETAINED_3M',
      posting: { employer: { region: { name: '南京市' } } },
      program: {
        name: '陕苏东西部扶贫劳务协作',
        reports: [{ periodEnd: '2017-09-30', workersRegistered: 187_000, workersRegisteredChange: 19_000, newlyHelpedPoorLaborers: 2_527 }],
      },
    });
    expect(placement.posting.hires.map((h: { person: { id: string } }) => h.person.id)).toContain(demoPersonId(NAMED_PEOPLE[1]!));
    expect(placement.monthlyWageUpliftYuan).toBeNull(); // no like-for-like reference for Nanjing against Ziyang
    // One employment registration: the one her placement's REGISTERED links, with the placement's employer.
    expect(data.person.employmentRegistrations).toEqual([
      { id: placement.employmentRegistrationId, employer: { id: placement.posting.employer.id }, startDate: '2017-06-01' },
    ]);
    expect(placement.provenance).toEqual({ illustrative: true });
  });

  it('holds Hebei’s 9 cities × 22 counties with three lists, Hubei’s 8 cities × 3 counties, Yunnan’s 26 workstations and Shanxi’s 12 pilot counties', async () => {
    const programFields =
      'name kind sendingRegions { code countyCode } receivingRegions { code } jobDemandList { sector region { code } positions } jobSupplyList { sendingCounty { code } workers } responsibilityList { party status } workstations { hostArea sendingRegion { code } duties } events { edges { node { name } } }';
    const { data, errors } = await anonymous(
      `query { hebei: program(id: "${DEMO_PROGRAM_IDS.hebei}") { ${programFields} } hubei: program(id: "${DEMO_PROGRAM_IDS.hubei}") { ${programFields} }
               yunnan: program(id: "${DEMO_PROGRAM_IDS.yunnan}") { ${programFields} } shanxi: program(id: "${DEMO_PROGRAM_IDS.shanxi}") { ${programFields} }
               yichang: program(id: "${DEMO_PROGRAM_IDS.yichang}") { statistics { employers postingsOffered } events { edges { node { heldOn venue { code } statistics { employers postingsOffered } } } } } }`,
    );
    expect(errors).toBeUndefined();
    const { hebei, hubei, yunnan, shanxi, yichang } = data;
    expect(hebei.kind).toBe('INTRA_PROVINCE');
    expect(hebei.receivingRegions).toHaveLength(9);
    expect(hebei.sendingRegions).toHaveLength(22);
    expect(hebei.sendingRegions.every((r: { code: string; countyCode: string | null }) => r.countyCode === r.code)).toBe(true);
    expect(new Set(hebei.jobDemandList.map((d: { region: { code: string } }) => d.region.code)).size).toBe(9);
    expect(new Set(hebei.jobSupplyList.map((s: { sendingCounty: { code: string } }) => s.sendingCounty.code)).size).toBe(22);
    expect(hebei.responsibilityList.length).toBeGreaterThanOrEqual(9);

    expect(hubei.receivingRegions).toHaveLength(8);
    expect(hubei.sendingRegions.length).toBeGreaterThanOrEqual(24);
    expect(hubei.events.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(
      expect.arrayContaining(['情系汉企招聘直通车（长阳站）', '情系汉企招聘直通车（郧西站）']),
    );
    expect(yichang.events.edges).toHaveLength(4);
    expect(yichang.events.edges.every((e: { node: { statistics: { employers: number } } }) => e.node.statistics.employers >= 200)).toBe(true);
    // Four quarterly fairs, each in one of its counties, with the same key employers: counted once for the program.
    expect(new Set(yichang.events.edges.map((e: { node: { venue: { code: string } } }) => e.node.venue.code)).size).toBe(4);
    const perFair = yichang.events.edges[0].node.statistics;
    expect(yichang.statistics).toEqual({ employers: perFair.employers, postingsOffered: perFair.postingsOffered });
    expect(yichang.statistics.employers).toBeLessThan(
      yichang.events.edges.reduce((sum: number, e: { node: { statistics: { employers: number } } }) => sum + e.node.statistics.employers, 0),
    );

    // The province's own workstations in the two deltas, besides the 26 counties'.
    const provinceLevel = yunnan.workstations.filter((w: { sendingRegion: { code: string } }) => w.sendingRegion.code === '530000');
    expect(provinceLevel.map((w: { hostArea: string }) => w.hostArea).sort()).toEqual(['珠江三角洲', '长江三角洲'].sort());
    const countyLevel = yunnan.workstations.filter((w: { sendingRegion: { code: string } }) => w.sendingRegion.code !== '530000');
    expect(new Set(countyLevel.map((w: { sendingRegion: { code: string } }) => w.sendingRegion.code)).size).toBe(26);
    expect(new Set(yunnan.workstations.map((w: { hostArea: string }) => w.hostArea))).toEqual(new Set(['长江三角洲', '珠江三角洲']));
    expect(yunnan.workstations[0].duties).toEqual(['COOPERATION', 'LABOR_EXPORT', 'RIGHTS_PROTECTION', 'SERVICES']);

    expect(shanxi.sendingRegions).toHaveLength(12);
    expect(shanxi.sendingRegions.every((r: { code: string }) => r.code.startsWith('14'))).toBe(true);
    // A sending-side pilot: the article names no destinations, so none are made up.
    expect(shanxi.receivingRegions).toEqual([]);
  });

  it('finds the programs by kind and by sending or receiving province', async () => {
    const names = async (filter: Record<string, string>) =>
      (
        (await anonymous('query ($filter: ProgramsFilter) { programs(filter: $filter, first: 50) { edges { node { id } } } }', { filter })).data.programs
          .edges as { node: { id: string } }[]
      ).map((e) => e.node.id);
    expect(await names({ sendingProvinceCode: '510000' })).toEqual([DEMO_PROGRAM_IDS.zhejiangSichuan]);
    expect(await names({ receivingProvinceCode: '370000' })).toEqual([DEMO_PROGRAM_IDS.chongqingShandong]);
    expect(await names({ kind: 'PROJECT_COUNTY' })).toEqual([DEMO_PROGRAM_IDS.hubeiProjects]);
    expect(await names({ kind: 'INTRA_PROVINCE', sendingProvinceCode: '420000' })).toEqual(
      expect.arrayContaining([DEMO_PROGRAM_IDS.hubei, DEMO_PROGRAM_IDS.yichang]),
    );
  });
});

describe('pairings as data through the gateway', () => {
  it('gives Hebei’s 9 cities × 22 counties and Hubei’s 8 cities × at least 3 counties with full coverage, queryable, with per-pair statistics', async () => {
    const fields =
      'pairings { receivingRegion { code } sendingCounties { code } agreedOn terms statistics { people intentions } } pairingRule { minimumSendingCountiesPerReceiver fullCoverage description } pairingCoverage { receivingRegions sendingCounties unpairedSendingCounties { code } receiversBelowMinimum { code } meetsRule }';
    const { data, errors } = await anonymous(
      `{ hebei: program(id: "${DEMO_PROGRAM_IDS.hebei}") { ${fields} } hubei: program(id: "${DEMO_PROGRAM_IDS.hubei}") { ${fields} } zhejiang: program(id: "${DEMO_PROGRAM_IDS.zhejiangSichuan}") { pairings { receivingRegion { code } } pairingCoverage { meetsRule } } }`,
    );
    expect(errors).toBeUndefined();
    const { hebei, hubei, zhejiang } = data;
    expect(hebei.pairingCoverage).toEqual({
      receivingRegions: 9,
      sendingCounties: 22,
      unpairedSendingCounties: [],
      receiversBelowMinimum: [],
      meetsRule: true,
    });
    expect(hebei.pairings[0]).toMatchObject({ agreedOn: null, terms: ['对口培训', '提升技能', '安置就业'] });
    expect(hubei.pairingRule).toEqual({
      minimumSendingCountiesPerReceiver: 3,
      fullCoverage: true,
      description: expect.stringContaining('每个市至少对接3个以上贫困县'),
    });
    expect(hubei.pairingCoverage).toMatchObject({ receivingRegions: 8, unpairedSendingCounties: [], receiversBelowMinimum: [], meetsRule: true });
    expect(hubei.pairings.every((p: { sendingCounties: unknown[] }) => p.sendingCounties.length >= 3)).toBe(true);
    // Per-pair statistics: the program's counts of the pair's sending counties.
    for (const pairing of [...hebei.pairings, ...hubei.pairings])
      expect(pairing.statistics).toEqual({ people: expect.any(Number), intentions: expect.any(Number) });
    expect(zhejiang).toEqual({ pairings: [], pairingCoverage: { meetsRule: true } });
  });
});

describe('registered-poor status and subsidy rules through the gateway', () => {
  it('makes the fair’s registered-poor workers so by their households’ registrations, and the others not', async () => {
    const sichuanCaseworker = system.executeAs({ roles: ['caseworker'], provinces: ['510000'] });
    const workers = generateFairWorkers();
    const sample = [...workers.filter((w) => w.povertyRegistered).slice(0, 4), ...workers.filter((w) => !w.povertyRegistered).slice(0, 4)];
    const fields = sample
      .map(
        (w, i) =>
          `p${i}: person(id: "${demoPersonId(w)}") { povertyRegistered povertyStatusOn(date: "2017-04-18") household { povertyStatus members { id } } }`,
      )
      .join('\n');
    const { data, errors } = await sichuanCaseworker(`{ ${fields} }`);
    expect(errors).toBeUndefined();
    const people = sample.map((_, i) => data[`p${i}`]);
    for (const person of people.slice(0, 4))
      expect(person).toMatchObject({ povertyRegistered: true, povertyStatusOn: 'REGISTERED', household: { povertyStatus: 'REGISTERED' } });
    for (const person of people.slice(4)) expect(person).toEqual({ povertyRegistered: false, povertyStatusOn: 'NOT_REGISTERED', household: null });
  });

  it('gives Shanxi’s pilot its subsidy rule and insurance route as the article states them, and other programs none', async () => {
    const { data, errors } = await anonymous(
      `{ shanxi: program(id: "${DEMO_PROGRAM_IDS.shanxi}") { socialInsuranceSubsidyRule { scheme maxMonths maxShareOfContribution registeredPoorOnly payer insuranceRoute source } provenance { illustrative note } }
         zhejiang: program(id: "${DEMO_PROGRAM_IDS.zhejiangSichuan}") { socialInsuranceSubsidyRule { scheme } } }`,
    );
    expect(errors).toBeUndefined();
    expect(data.shanxi.socialInsuranceSubsidyRule).toEqual({
      scheme: 'SHANXI_EMPLOYEE_SYSTEM',
      maxMonths: 36,
      maxShareOfContribution: '2/3',
      registeredPoorOnly: true,
      payer: expect.stringContaining('输出地县级政府'),
      insuranceRoute: '劳务输出人员按城镇灵活就业人员参加基本养老、基本医疗保险',
      source: expect.stringContaining('补贴标准不超过本人实际缴费的2/3'),
    });
    expect(data.shanxi.provenance).toEqual({ illustrative: true, note: expect.stringContaining('It names no destinations') });
    expect(data.zhejiang.socialInsuranceSubsidyRule).toBeNull();
  });
});

describe('wage uplift like for like, through the gateway', () => {
  it('gives Shandong’s jobs +1,000 against similar jobs in Chongqing and Wang Longbiao’s welder job +4,000 against Fengdu', async () => {
    const { data, errors } = await chongqingCaseworker(
      `query ($program: ID!, $placement: ID!) {
         program(id: $program) { wageReference { basis label referenceMonthlyWageYuan comparedMonthlyWageYuan upliftYuan source } }
         placement(id: $placement) { status monthlyWageUpliftYuan wageComparison { basis label referenceMonthlyWageYuan monthlyWageYuan agreed upliftYuan source } }
       }`,
      { program: DEMO_PROGRAM_IDS.chongqingShandong, placement: NAMED_PLACEMENT_IDS.wangLongbiao },
    );
    expect(errors).toBeUndefined();
    expect(data.program.wageReference).toEqual({
      basis: 'PROGRAM_SIMILAR_JOBS',
      label: '重庆同类岗位 (similar jobs in Chongqing)',
      referenceMonthlyWageYuan: 2_000,
      comparedMonthlyWageYuan: 3_000,
      upliftYuan: 1_000,
      source: expect.stringContaining('比重庆同类岗位高1000元左右'),
    });
    // Still an intention: compared at the posting's lowest offered wage, labelled as such.
    expect(data.placement).toEqual({
      status: 'INTENT',
      monthlyWageUpliftYuan: null,
      wageComparison: {
        basis: 'COUNTY_OCCUPATION',
        label: '焊工 in 丰都县 (Fengdu County)',
        referenceMonthlyWageYuan: 2_000,
        monthlyWageYuan: 6_000,
        agreed: false,
        upliftYuan: 4_000,
        source: expect.stringContaining('4000多元'),
      },
    });
  });

  it('shows no negative uplift anywhere in the demo', async () => {
    const demo = generateProgramsDemo();
    expect(demo.placements.filter((p) => (p.monthlyWageUpliftYuan ?? 0) < 0)).toEqual([]);
    const { data, errors } = await anonymous(
      `{ programs(first: 20) { edges { node { name statistics { averageMonthlyWageUpliftYuan } wageReference { upliftYuan } } } } }`,
    );
    expect(errors).toBeUndefined();
    for (const { node } of data.programs.edges) {
      expect(node.statistics.averageMonthlyWageUpliftYuan ?? 0).toBeGreaterThanOrEqual(0);
      expect(node.wageReference?.upliftYuan ?? 0).toBeGreaterThanOrEqual(0);
    }
  });
});

describe('the national register through the gateway', () => {
  it('knows counties of every province, the ones the article’s demo never used among them', async () => {
    // One county from each of 20 provinces; 513427, 520322 and 620421 were unknown before the full list.
    const codes = [
      '513427',
      '520322',
      '620421',
      '500230',
      '130722',
      '140922',
      '150421',
      '210422',
      '220524',
      '230621',
      '341322',
      '360735',
      '411523',
      '422823',
      '433130',
      '451227',
      '440882',
      '469030',
      '540122',
      '659001',
    ];
    // Ten aliases a request: the gateway limits aliases per operation.
    const regions: any[] = [];
    for (const batch of [codes.slice(0, 10), codes.slice(10)]) {
      const fields = batch
        .map((code, i) => `r${i}: region(code: "${code}") { code name nameEn provinceCode city povertyDesignation { kind source } }`)
        .join('\n');
      const { data, errors } = await anonymous(`{ ${fields} }`);
      expect(errors).toBeUndefined();
      regions.push(...batch.map((_, i) => data[`r${i}`]));
    }
    expect(regions.filter((r) => r === null)).toEqual([]);
    expect(new Set(regions.map((r) => r.provinceCode)).size).toBe(20);
    expect(regions.slice(0, 3)).toEqual([
      { code: '513427', name: '宁南县', nameEn: 'Ningnan County', provinceCode: '510000', city: '凉山彝族自治州', povertyDesignation: null },
      { code: '520322', name: '桐梓县', nameEn: 'Tongzi County', provinceCode: '520000', city: '遵义市', povertyDesignation: null },
      { code: '620421', name: '靖远县', nameEn: 'Jingyuan County', provinceCode: '620000', city: '白银市', povertyDesignation: null },
    ]);
    expect(regions[3].povertyDesignation).toEqual({ kind: 'NATIONAL_POOR_COUNTY', source: expect.stringContaining('国家级贫困县重庆市丰都县') });
  });
});
