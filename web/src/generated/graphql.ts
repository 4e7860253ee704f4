/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AdvancePlacementInput = {
  /** When the move happened; defaults to now. Not before the last move. */
  at?: string | null | undefined;
  expectedVersion: number;
  id: string | number;
  /** Required when `to` is HIRED: the agreed monthly wage, integer yuan 1–100000. */
  monthlyWageYuan?: number | null | undefined;
  to: PlacementStatus;
};

export type EmploymentStatus =
  | 'EMPLOYED'
  | 'NOT_SEEKING_WORK'
  | 'SEEKING_WORK';

export type Gender =
  | 'FEMALE'
  | 'MALE';

/** Sections of the national industry classification (GB/T 4754-2017) that employ through labor cooperation. */
export type Industry =
  | 'AGRICULTURE'
  | 'BUSINESS_SERVICES'
  | 'CONSTRUCTION'
  | 'CULTURE_SPORTS'
  | 'EDUCATION'
  | 'FINANCE'
  | 'HEALTH_SOCIAL_WORK'
  | 'HOSPITALITY_CATERING'
  | 'INFORMATION_TECHNOLOGY'
  | 'MANUFACTURING'
  | 'MINING'
  | 'REAL_ESTATE'
  | 'RESIDENT_SERVICES'
  | 'TRANSPORT_LOGISTICS'
  | 'UTILITIES'
  | 'WHOLESALE_RETAIL';

/** Filters combine with AND. */
export type PeopleFilter = {
  employmentStatus?: EmploymentStatus | null | undefined;
  /** County of the hometown, e.g. 500230. */
  hometownCountyCode?: string | null | undefined;
  /** Province of the hometown, e.g. 500000. */
  hometownProvinceCode?: string | null | undefined;
  povertyRegistered?: boolean | null | undefined;
  /** An exact skill, e.g. 焊工. */
  skill?: string | null | undefined;
};

export type PlacementStatus =
  | 'HIRED'
  | 'INTENT'
  | 'LEFT'
  | 'REGISTERED'
  | 'RETAINED_3M'
  | 'RETAINED_6M'
  | 'RETAINED_12M';

export type ProgramKind =
  /** 东西部劳务协作: an eastern province brings employers and positions to a western one. */
  | 'EAST_WEST'
  /** 省内劳务协作: cities of a province paired with its poor counties. */
  | 'INTRA_PROVINCE'
  /** Major projects, industrial parks and high-tech zones paired with poor counties. */
  | 'PROJECT_COUNTY';

/** Filters combine with AND. */
export type ProgramsFilter = {
  kind?: ProgramKind | null | undefined;
  /** A province among the program's receiving regions, e.g. 330000. */
  receivingProvinceCode?: string | null | undefined;
  /** A province among the program's sending regions, e.g. 510000. */
  sendingProvinceCode?: string | null | undefined;
};

export type WorkstationDuty =
  | 'COOPERATION'
  | 'LABOR_EXPORT'
  | 'RIGHTS_PROTECTION'
  | 'SERVICES';

export type JobFairQueryVariables = Exact<{
  id: string | number;
}>;


export type JobFairQuery = { recruitmentEvent: { id: string, name: string, heldOn: string, attendance: number | null, venue: { code: string, name: string, nameEn: string, province: string, city: string | null }, program: { id: string, name: string, kind: ProgramKind }, participatingEmployers: Array<{ id: string, name: string, industry: Industry, region: { name: string, province: string } }>, offeredPostings: Array<{ id: string, title: string, occupation: string, headcount: number, openings: number, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, workplace: { name: string, province: string }, employer: { id: string, name: string } }>, statistics: { employers: number, positionsOffered: number, averageMonthlyWageUpliftYuan: number | null, intentions: number, registeredPoorIntentions: number, hires: number, registrations: number, retained3m: number, retained6m: number, retained12m: number, left: number } } | null };

