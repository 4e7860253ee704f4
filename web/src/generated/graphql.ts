/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AddHouseholdMemberInput = {
  householdId: string | number;
  personId: string | number;
};

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

export type HireInput = {
  /** 1–100 characters, unique per hire among your own calls; a retry with the same key and input returns the same hire. */
  idempotencyKey: string;
  /** The person's id in the people subgraph. */
  personId: string | number;
  postingId: string | number;
};

export type ImportPeopleInput = {
  /** 1–100 rows. */
  rows: Array<RegisterPersonInput>;
};

export type ImportRowOutcome =
  /** The row registered a new person. */
  | 'CREATED'
  /** The row was refused; `code`, `field` and `message` say why. */
  | 'FAILED'
  /** The ID number is already registered (and readable by the caller): nothing was written. */
  | 'UNCHANGED';

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

export type JobIntentionInput = {
  /** Province-level codes, e.g. 370000 for Shandong. */
  destinationProvinceCodes: Array<string>;
  /** Integer yuan per month, 0–100000. */
  minimumMonthlyWageYuan?: number | null | undefined;
  occupations: Array<string>;
};

export type OccupationMatch =
  /** The posting's occupation is one the person intends to work in. */
  | 'JOB_INTENTION'
  | 'NONE'
  /** The posting's occupation is one of the person's skills. */
  | 'SKILL';

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

export type PovertyStatus =
  /** Was registered and has been lifted out of poverty (已脱贫). */
  | 'LIFTED'
  | 'NOT_REGISTERED'
  /** On the poverty register (建档立卡贫困户). */
  | 'REGISTERED';

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

export type RecordIntentionInput = {
  /** The fair where the intention was reached; it must belong to `programId`. */
  eventId?: string | number | null | undefined;
  /** The person's id in the people subgraph. */
  personId: string | number;
  /** The posting's id in the employers subgraph. */
  postingId: string | number;
  programId: string | number;
  /** A county-level GB/T 2260 code; defaults to the event's venue when that is a county. */
  sendingCountyCode?: string | null | undefined;
};

export type RegisterHouseholdInput = {
  /** Any string up to 100 characters; a retry with the same key and input returns the same household. */
  idempotencyKey?: string | null | undefined;
  /** People who belong to no household yet. */
  memberIds?: Array<string | number> | null | undefined;
  povertyStatus: PovertyStatus;
  /** A county-level GB/T 2260 code. */
  regionCode: string;
};

export type RegisterPersonInput = {
  /** A county-level GB/T 2260 code the product knows (see `region`). */
  hometownCountyCode: string;
  /** 18-character resident ID number (GB 11643) with a valid check character. */
  idNumber: string;
  jobIntention?: JobIntentionInput | null | undefined;
  /** 1–40 characters. */
  name: string;
  /** Mainland mobile number, 11 digits starting with 1. */
  phone: string;
  povertyRegistered: boolean;
  /** Up to 20 skills of 1–30 characters each. */
  skills?: Array<string> | null | undefined;
};

export type ShanxiInsuranceKind =
  /** 城镇职工基本医疗保险 */
  | 'URBAN_EMPLOYEE_MEDICAL'
  /** 城镇职工基本养老保险 */
  | 'URBAN_EMPLOYEE_PENSION';

export type WorkstationDuty =
  | 'COOPERATION'
  | 'LABOR_EXPORT'
  | 'RIGHTS_PROTECTION'
  | 'SERVICES';

