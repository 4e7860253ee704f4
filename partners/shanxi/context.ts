import DataLoader from 'dataloader';
import type { RequestContext } from '../../subgraphs/shared/graphql/subgraph-server.js';
import type { SubgraphStorage } from '../../subgraphs/subgraph-list.js';
import { LaborContractRepository, type LaborCompanyRecord, type LaborContractRecord } from './labor-contract-repository.js';

export interface ShanxiContext extends RequestContext {
  readonly contracts: LaborContractRepository;
  /** Per request: every company or worker read in one tick becomes one BatchGetItem (per 100 ids). */
  readonly companyLoader: DataLoader<string, LaborCompanyRecord | null>;
  readonly workerContractsLoader: DataLoader<string, LaborContractRecord[]>;
}

/** The repository lives as long as the process; loaders (and their caches) as long as one request. */
export function shanxiContext({ documents, tableName }: SubgraphStorage) {
  const contracts = new LaborContractRepository(documents, tableName);
  return (base: RequestContext): ShanxiContext => ({
    ...base,
    contracts,
    companyLoader: new DataLoader((ids) => contracts.getCompanies(ids)),
    workerContractsLoader: new DataLoader((ids) => contracts.contractsOfWorkers(ids)),
  });
}
