import { GraphQLError } from 'graphql';
import { hasRole, hasScope, requireActsFor, requireScope } from '../shared/auth/caller.js';
import { loadConnection, pageSize } from '../shared/graphql/connection.js';
import { badUserInput, conflict, InputProblems, notFound, staleVersion } from '../shared/graphql/errors.js';
import { newId } from '../shared/domain/ids.js';
import { coversEmployer, notYourPosting, peopleLinkAccess, requirePeopleRead } from '../shared/auth/people-links.js';
import { storedRegion } from '../shared/domain/regions.js';
import { checkDate, checkExpectedVersion, checkOpaque, checkProvinceCode, checkRegionCode, checkText } from '../shared/graphql/input-checks.js';
import { retryOnContention } from '../shared/graphql/contention.js';
import { sharedTypeResolvers } from '../shared/graphql/shared-types.js';
import { ANY_OCCUPATION, type EmployersContext } from './context.js';
import {
  checkBenefits,
  checkContactPerson,
  checkCreditCode,
  checkHeadcount,
  checkOccupation,
  checkRequirements,
  checkWageRange,
  LIMITS,
  maskPersonName,
  maskPhone,
} from './employer-input.js';
import type { EmployerDetails, EmployersFilter } from './employer-repository.js';
import type { Resolvers } from './generated/resolver-types.js';
import { hireIdOf, type JobPostingsFilter, type PostingRecord } from './posting-repository.js';
import { occupationsOf, rankPostings, RECOMMENDATIONS } from './recommendations.js';

/** Drops absent and explicitly null filter fields, so `{ status: null }` means no status filter. */
const present = <T extends object>(filter: T): T =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== null)) as T;

function checkEmployersFilter(filter: EmployersFilter): EmployersFilter {
  const problems = new InputProblems();
  if (filter.provinceCode !== undefined) checkProvinceCode(problems, 'filter.provinceCode', filter.provinceCode);
  if (filter.cityCode !== undefined) checkRegionCode(problems, 'filter.cityCode', filter.cityCode, 'city');
  problems.throwIfAny();
  return filter;
}