export type RetentionFollowUpsQueryVariables = Exact<{
  countyCode: string;
  asOf?: string | null | undefined;
  dueBy?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type RetentionFollowUpsQuery = { retentionFollowUps: { edges: Array<{ node: { check: PlacementStatus, dueOn: string, overdue: boolean, daysOverdue: number, placement: { id: string, status: PlacementStatus, sendingCounty: { name: string, province: string }, person: { id: string, name: string, phone: string }, posting: { id: string, title: string, employer: { name: string }, workplace: { name: string, province: string } } } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type JobFairQueryVariables = Exact<{
  id: string | number;
}>;


export type JobFairQuery = { recruitmentEvent: { id: string, name: string, heldOn: string, attendance: number | null, venue: { code: string, name: string, nameEn: string, province: string, city: string | null }, program: { id: string, name: string, kind: ProgramKind }, participatingEmployers: Array<{ id: string, name: string, industry: Industry, region: { name: string, province: string } }>, offeredPostings: Array<{ id: string, title: string, occupation: string, headcount: number, openings: number, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, workplace: { name: string, province: string }, employer: { id: string, name: string } }>, statistics: { employers: number, positionsOffered: number, averageMonthlyWageUpliftYuan: number | null, intentions: number, registeredPoorIntentions: number, hires: number, registrations: number, retained3m: number, retained6m: number, retained12m: number, left: number } } | null };

export type RecordIntentionMutationVariables = Exact<{
  input: RecordIntentionInput;
}>;


export type RecordIntentionMutation = { recordIntention: { id: string, status: PlacementStatus, person: { id: string, name: string }, posting: { id: string, title: string, employer: { name: string } } } };

export type PeopleSearchQueryVariables = Exact<{
  filter?: PeopleFilter | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}>;


export type PeopleSearchQuery = { people: { edges: Array<{ cursor: string, node: { id: string, name: string, povertyRegistered: boolean, employmentStatus: EmploymentStatus, hometown: { code: string, name: string, province: string } } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type PersonByIdNumberQueryVariables = Exact<{
  idNumber: string;
}>;


export type PersonByIdNumberQuery = { personByIdNumber: { id: string, name: string, povertyRegistered: boolean, employmentStatus: EmploymentStatus, hometown: { code: string, name: string, province: string } } | null };

export type PlacementCardFragment = { id: string, status: PlacementStatus, version: number, hireId: string | null, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }>, travelReimbursementClaim: { amountFen: number, filedAt: string, monthsWorked: number } | null, socialInsuranceSubsidyClaims: Array<{ month: number, contributionFen: number, subsidyFen: number }> };

export type PersonDetailQueryVariables = Exact<{
  id: string | number;
}>;


export type PersonDetailQuery = { person: { id: string, name: string, gender: Gender, birthYear: number, idNumber: string, phone: string, povertyRegistered: boolean, skills: Array<string>, employmentStatus: EmploymentStatus, hometown: { code: string, name: string, province: string, provinceCode: string }, household: { id: string, povertyStatus: PovertyStatus, region: { name: string, province: string }, members: Array<{ id: string, name: string }> } | null, jobIntention: { occupations: Array<string>, minimumMonthlyWageYuan: number | null, destinationProvinces: Array<{ name: string }> } | null, recommendedPostings: Array<{ occupationMatch: OccupationMatch, monthlyWageUpliftYuan: number | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, openings: number, employer: { name: string }, workplace: { name: string, province: string } } }>, employmentRegistrations: Array<{ id: string, employerName: string, startDate: string, endDate: string | null, workplace: { name: string, province: string } }>, placements: Array<{ id: string, status: PlacementStatus, version: number, hireId: string | null, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }>, travelReimbursementClaim: { amountFen: number, filedAt: string, monthsWorked: number } | null, socialInsuranceSubsidyClaims: Array<{ month: number, contributionFen: number, subsidyFen: number }> }> | null, shanxiLaborContracts: Array<{ id: string, placedWithEmployerName: string, startDate: string, endDate: string | null, monthlyPayYuan: number, company: { name: string }, workplace: { name: string, province: string }, insurance: Array<{ kind: ShanxiInsuranceKind }> }> | null } | null };

export type PlacementByIdQueryVariables = Exact<{
  id: string | number;
}>;


export type PlacementByIdQuery = { placement: { id: string, status: PlacementStatus, version: number, hireId: string | null, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }>, travelReimbursementClaim: { amountFen: number, filedAt: string, monthsWorked: number } | null, socialInsuranceSubsidyClaims: Array<{ month: number, contributionFen: number, subsidyFen: number }> } | null };

export type AdvancePlacementMutationVariables = Exact<{
  input: AdvancePlacementInput;
}>;


export type AdvancePlacementMutation = { advancePlacement: { id: string, status: PlacementStatus, version: number, hireId: string | null, monthlyWageYuan: number | null, monthlyWageUpliftYuan: number | null, sendingCounty: { name: string, province: string }, program: { id: string, name: string }, event: { id: string, name: string, heldOn: string } | null, posting: { id: string, title: string, monthlyWageMinYuan: number, monthlyWageMaxYuan: number, employer: { name: string } }, history: Array<{ status: PlacementStatus, at: string, by: string | null }>, travelReimbursementClaim: { amountFen: number, filedAt: string, monthsWorked: number } | null, socialInsuranceSubsidyClaims: Array<{ month: number, contributionFen: number, subsidyFen: number }> } };

export type HireMutationVariables = Exact<{
  input: HireInput;
}>;


export type HireMutation = { hire: { id: string, hiredAt: string } };

export type ImportPeopleMutationVariables = Exact<{
  input: ImportPeopleInput;
}>;


export type ImportPeopleMutation = { importPeople: { created: number, unchanged: number, failed: number, rows: Array<{ index: number, outcome: ImportRowOutcome, personId: string | null, code: string | null, field: string | null, message: string | null }> } };

export type RegisterPersonMutationVariables = Exact<{
  input: RegisterPersonInput;
}>;


export type RegisterPersonMutation = { registerPerson: { id: string, name: string, version: number } };

export type RegisterHouseholdMutationVariables = Exact<{
  input: RegisterHouseholdInput;
}>;


export type RegisterHouseholdMutation = { registerHousehold: { id: string, povertyStatus: PovertyStatus, members: Array<{ id: string, name: string }> } };

export type AddHouseholdMemberMutationVariables = Exact<{
  input: AddHouseholdMemberInput;
}>;


export type AddHouseholdMemberMutation = { addHouseholdMember: { id: string, povertyStatus: PovertyStatus, members: Array<{ id: string, name: string }> } };

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
  hireId
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
  travelReimbursementClaim {
    amountFen
    filedAt
    monthsWorked
  }
  socialInsuranceSubsidyClaims {
    month
    contributionFen
    subsidyFen
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
export const RetentionFollowUpsDocument = {"__meta__":{"hash":"sha256:cb45fff496da2c3f10fc3fbb0566b05807fe71ea09300816e46d38401444d43a"}} as unknown as TypedDocumentString<RetentionFollowUpsQuery, RetentionFollowUpsQueryVariables>;
export const JobFairDocument = {"__meta__":{"hash":"sha256:6e46421abaa1fdda65d460d27ccc8e3e113e36893ca8d092031c7cb60daa5c76"}} as unknown as TypedDocumentString<JobFairQuery, JobFairQueryVariables>;
export const RecordIntentionDocument = {"__meta__":{"hash":"sha256:0a0516f5aa67b5c9893501d24d9f2c0766be0fcff0d97c619048539bc73f5ceb"}} as unknown as TypedDocumentString<RecordIntentionMutation, RecordIntentionMutationVariables>;
export const PeopleSearchDocument = {"__meta__":{"hash":"sha256:42afe08964df98bd0257385ca3796258ab15c212f77fc65770ff123fc1098dc7"}} as unknown as TypedDocumentString<PeopleSearchQuery, PeopleSearchQueryVariables>;
export const PersonByIdNumberDocument = {"__meta__":{"hash":"sha256:b3dfd01464e8fa2ce31d1b8f882aaa0f0f60612f0f742271e9f8e1c18d31e5e9"}} as unknown as TypedDocumentString<PersonByIdNumberQuery, PersonByIdNumberQueryVariables>;
export const PersonDetailDocument = {"__meta__":{"hash":"sha256:b68e340aa397b4f14cb9e5105247f6af9f96465d29f4ffef68c70ce669b7c258"}} as unknown as TypedDocumentString<PersonDetailQuery, PersonDetailQueryVariables>;
export const PlacementByIdDocument = {"__meta__":{"hash":"sha256:253646c0bf062efba6bd70a0c439e12f1080df44e6036e6ff27a115ed9756504"}} as unknown as TypedDocumentString<PlacementByIdQuery, PlacementByIdQueryVariables>;
export const AdvancePlacementDocument = {"__meta__":{"hash":"sha256:d74ee15a4a8270ced284aa0084fc21c61c7c6de49f8728981a079215d4e059df"}} as unknown as TypedDocumentString<AdvancePlacementMutation, AdvancePlacementMutationVariables>;
export const HireDocument = {"__meta__":{"hash":"sha256:f9c15981d44ead6108a87433765b91e79717f7c924aec0c58f5ca6f589f67604"}} as unknown as TypedDocumentString<HireMutation, HireMutationVariables>;
export const ImportPeopleDocument = {"__meta__":{"hash":"sha256:899a770aa0d3ad17e0de705be2fee32915d71a704e4477d987a258f86fda29ef"}} as unknown as TypedDocumentString<ImportPeopleMutation, ImportPeopleMutationVariables>;
export const RegisterPersonDocument = {"__meta__":{"hash":"sha256:a36e49eb257a7b1263d41db42db53d70ce9a497bb0f89c374e94b0fec324bae6"}} as unknown as TypedDocumentString<RegisterPersonMutation, RegisterPersonMutationVariables>;
export const RegisterHouseholdDocument = {"__meta__":{"hash":"sha256:fc888cc6b5c9623163c8482079299bad37183c0a6dfd2783cf605697d4e7ee5b"}} as unknown as TypedDocumentString<RegisterHouseholdMutation, RegisterHouseholdMutationVariables>;
export const AddHouseholdMemberDocument = {"__meta__":{"hash":"sha256:45fe6fac166212eb1b72479f1da965b183a2a9d1ea12ec4c99de44ed3f6bfc9b"}} as unknown as TypedDocumentString<AddHouseholdMemberMutation, AddHouseholdMemberMutationVariables>;
export const ProgramListDocument = {"__meta__":{"hash":"sha256:c723e39c0b952e4bb6acccc1bc250dce7c8c56ffc2559587f2adfd4c3012a403"}} as unknown as TypedDocumentString<ProgramListQuery, ProgramListQueryVariables>;
export const ProgramDetailDocument = {"__meta__":{"hash":"sha256:ccfe64152b1a91a40a679557fc52041e6576ce700573ee7272f635fe367cf520"}} as unknown as TypedDocumentString<ProgramDetailQuery, ProgramDetailQueryVariables>;