/**
 * Shanxi's demo data: a labor-service company in each pilot county of the people demo, and an
 * employee-system contract for each Shanxi worker of the people demo, employed in Beijing, Tianjin or
 * Hebei. The company names, pay and dates are made up; the rule they feed (subsidy ≤ 2/3 of the
 * contribution, ≤ 36 months, registered poor only) is DOMAIN.md's. Idempotent: ids are stable.
 */
import { DEMO_PEOPLE_COUNT, demoPersonId, generatePeople } from '../../scripts/demo/people.js';
import { putInTransactions } from '../../scripts/demo/bulk-load.js';
import { stableId } from '../../subgraphs/shared/domain/ids.js';
import { findRegion } from '../../subgraphs/shared/domain/regions.js';
import { SeededRandom } from '../../scripts/demo/seeded-random.js';
import type { SubgraphStorage } from '../../subgraphs/subgraph-list.js';
import { LaborContractRepository, type LaborCompanyRecord, type LaborContractRecord } from './labor-contract-repository.js';

const PLACED_WITH = ['北京城建物业服务有限公司', '天津港物流集团', '河北雄安建设工程有限公司', '北京顺丰速运有限公司', '天津一汽丰田配件厂'];
const WORKPLACES = ['110000', '120000', '130000'];

export const demoCompanyId = (countyCode: string) => stableId('lsc', `shanxi:${countyCode}`);

export function shanxiDemoData(): { companies: LaborCompanyRecord[]; contracts: LaborContractRecord[] } {
  // The people demo's Shanxi workers, found the way a province would: by the ids the API gives them.
  const workers = generatePeople(DEMO_PEOPLE_COUNT).filter((person) => person.hometownCode.startsWith('14'));
  const counties = [...new Set(workers.map((w) => w.hometownCode))].sort();
  const companies = counties.map((countyCode) => ({
    id: demoCompanyId(countyCode),
    name: `${findRegion(countyCode)?.name ?? countyCode}劳务服务有限公司`,
    countyCode,
  }));
  const random = new SeededRandom(1401);
  const contracts = workers.map((worker): LaborContractRecord => {
    const startDate = `${random.int(2017, 2018)}-${String(random.int(1, 12)).padStart(2, '0')}-01`;
    const monthlyPayYuan = random.int(30, 55) * 100;
    return {
      id: stableId('lct', `shanxi:${demoPersonId(worker)}`),
      companyId: demoCompanyId(worker.hometownCode),
      workerId: demoPersonId(worker),
      workplaceCode: random.pick(WORKPLACES),
      placedWithEmployerName: random.pick(PLACED_WITH),
      startDate,
      endDate: null,
      monthlyPayYuan,
      insurance: [
        // The worker's own shares: 8 % of pay to pension, 2 % to medical insurance.
        { kind: 'URBAN_EMPLOYEE_PENSION', enrolledOn: startDate, monthlyContributionFen: monthlyPayYuan * 8 },
        { kind: 'URBAN_EMPLOYEE_MEDICAL', enrolledOn: startDate, monthlyContributionFen: monthlyPayYuan * 2 },
      ],
    };
  });
  return { companies, contracts };
}

/** Writes the demo data; writing it again changes nothing (same ids, same items). */
export async function loadShanxiDemoData(storage: SubgraphStorage): Promise<{ companies: number; contracts: number }> {
  const repository = new LaborContractRepository(storage.documents, storage.tableName);
  const { companies, contracts } = shanxiDemoData();
  await putInTransactions(storage.documents, storage.tableName, [...companies.map((c) => repository.companyItem(c)), ...repository.contractItems(contracts)]);
  return { companies: companies.length, contracts: contracts.length };
}
