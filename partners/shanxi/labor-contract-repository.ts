import { mapConnection, queryPage, type Connection, type PageArgs } from './connection.js';
import { getManyById, withoutKeys, type Storage } from './dynamodb.js';

export interface LaborCompanyRecord {
  readonly id: string;
  readonly name: string;
  readonly countyCode: string;
}

export type InsuranceKind = 'URBAN_EMPLOYEE_PENSION' | 'URBAN_EMPLOYEE_MEDICAL';

export interface InsuranceEnrolmentRecord {
  readonly kind: InsuranceKind;
  readonly enrolledOn: string;
  readonly monthlyContributionFen: number;
}

export interface LaborContractRecord {
  readonly id: string;
  readonly companyId: string;
  /** The people subgraph's person id. */
  readonly workerId: string;
  readonly workplaceCode: string;
  readonly placedWithEmployerName: string;
  readonly startDate: string;
  readonly endDate: string | null;
  readonly monthlyPayYuan: number;
  readonly insurance: readonly InsuranceEnrolmentRecord[];
}

/** A worker's contracts, kept together so Person fields read one item per person (batched). */
interface WorkerRecord {
  readonly id: string;
  readonly contracts: readonly LaborContractRecord[];
}

// The key scheme, known to this file only.
const companyKey = (id: string) => ({ pk: `company#${id}`, sk: 'company' });
const contractKey = (contract: Pick<LaborContractRecord, 'companyId' | 'startDate' | 'id'>) => ({
  pk: `company#${contract.companyId}`,
  sk: `contract#${contract.startDate}#${contract.id}`,
});
const workerKey = (id: string) => ({ pk: `worker#${id}`, sk: 'worker' });

/** Labor-service companies, their contracts, and each worker's contracts. */
export class LaborContractRepository {
  private readonly documents: Storage['documents'];
  private readonly tableName: string;

  constructor(private readonly storage: Storage) {
    this.documents = storage.documents;
    this.tableName = storage.tableName;
  }

  getCompanies(ids: readonly string[]): Promise<(LaborCompanyRecord | null)[]> {
    return getManyById<LaborCompanyRecord>(this.storage, ids, companyKey);
  }

  /** Contracts of each worker, oldest first; an empty list for a worker with none. */
  async contractsOfWorkers(workerIds: readonly string[]): Promise<LaborContractRecord[][]> {
    const workers = await getManyById<WorkerRecord>(this.storage, workerIds, workerKey);
    return workers.map((worker) => [...(worker?.contracts ?? [])]);
  }

  async companies(countyCode: string | null | undefined, page: PageArgs): Promise<Connection<LaborCompanyRecord>> {
    const connection = await queryPage<Record<string, unknown>>(
      this.documents,
      countyCode
        ? {
            input: {
              TableName: this.tableName,
              IndexName: 'byCounty',
              KeyConditionExpression: 'countyCode = :county',
              ExpressionAttributeValues: { ':county': countyCode },
            },
            keyNames: ['pk', 'sk', 'countyCode', 'id'],
            scope: `companies:${countyCode}`,
          }
        : {
            input: {
              TableName: this.tableName,
              IndexName: 'byKind',
              KeyConditionExpression: 'kind = :kind',
              ExpressionAttributeValues: { ':kind': 'company' },
            },
            keyNames: ['pk', 'sk', 'kind', 'id'],
            scope: 'companies',
          },
      page,
    );
    return mapConnection(connection, (item) => withoutKeys<LaborCompanyRecord & { kind?: string }>(item));
  }

  async contractsOfCompany(companyId: string, page: PageArgs): Promise<Connection<LaborContractRecord>> {
    const connection = await queryPage<Record<string, unknown>>(
      this.documents,
      {
        input: {
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :contract)',
          ExpressionAttributeValues: { ':pk': companyKey(companyId).pk, ':contract': 'contract#' },
        },
        keyNames: ['pk', 'sk'],
        scope: `contracts:${companyId}`,
      },
      page,
    );
    return mapConnection(connection, (item) => withoutKeys<LaborContractRecord>(item));
  }

  /** The items of companies and contracts as stored (demo-data.ts writes them). */
  companyItem(company: LaborCompanyRecord): Record<string, unknown> {
    return { ...companyKey(company.id), kind: 'company', ...company };
  }

  contractItems(contracts: readonly LaborContractRecord[]): Record<string, unknown>[] {
    const byWorker = new Map<string, LaborContractRecord[]>();
    for (const contract of contracts) byWorker.set(contract.workerId, [...(byWorker.get(contract.workerId) ?? []), contract]);
    return [
      ...contracts.map((contract) => ({ ...contractKey(contract), ...contract })),
      ...[...byWorker].map(([id, own]) => ({ ...workerKey(id), id, contracts: [...own].sort((a, b) => a.startDate.localeCompare(b.startDate)) })),
    ];
  }
}