export type PeopleSearchQueryVariables = Exact<{
  filter?: PeopleFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PeopleSearchQuery = { people: { edges: Array<{ cursor: string, node: { id: string, name: string, povertyRegistered: boolean, employmentStatus: EmploymentStatus, hometown: { name: string, province: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PlacementCardFragment = { id: string, status: PlacementStatus, version: number, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }> };

export type PersonDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonDetailQuery = { person: { id: string, name: string, gender: Gender, birthYear: number, idNumber: string, phone: string, povertyRegistered: boolean, skills: Array<string>, employmentStatus: EmploymentStatus, hometown: { code: string, name: string, province: string, provinceCode: string }, employmentRegistrations: Array<{ id: string, employerName: string, startDate: string, endDate: string | null, workplace: { name: string, province: string } }>, placements: Array<{ id: string, status: PlacementStatus, version: number, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }> }> | null } | null };

export type PlacementByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type PlacementByIdQuery = { placement: { id: string, status: PlacementStatus, version: number, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }> } | null };

export type AdvancePlacementMutationVariables = Exact<{
  input: AdvancePlacementInput;
}>;


export type AdvancePlacementMutation = { advancePlacement: { id: string, status: PlacementStatus, version: number, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }> } };

export type FunnelFiguresFragment = { intentions: number, registeredPoorIntentions: number, hires: number, registrations: number, retained3m: number, retained6m: number, retained12m: number, left: number };

export type ProgramListQueryVariables = Exact<{
  filter?: ProgramsFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type ProgramListQuery = { programs: { edges: Array<{ cursor: string, node: { id: string, name: string, kind: ProgramKind, organisingDepartment: string, startsOn: string, endsOn: string | null, sendingRegions: Array<{ code: string, name: string, province: string }>, receivingRegions: Array<{ code: string, name: string, province: string }>, statistics: { employers: number, positionsOffered: number, averageMonthlyWageUpliftYuan: number | null, intentions: number, registeredPoorIntentions: number, hires: number, registrations: number, retained3m: number, retained6m: number, retained12m: number, left: number } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ProgramDetailQueryVariables = Exact<{
  id: string | number;
  eventsAfter?: string | null | undefined;
}>;


export type ProgramDetailQuery = { program: { id: string, name: string, kind: ProgramKind, organisingDepartment: string, startsOn: string, endsOn: string | null, agreementTerms: Array<string>, sendingRegions: Array<{ code: string, name: string, province: string }>, receivingRegions: Array<{ code: string, name: string, province: string }>, reports: Array<{ periodStart: string, periodEnd: string, workersRegistered: number, workersRegisteredChange: number, newlyHelpedPoorLaborers: number, source: string }>, workstations: Array<{ id: string, hostArea: string, duties: Array<WorkstationDuty>, contact: string, sendingRegion: { name: string, province: string } }>, statistics: { employers: number, positionsOffered: number, averageMonthlyWageUpliftYuan: number | null, intentions: number, registeredPoorIntentions: number, hires: number, registrations: number, retained3m: number, retained6m: number, retained12m: number, left: number, bySendingCounty: Array<{ intentions: number, registeredPoorIntentions: number, hires: number, registrations: number, retained3m: number, retained6m: number, retained12m: number, left: number, sendingCounty: { code: string, name: string, province: string } }> }, events: { edges: Array<{ cursor: string, node: { id: string, name: string, heldOn: string, attendance: number | null, venue: { name: string, province: string }, statistics: { intentions: number } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const PlacementCardFragmentDoc = new TypedDocumentString(`
    fragment PlacementCard on Placement {
  id
  status
  version
  monthlyWageYuan
  monthlyWageUpliftYuan
  sendingCounty {
    name
    province
  }
  program {
    id
    name
  }
  event {
    id
    name
    heldOn
  }
  posting {
    id
    title
    employer {
      name
    }
    monthlyWageMinYuan
    monthlyWageMaxYuan
  }
  history {
    status
    at
    by
  }
}
    `, {"fragmentName":"PlacementCard"}) as unknown as TypedDocumentString<PlacementCardFragment, unknown>;
export const FunnelFiguresFragmentDoc = new TypedDocumentString(`
    fragment FunnelFigures on PlacementStatistics {
  intentions
  registeredPoorIntentions
  hires
  registrations
  retained3m
  retained6m
  retained12m
  left
}
    `, {"fragmentName":"FunnelFigures"}) as unknown as TypedDocumentString<FunnelFiguresFragment, unknown>;
export const JobFairDocument = {"__meta__":{"hash":"sha256:6e46421abaa1fdda65d460d27ccc8e3e113e36893ca8d092031c7cb60daa5c76"}} as unknown as TypedDocumentString<JobFairQuery, JobFairQueryVariables>;
export const PeopleSearchDocument = {"__meta__":{"hash":"sha256:83cd259c2ff183ad85557b92e7a138f2c66fe7d5e6e091e86f3154f1d6879265"}} as unknown as TypedDocumentString<PeopleSearchQuery, PeopleSearchQueryVariables>;
export const PersonDetailDocument = {"__meta__":{"hash":"sha256:44cb1069d5c796bf487105dfd6710028a5a469794ae13b73a53844131777a793"}} as unknown as TypedDocumentString<PersonDetailQuery, PersonDetailQueryVariables>;
export const PlacementByIdDocument = {"__meta__":{"hash":"sha256:86596ad2b73a72303e2d665d83619a3fd7d7427e8a636ff34fcf0f5529567e22"}} as unknown as TypedDocumentString<PlacementByIdQuery, PlacementByIdQueryVariables>;
export const AdvancePlacementDocument = {"__meta__":{"hash":"sha256:97fcbb8e0adcb7683bb79fa2f68b3733180f1d5d1f48b43370a336ba68eb53b1"}} as unknown as TypedDocumentString<AdvancePlacementMutation, AdvancePlacementMutationVariables>;
export const ProgramListDocument = {"__meta__":{"hash":"sha256:c723e39c0b952e4bb6acccc1bc250dce7c8c56ffc2559587f2adfd4c3012a403"}} as unknown as TypedDocumentString<ProgramListQuery, ProgramListQueryVariables>;
export const ProgramDetailDocument = {"__meta__":{"hash":"sha256:ccfe64152b1a91a40a679557fc52041e6576ce700573ee7272f635fe367cf520"}} as unknown as TypedDocumentString<ProgramDetailQuery, ProgramDetailQueryVariables>;