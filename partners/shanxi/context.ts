import type { Logger } from '@aws-lambda-powertools/logger';
import DataLoader from 'dataloader';
import type { Storage } from './dynamodb.js';
import { LaborContractRepository, type LaborCompanyRecord, type LaborContractRecord } from './labor-contract-repository.js';

/**
 * What resolvers get for one request. No caller: the gateway passes partners no client identity;
 * its auth directives (@requiresScopes in schema.graphql) decided already who may ask.
 */
export interface ShanxiContext {
  readonly requestId: string;
  readonly logger: Logger;
  readonly contracts: LaborContractRepository;
  /** Per request: every company or worker read in one tick becomes one BatchGetItem (per 100 ids). */
  readonly companyLoader: DataLoader<string, LaborCompanyRecord | null>;
  readonly workerContractsLoader: DataLoader<string, LaborContractRecord[]>;
}

/** The repository lives as long as the process; loaders (and their caches) as long as one request. */
export function shanxiContext(storage: Storage) {
  const contracts = new LaborContractRepository(storage);
  return (base: { requestId: string; logger: Logger }): ShanxiContext => ({
    ...base,
    contracts,
    companyLoader: new DataLoader((ids) => contracts.getCompanies(ids)),
    workerContractsLoader: new DataLoader((ids) => contracts.contractsOfWorkers(ids)),
  });
}
