/**
 * Shanxi's demo data: a labor-service company in each county the demo workers come from, and an
 * employee-system contract for each worker, employed in Beijing, Tianjin or Hebei. The company
 * names, pay and dates are made up; the rule they feed (subsidy ≤ 2/3 of the contribution, ≤ 36
 * months, registered poor only) is subsidy-rule.ts. Idempotent: ids are stable.
 *
 * The workers are the people the graph's people subgraph knows (their ids), as a province would
 * learn them: handed over, not looked up in someone else's code. Locally the core's runner writes
 * them to a JSON file (`SHANXI_DEMO_PEOPLE_FILE`): `[{ "id": "per_…", "hometownCode": "141124" }, …]`,
 * in the people demo's order. Names, ID numbers and poverty status are not in it: this service
 * stores none of them (the gateway joins the name from the people subgraph, and passes
 * `povertyRegistered` along for the subsidy statement only).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Storage } from './dynamodb.js';
import { putItems } from './dynamodb.js';
import { LaborContractRepository, type LaborCompanyRecord, type LaborContractRecord } from './labor-contract-repository.js';
import { findRegion } from './regions.js';

/** A worker of the people subgraph, as handed to Shanxi: the person's id and their hometown county. */
export interface DemoWorker {
  readonly id: string;
  readonly hometownCode: string;
}

/** Reads and checks the demo workers file; fails naming the file and the first bad entry. */
export function readDemoWorkers(file: string): DemoWorker[] {
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of { id, hometownCode }.`);
  return parsed.map((entry: unknown, index) => {
    const { id, hometownCode } = (entry ?? {}) as Partial<Record<keyof DemoWorker, unknown>>;
    if (typeof id !== 'string' || !id || typeof hometownCode !== 'string' || !findRegion(hometownCode)?.county || !hometownCode.startsWith('14')) {
      throw new Error(
        `${file}: entry ${index} must be { "id": "<person id>", "hometownCode": "<a Shanxi county of regions.ts>" }, got ${JSON.stringify(entry)}.`,
      );
    }
    return { id, hometownCode };
  });
}

const PLACED_WITH = ['北京城建物业服务有限公司', '天津港物流集团', '河北雄安建设工程有限公司', '北京顺丰速运有限公司', '天津一汽丰田配件厂'];
const WORKPLACES = ['110000', '120000', '130000'];

// Crockford base32 of a SHA-256: the same id for the same key on every machine.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
function stableId(prefix: string, key: string): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const byte of createHash('sha256').update(key).digest()) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 26) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return `${prefix}_${out}`;
}

/** A deterministic pseudo-random source (mulberry32): the same demo data on every machine. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

export const demoCompanyId = (countyCode: string) => stableId('lsc', `shanxi:${countyCode}`);

export function shanxiDemoData(workers: readonly DemoWorker[]): { companies: LaborCompanyRecord[]; contracts: LaborContractRecord[] } {
  const counties = [...new Set(workers.map((w) => w.hometownCode))].sort();
  const companies = counties.map((countyCode) => ({
    id: demoCompanyId(countyCode),
    name: `${findRegion(countyCode)?.name ?? countyCode}劳务服务有限公司`,
    countyCode,
  }));
  const random = seededRandom(1401);
  const contracts = workers.map((worker): LaborContractRecord => {
    const startDate = `${random.int(2017, 2018)}-${String(random.int(1, 12)).padStart(2, '0')}-01`;
    const monthlyPayYuan = random.int(30, 55) * 100;
    return {
      id: stableId('lct', `shanxi:${worker.id}`),
      companyId: demoCompanyId(worker.hometownCode),
      workerId: worker.id,
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

/** Writes the demo data of `workers`; writing it again changes nothing (same ids, same items). */
export async function loadShanxiDemoData(storage: Storage, workers: readonly DemoWorker[]): Promise<{ companies: number; contracts: number }> {
  const repository = new LaborContractRepository(storage);
  const { companies, contracts } = shanxiDemoData(workers);
  await putItems(storage, [...companies.map((c) => repository.companyItem(c)), ...repository.contractItems(contracts)]);
  return { companies: companies.length, contracts: contracts.length };
}