function checkPostingsFilter(filter: JobPostingsFilter): JobPostingsFilter {
  const problems = new InputProblems();
  const { workplaceProvinceCode, workplaceCityCode, occupation, minimumMonthlyWageYuan } = filter;
  if (workplaceProvinceCode !== undefined) checkProvinceCode(problems, 'filter.workplaceProvinceCode', workplaceProvinceCode);
  if (workplaceCityCode !== undefined) checkRegionCode(problems, 'filter.workplaceCityCode', workplaceCityCode, 'city');
  const trimmed = occupation !== undefined ? checkOccupation(problems, 'filter.occupation', occupation) : undefined;
  if (minimumMonthlyWageYuan !== undefined) {
    problems.check(
      Number.isInteger(minimumMonthlyWageYuan) && minimumMonthlyWageYuan >= 0 && minimumMonthlyWageYuan <= LIMITS.maxMonthlyWageYuan,
      'filter.minimumMonthlyWageYuan',
      `must be whole yuan, 0–${LIMITS.maxMonthlyWageYuan}.`,
    );
  }
  problems.throwIfAny();
  return present({ ...filter, occupation: trimmed });
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Writes `change(current)` when the posting's version is still `expectedVersion`. A concurrent hire
 * moves `filled` (not the version) and makes the write fail; that is re-read and re-applied, since
 * the caller's version is still current. A moved version is the caller's CONFLICT.
 */
async function changePosting(
  context: EmployersContext,
  id: string,
  expectedVersion: number,
  change: (posting: PostingRecord) => PostingRecord | 'unchanged',
): Promise<PostingRecord> {
  return retryOnContention(
    async () => {
      const posting = await context.postings.get(id);
      if (!posting) throw notFound('job posting', id);
      requireActsFor(context.caller, posting.employerId, 'Changing a job posting');
      const next = change(posting);
      if (next === 'unchanged') return posting;
      if (posting.version !== expectedVersion) throw staleVersion('Job posting', id, expectedVersion);
      return (await context.postings.change(posting, next)) ? next : undefined;
    },
    () => conflict(`Job posting "${id}" is taking many hires right now; try again.`, { id }),
  );
}

/** A FILLED posting opens again when places are added; a CLOSED one stays closed. */
const statusFor = (posting: PostingRecord, headcount: number): PostingRecord['status'] =>
  posting.status === 'CLOSED' ? 'CLOSED' : posting.filled >= headcount ? 'FILLED' : 'OPEN';

export const resolvers: Resolvers<EmployersContext> = {
  ...sharedTypeResolvers,

  Query: {
    employer: (_, { id }, { employerLoader }) => employerLoader.load(id),
    jobPosting: (_, { id }, { postingLoader }) => postingLoader.load(id),
    async employers(_, { filter, first, after }, { employers, employerLoader }) {
      pageSize(first);
      const page = await employers.findIds(checkEmployersFilter(present((filter ?? {}) as EmployersFilter)), { first, after });
      return loadConnection(page, employerLoader);
    },
    async jobPostings(_, { filter, first, after }, { postings, postingLoader }) {
      pageSize(first);
      const page = await postings.findIds(checkPostingsFilter(present((filter ?? {}) as JobPostingsFilter)), { first, after });
      return loadConnection(page, postingLoader);
    },
  },

  Mutation: {
    async registerEmployer(_, { input }, { employers, caller }) {
      requireScope(caller, 'employers:write', 'registerEmployer');
      const problems = new InputProblems();
      const name = checkText(problems, 'input.name', input.name, LIMITS.employerNameLength);
      const unifiedSocialCreditCode = checkCreditCode(problems, 'input.unifiedSocialCreditCode', input.unifiedSocialCreditCode);
      const regionCode = checkRegionCode(problems, 'input.regionCode', input.regionCode, 'local');
      const contactPerson = checkContactPerson(problems, 'input.contactPerson', input.contactPerson);
      problems.throwIfAny();

      const now = new Date().toISOString();
      return employers.create({
        id: newId('emp'),
        name,
        unifiedSocialCreditCode,
        regionCode,
        industry: input.industry,
        size: input.size,
        contactPerson,
        positionsOffered: 0,
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    },

    async updateEmployer(_, { input }, { employers, caller }) {
      if (!hasScope(caller, 'employers:write')) requireScope(caller, 'postings:write', 'updateEmployer');
      requireActsFor(caller, input.id, 'updateEmployer');
      const problems = new InputProblems();
      checkExpectedVersion(problems, 'input.expectedVersion', input.expectedVersion);
      const changes: Partial<EmployerDetails> = {
        ...(input.name != null ? { name: checkText(problems, 'input.name', input.name, LIMITS.employerNameLength) } : {}),
        ...(input.regionCode != null ? { regionCode: checkRegionCode(problems, 'input.regionCode', input.regionCode, 'local') } : {}),
        ...(input.industry != null ? { industry: input.industry } : {}),
        ...(input.size != null ? { size: input.size } : {}),
        ...(input.contactPerson != null ? { contactPerson: checkContactPerson(problems, 'input.contactPerson', input.contactPerson) } : {}),
      };
      problems.throwIfAny();

      const employer = await employers.get(input.id);
      if (!employer) throw notFound('employer', input.id);
      if (employer.version !== input.expectedVersion) throw staleVersion('Employer', input.id, input.expectedVersion);
      const { name, regionCode, industry, size, contactPerson } = { ...employer, ...changes };
      const next = await employers.update(employer, { name, regionCode, industry, size, contactPerson }, new Date().toISOString());
      if (!next) throw staleVersion('Employer', input.id, input.expectedVersion);
      return next;
    },

    async createJobPosting(_, { input }, { employers, postings, caller }) {
      requireScope(caller, 'postings:write', 'createJobPosting');
      requireActsFor(caller, input.employerId, 'createJobPosting');
      const problems = new InputProblems();
      checkOpaque(problems, 'input.employerId', input.employerId, LIMITS.idLength);
      const title = checkText(problems, 'input.title', input.title, LIMITS.titleLength);
      const occupation = checkOccupation(problems, 'input.occupation', input.occupation);
      const headcount = checkHeadcount(problems, 'input.headcount', input.headcount);
      const wage = checkWageRange(problems, 'input', input.monthlyWageMinYuan, input.monthlyWageMaxYuan);
      const workplaceCode = checkRegionCode(problems, 'input.workplaceRegionCode', input.workplaceRegionCode, 'local');
      const requirements = checkRequirements(problems, 'input.requirements', input.requirements ?? []);
      const benefits = checkBenefits(problems, 'input.benefits', input.benefits);
      const postedOn = input.postedOn != null ? checkDate(problems, 'input.postedOn', input.postedOn) : today();
      const closingOn = input.closingOn != null ? checkDate(problems, 'input.closingOn', input.closingOn) : undefined;
      if (closingOn !== undefined && closingOn < postedOn) problems.add('input.closingOn', `must be on or after postedOn (${postedOn}).`);
      problems.throwIfAny();

      // The industry defaults to the employer's; the transaction checks again that the employer exists.
      const employer = await employers.get(input.employerId);
      if (!employer) throw notFound('employer', input.employerId);
      const now = new Date().toISOString();
      return postings.create({
        id: newId('job'),
        employerId: employer.id,
        title,
        occupation,
        industry: input.industry ?? employer.industry,
        headcount,
        filled: 0,
        monthlyWageMinYuan: wage.min,
        monthlyWageMaxYuan: wage.max,
        workplaceCode,
        requirements,
        benefits,
        status: 'OPEN',
        postedOn,
        ...(closingOn !== undefined ? { closingOn } : {}),
        hires: [],
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    },

    async updateJobPosting(_, { input }, context) {
      requireScope(context.caller, 'postings:write', 'updateJobPosting');
      const problems = new InputProblems();
      checkExpectedVersion(problems, 'input.expectedVersion', input.expectedVersion);
      const changes: Partial<PostingRecord> = {
        ...(input.title != null ? { title: checkText(problems, 'input.title', input.title, LIMITS.titleLength) } : {}),
        ...(input.occupation != null ? { occupation: checkOccupation(problems, 'input.occupation', input.occupation) } : {}),
        ...(input.industry != null ? { industry: input.industry } : {}),
        ...(input.headcount != null ? { headcount: checkHeadcount(problems, 'input.headcount', input.headcount) } : {}),
        ...(input.monthlyWageMinYuan != null ? { monthlyWageMinYuan: input.monthlyWageMinYuan } : {}),
        ...(input.monthlyWageMaxYuan != null ? { monthlyWageMaxYuan: input.monthlyWageMaxYuan } : {}),
        ...(input.workplaceRegionCode != null
          ? { workplaceCode: checkRegionCode(problems, 'input.workplaceRegionCode', input.workplaceRegionCode, 'local') }
          : {}),
        ...(input.requirements != null ? { requirements: checkRequirements(problems, 'input.requirements', input.requirements) } : {}),
        ...(input.benefits != null ? { benefits: checkBenefits(problems, 'input.benefits', input.benefits) } : {}),
        ...(input.closingOn != null ? { closingOn: checkDate(problems, 'input.closingOn', input.closingOn) } : {}),
      };
      problems.throwIfAny();

      return changePosting(context, input.id, input.expectedVersion, (posting) => {
        const next: PostingRecord = { ...posting, ...changes };
        // Rules that involve stored values are checked against the posting as read.
        const rules = new InputProblems();
        if (changes.monthlyWageMinYuan !== undefined || changes.monthlyWageMaxYuan !== undefined) {
          checkWageRange(rules, 'input', next.monthlyWageMinYuan, next.monthlyWageMaxYuan);
        }
        rules.check(next.headcount >= posting.filled, 'input.headcount', `must be at least the ${posting.filled} places already filled.`);
        if (next.closingOn !== undefined) {
          rules.check(next.closingOn >= posting.postedOn, 'input.closingOn', `must be on or after postedOn (${posting.postedOn}).`);
        }
        rules.throwIfAny();
        return { ...next, status: statusFor(posting, next.headcount), version: posting.version + 1, updatedAt: new Date().toISOString() };
      });
    },

    async closeJobPosting(_, { input }, context) {
      requireScope(context.caller, 'postings:write', 'closeJobPosting');
      const problems = new InputProblems();
      checkExpectedVersion(problems, 'input.expectedVersion', input.expectedVersion);
      problems.throwIfAny();
      return changePosting(context, input.id, input.expectedVersion, (posting) =>
        posting.status === 'CLOSED' ? 'unchanged' : { ...posting, status: 'CLOSED', version: posting.version + 1, updatedAt: new Date().toISOString() },
      );
    },

    async hire(_, { input }, { postings, postingLoader, caller }) {
      requireScope(caller, 'hires:write', 'hire');
      const problems = new InputProblems();
      const postingId = checkOpaque(problems, 'input.postingId', input.postingId, LIMITS.idLength);
      const personId = checkOpaque(problems, 'input.personId', input.personId, LIMITS.idLength);
      const idempotencyKey = checkOpaque(problems, 'input.idempotencyKey', input.idempotencyKey, LIMITS.idempotencyKeyLength);
      problems.throwIfAny();
      // Idempotency keys are per caller: without a subject there is nobody to keep them for.
      if (!caller.subject)
        throw new GraphQLError('hire needs a signed-in caller: idempotency keys are kept per caller.', { extensions: { code: 'UNAUTHENTICATED' } });
      if (!hasRole(caller, 'admin', 'program_officer', 'caseworker')) {
        // An employer hires only into its own postings.
        const target = await postings.get(postingId);
        if (target) requireActsFor(caller, target.employerId, 'hire');
      }
      // The people table's stream tells this subgraph who exists (stream-projection.ts); it never reads that table.
      if (!(await postings.isKnownPerson(personId))) {
        throw new GraphQLError(
          `No person with id "${personId}" exists in the people subgraph. A person registered in the last few seconds may not have reached the employers subgraph yet: retry shortly.`,
          { extensions: { code: 'NOT_FOUND', id: personId, field: 'input.personId' } },
        );
      }

      const hire = await postings.hire({ postingId, personId, idempotencyKey, callerSubject: caller.subject }, new Date().toISOString());
      // The answer shows the posting as the hire left it: read it strongly, not from the batch loader.
      const posting = await postings.get(postingId);
      if (posting) postingLoader.prime(postingId, posting);
      return hire;
    },
  },

  Employer: {
    __resolveReference: (reference, { employerLoader }) => employerLoader.load(reference.id),
    region: (employer) => storedRegion(employer.regionCode),
    // Personal data: masked for everyone until the security issue grants access by role.
    contactPerson: (employer) => ({ name: maskPersonName(employer.contactPerson.name), phone: maskPhone(employer.contactPerson.phone) }),
    async postings(employer, { status, first, after }, { postings, postingLoader }) {
      pageSize(first);
      const page = await postings.findIdsOfEmployer(employer.id, status ?? undefined, { first, after });
      return loadConnection(page, postingLoader);
    },
  },

  JobPosting: {
    __resolveReference: (reference, { postingLoader }) => postingLoader.load(reference.id),
    async employer(posting, _, { employerLoader }) {
      const employer = await employerLoader.load(posting.employerId);
      if (!employer) throw new Error(`Job posting ${posting.id} names employer ${posting.employerId}, which does not exist.`);
      return employer;
    },
    openings: (posting) => posting.headcount - posting.filled,
    workplace: (posting) => storedRegion(posting.workplaceCode),
    closingOn: (posting) => posting.closingOn ?? null,
    hires(posting, _, { postingLoader, caller }) {
      const access = peopleLinkAccess(caller, 'JobPosting.hires');
      if (access.kind === 'employer' && !coversEmployer(access, posting.employerId)) throw notYourPosting('JobPosting.hires', access, posting.id);
      // Each hire's `posting` is this one: the loader need not read it again.
      postingLoader.prime(posting.id, posting);
      return posting.hires.map((hire) => ({ id: hireIdOf(posting.id, hire.personId), postingId: posting.id, ...hire }));
    },
  },

  Benefits: {
    travelReimbursementAfterMonths: (benefits) => benefits.travelReimbursementAfterMonths ?? null,
  },

  Hire: {
    async posting(hire, _, { postingLoader }) {
      const posting = await postingLoader.load(hire.postingId);
      if (!posting) throw new Error(`Hire ${hire.id} names job posting ${hire.postingId}, which does not exist.`);
      return posting;
    },
    // Hires are reached only through the guarded lists and `hire`; checked again here, so that no
    // future path to a Hire names a person the caller may not reach.
    async person(hire, _, { postingLoader, caller }) {
      const access = peopleLinkAccess(caller, 'Hire.person');
      if (access.kind === 'employer' && !coversEmployer(access, (await postingLoader.load(hire.postingId))?.employerId)) {
        throw notYourPosting('Hire.person', access, hire.postingId);
      }
      return { __typename: 'Person', id: hire.personId };
    },
  },

  Person: {
    async hires(person, _, { personHiresLoader, postingLoader, caller }) {
      const access = peopleLinkAccess(caller, 'Person.hires');
      const hires = await personHiresLoader.load(person.id);
      if (access.kind === 'all') return hires;
      // An employer sees the hires into its own postings: the person's other employers are none of its business.
      const postings = await postingLoader.loadMany(hires.map((h) => h.postingId));
      return hires.filter((_, i) => {
        const posting = postings[i];
        if (posting instanceof Error) throw posting;
        return coversEmployer(access, posting?.employerId);
      });
    },
    async recommendedPostings(person, { first }, { openPostingsLoader, caller }) {
      requirePeopleRead(caller, 'Person.recommendedPostings');
      const count = first ?? RECOMMENDATIONS.default;
      if (!Number.isInteger(count) || count < 1 || count > RECOMMENDATIONS.max) {
        throw badUserInput('first', `must be an integer from 1 to ${RECOMMENDATIONS.max}, got ${count}.`);
      }
      const { intended, skills } = occupationsOf(person);
      const matched = (await openPostingsLoader.loadMany([...intended, ...skills])).flatMap((result) => {
        if (result instanceof Error) throw result;
        return result;
      });
      const ranked = rankPostings(person, matched, count);
      if (ranked.length >= count) return ranked;
      // Too few postings in the person's occupations: fill up from the best-paid open postings,
      // one Query for the whole request (the loader caches it), ranked below every match.
      return rankPostings(person, [...matched, ...(await openPostingsLoader.load(ANY_OCCUPATION))], count);
    },
  },

  PostingRecommendation: {
    async posting(recommendation, _, { postingLoader }) {
      const posting = await postingLoader.load(recommendation.postingId);
      if (!posting) throw new Error(`Recommended job posting ${recommendation.postingId} does not exist.`);
      return posting;
    },
  },
};
