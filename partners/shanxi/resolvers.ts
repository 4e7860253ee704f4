import { loadExisting } from './connection.js';
import { badUserInput } from './errors.js';
import { findRegion, type RegionRecord } from './regions.js';
import { sharedTypeResolvers } from './shared-types.js';
import type { Resolvers } from './generated/resolver-types.js';
import { isCalendarMonth, subsidyStatement } from './subsidy-statement.js';

/** Codes come from our own data, so an unknown one is a bug worth failing loudly on. */
const region = (code: string): RegionRecord => {
  const found = findRegion(code);
  if (!found) throw new Error(`Unknown region code ${code} in the Shanxi table.`);
  return found;
};

const currentMonth = () => new Date().toISOString().slice(0, 7);

export const resolvers: Resolvers = {
  ...sharedTypeResolvers,
  Query: {
    shanxiLaborCompany: (_, { id }, { companyLoader }) => companyLoader.load(id),
    shanxiLaborCompanies: (_, { countyCode, first, after }, { contracts }) => {
      if (countyCode !== null && countyCode !== undefined && !/^\d{6}$/.test(countyCode)) {
        throw badUserInput('countyCode', `must be a six-digit GB/T 2260 county code such as 141124 (Lin County), got "${countyCode}".`);
      }
      return contracts.companies(countyCode, { first, after });
    },
  },
  ShanxiLaborCompany: {
    __resolveReference: (reference, { companyLoader }) => companyLoader.load(reference.id),
    county: (company) => region(company.countyCode),
    laborContracts: (company, { first, after }, { contracts }) => contracts.contractsOfCompany(company.id, { first, after }),
  },
  ShanxiLaborContract: {
    company: async (contract, _, { companyLoader }) => {
      const [company] = await loadExisting(companyLoader, [contract.companyId]);
      if (!company) throw new Error(`Contract ${contract.id} names company ${contract.companyId}, which is not stored.`);
      return company;
    },
    worker: (contract) => ({ id: contract.workerId }),
    workplace: (contract) => region(contract.workplaceCode),
  },
  Person: {
    shanxiLaborContracts: (person, _, { workerContractsLoader }) => workerContractsLoader.load(person.id),
    shanxiSubsidyStatement: async (person, { throughMonth }, { workerContractsLoader }) => {
      const month = throughMonth ?? currentMonth();
      if (!isCalendarMonth(month)) throw badUserInput('throughMonth', `must be a month written YYYY-MM, e.g. 2019-06, got "${month}".`);
      if (typeof person.povertyRegistered !== 'boolean') {
        // @requires makes the gateway send it; without it, no one can say whether the subsidy applies.
        throw new Error('Person.povertyRegistered did not arrive with the reference (@requires).');
      }
      return subsidyStatement(await workerContractsLoader.load(person.id), person.povertyRegistered, month);
    },
  },
};
