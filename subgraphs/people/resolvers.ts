import { loadConnection, loadExisting, pageSize } from '../shared/graphql/connection.js';
import { badUserInput, conflict, InputProblems, notFound, staleVersion } from '../shared/graphql/errors.js';
import { newId, stableId } from '../shared/domain/ids.js';
import { isResponsibleFor, requireResponsibleFor, requireScope, type Caller } from '../shared/auth/caller.js';
import { findRegion, provinceCodeOf, storedRegion } from '../shared/domain/regions.js';
import { sharedTypeResolvers } from '../shared/graphql/shared-types.js';
import { checkDate, checkExpectedVersion, checkOpaque, checkPhone, checkProvinceCode, checkText } from '../shared/graphql/input-checks.js';
import { retryOnContention } from '../shared/graphql/contention.js';
import type { AuditEntry } from './audit.js';
import { requireEntityAccess } from './field-access.js';
import type { PeopleContext } from './context.js';
import type { ImportRowResult, RegisterPersonInput, Resolvers } from './generated/resolver-types.js';
import { GraphQLError } from 'graphql';
import { householdFingerprint, type HouseholdRecord } from './household-repository.js';
import { checkCountyCode, checkIdNumber, checkJobIntention, checkRegionCode, checkSkills, LIMITS, newPersonRecord } from './person-input.js';
import { IdNumberTaken, type EmploymentStatus, type PeopleFilter, type PersonRecord } from './person-repository.js';
import { maskPhone, maskResidentId } from './resident-id.js';

function checkPeopleFilter(filter: PeopleFilter): PeopleFilter {
  const problems = new InputProblems();
  const { hometownProvinceCode, hometownCountyCode, skill } = filter;
  if (hometownProvinceCode !== undefined) checkProvinceCode(problems, 'filter.hometownProvinceCode', hometownProvinceCode);
  if (hometownCountyCode !== undefined) checkCountyCode(problems, 'filter.hometownCountyCode', hometownCountyCode);
  const trimmedSkill = skill !== undefined ? checkText(problems, 'filter.skill', skill, LIMITS.skillLength) : undefined;
  problems.throwIfAny();
  return Object.fromEntries(Object.entries({ ...filter, skill: trimmedSkill }).filter(([, value]) => value !== undefined && value !== null)) as PeopleFilter;
}

/**
 * Whole ID and phone numbers only for an admin, or a caseworker or officer of the person's hometown
 * province. Nothing a write can add widens this: where a person works (an employment registration,
 * which the receiving province's staff may record) never unmasks them.
 */
export const mayReadPersonalData = (caller: Caller, person: PersonRecord): boolean => isResponsibleFor(caller, provinceCodeOf(person.hometownCode));

/** Province rules of the writes (each also needs people:write): see each mutation. */
const HOMETOWN = "the person's hometown province";
const requireHometownProvince = (caller: Caller, person: PersonRecord, operation: string) =>
  requireResponsibleFor(caller, [provinceCodeOf(person.hometownCode)], operation, HOMETOWN);

/** The audit entry of a mutation by this request's caller. */
const auditOf = (context: PeopleContext, operation: string, targetId: string): AuditEntry => ({
  caller: context.caller,
  requestId: context.requestId,
  operation,
  targetId,
});

/**
 * Applies `change` to the current person, retrying when another write lands in between. Used for
 * changes that are safe to re-apply on the newer version (appending or closing a registration),
 * unlike `updatePerson`, whose caller must see the newer version first.
 */
async function modifyPerson(
  context: PeopleContext,
  id: string,
  operation: string,
  change: (person: PersonRecord) => PersonRecord | 'unchanged',
): Promise<PersonRecord> {
  return retryOnContention(
    async () => {
      const person = await context.persons.get(id);
      if (!person) throw notFound('person', id);
      const next = change(person);
      if (next === 'unchanged') return person;
      return (await context.persons.replace(person, next, auditOf(context, operation, id))) ? next : undefined;
    },
    () => conflict(`Person "${id}" is being changed by others right now; try again.`, { id }),
  );
}

const statusAfter = (registrations: PersonRecord['registrations'], fallback: EmploymentStatus): EmploymentStatus =>
  registrations.some((r) => !r.endDate) ? 'EMPLOYED' : fallback === 'EMPLOYED' ? 'SEEKING_WORK' : fallback;

/**
 * registerPerson's checks, shared by importPeople's rows: the fields, then the province (only the
 * new hometown's staff register someone; then they alone, and admins, see them whole). Throws the
 * error the row or the mutation answers; writes nothing.
 */
function checkRegistration(input: RegisterPersonInput, caller: Caller, now: string): PersonRecord {
  const problems = new InputProblems();
  const name = checkText(problems, 'input.name', input.name, LIMITS.nameLength);
  const idNumber = checkIdNumber(problems, 'input.idNumber', input.idNumber);
  const phone = checkPhone(problems, 'input.phone', input.phone);
  const hometownCode = checkCountyCode(problems, 'input.hometownCountyCode', input.hometownCountyCode);
  const skills = checkSkills(problems, 'input.skills', input.skills ?? []);
  const jobIntention = input.jobIntention ? checkJobIntention(problems, 'input.jobIntention', input.jobIntention) : undefined;
  problems.throwIfAny();
  requireResponsibleFor(caller, [provinceCodeOf(hometownCode)], 'registerPerson', "the new person's hometown province");
  return newPersonRecord({ name, idNumber, phone, hometownCode, povertyRegistered: input.povertyRegistered, skills, jobIntention }, newId('per'), now);
}

/** The answer to registering an ID number someone registered already: who, to those who may know; a counted refusal to anyone else. */
async function alreadyRegistered(context: PeopleContext, existingId: string | null): Promise<GraphQLError> {
  const existing = existingId ? await context.persons.get(existingId) : null;
  if (existing && mayReadPersonalData(context.caller, existing)) {
    return conflict(`idNumber: this resident ID number is already registered as person "${existing.id}"; look them up instead of registering again.`, {
      field: 'idNumber',
      id: existing.id,
    });
  }
  // Anyone else learns no more than "not registered by you", and it is counted and audited.
  return context.registrationConflicts.refuse(auditOf(context, 'registerPerson', existingId ?? '(unknown)'));
}

async function createPerson(person: PersonRecord, context: PeopleContext): Promise<PersonRecord> {
  try {
    return await context.persons.create(person, auditOf(context, 'registerPerson', person.id));
  } catch (error) {
    if (!(error instanceof IdNumberTaken)) throw error;
    throw await alreadyRegistered(context, await context.persons.idOfIdNumber(person.idNumber));
  }
}

const IMPORT_BATCH_LIMIT = 100;

type RowAnswer = ImportRowResult | { readonly index: number; readonly person: PersonRecord };

const unchangedRow = (index: number, personId: string): ImportRowResult => ({ index, outcome: 'UNCHANGED', personId, code: null, field: null, message: null });

/** A row's error as its result: what a front end shows beside the row. */
function failedRow(index: number, error: unknown): ImportRowResult {
  if (!(error instanceof GraphQLError)) throw error;
  const { code, field, id } = error.extensions as { code?: string; field?: string; id?: string };
  if (code === 'CONFLICT' && field === 'idNumber' && id) return unchangedRow(index, id);
  return { index, outcome: 'FAILED', personId: null, code: code ?? 'INTERNAL_SERVER_ERROR', field: field ?? null, message: error.message };
}

const createdRow = (index: number, person: PersonRecord): ImportRowResult => ({
  index,
  outcome: 'CREATED',
  personId: person.id,
  code: null,
  field: null,
  message: null,
});

/**
 * importPeople in few round trips whatever the batch's size: the rows checked in memory, their ID
 * numbers looked up in one BatchGetItem, the people already registered read in another, and the
 * new ones written about ten to a transaction. Only rows whose group failed (an ID number registered
 * meanwhile) or whose person the caller may not read go the one-by-one way of registerPerson.
 */
async function importRows(rows: readonly RegisterPersonInput[], context: PeopleContext): Promise<ImportRowResult[]> {
  const { persons, caller } = context;
  const now = new Date().toISOString();
  const firstRowOf = new Map<string, number>();
  const answers: RowAnswer[] = rows.map((row, index) => {
    try {
      const person = checkRegistration(row, caller, now);
      const earlier = firstRowOf.get(person.idNumber);
      if (earlier !== undefined) {
        return failedRow(index, conflict(`idNumber: the same resident ID number as row ${earlier} of this batch; each person once.`, { field: 'idNumber' }));
      }
      firstRowOf.set(person.idNumber, index);
      return { index, person };
    } catch (error) {
      return failedRow(index, error);
    }
  });
  const pending = answers.filter((a): a is { index: number; person: PersonRecord } => 'person' in a);
  const registered = await persons.idsOfIdNumbers(pending.map((a) => a.person.idNumber));
  const existing = new Map(
    (await persons.getMany([...new Set(registered.values())])).filter((p): p is PersonRecord => p !== null).map((p) => [p.id, p] as const),
  );
  const results = new Map<number, ImportRowResult>(answers.filter((a): a is ImportRowResult => !('person' in a)).map((a) => [a.index, a]));
  const oneByOne: { index: number; person: PersonRecord }[] = [];
  const fresh: { index: number; person: PersonRecord }[] = [];
  for (const answer of pending) {
    const id = registered.get(answer.person.idNumber);
    const person = id ? existing.get(id) : undefined;
    if (!id) fresh.push(answer);
    else if (person && mayReadPersonalData(caller, person)) results.set(answer.index, unchangedRow(answer.index, id));
    else oneByOne.push(answer);
  }
  const { created, retry } = await persons.createMany(fresh.map(({ person }) => ({ person, audit: auditOf(context, 'registerPerson', person.id) })));
  const indexOf = new Map(fresh.map((a) => [a.person.id, a.index]));
  for (const person of created) results.set(indexOf.get(person.id)!, createdRow(indexOf.get(person.id)!, person));
  oneByOne.push(...retry.map((person) => ({ index: indexOf.get(person.id)!, person })));
  for (const { index, person } of oneByOne) {
    try {
      results.set(index, createdRow(index, await createPerson(person, context)));
    } catch (error) {
      results.set(index, failedRow(index, error));
    }
  }
  return rows.map((_, index) => results.get(index)!);
}

export const resolvers: Resolvers<PeopleContext> = {
  ...sharedTypeResolvers,

  Query: {
    person: (_, { id }, { personLoader }) => personLoader.load(id),
    async personByIdNumber(_, { idNumber }, { persons, caller }) {
      const id = await persons.idOfIdNumber(idNumber.trim().toUpperCase());
      const person = id ? await persons.get(id) : null;
      return person && mayReadPersonalData(caller, person) ? person : null;
    },
    household: (_, { id }, { householdLoader }) => householdLoader.load(id),
    region: (_, { code }) => findRegion(code),
    async people(_, { filter, first, after }, { persons, personLoader }) {
      pageSize(first);
      const page = await persons.findIds(checkPeopleFilter((filter ?? {}) as PeopleFilter), { first, after });
      return loadConnection(page, personLoader);
    },
  },

  Mutation: {
    async registerPerson(_, { input }, context) {
      requireScope(context.caller, 'people:write', 'registerPerson');
      const person = checkRegistration(input, context.caller, new Date().toISOString());
      await context.registrationConflicts.requireUnderLimit(context.caller);
      return createPerson(person, context);
    },

    async importPeople(_, { input }, context) {
      requireScope(context.caller, 'people:write', 'importPeople');
      const problems = new InputProblems();
      problems.check(
        input.rows.length >= 1 && input.rows.length <= IMPORT_BATCH_LIMIT,
        'input.rows',
        `must have 1–${IMPORT_BATCH_LIMIT} rows; send a longer file in chunks.`,
      );
      problems.throwIfAny();
      await context.registrationConflicts.requireUnderLimit(context.caller);
      const rows = await importRows(input.rows, context);
      const count = (outcome: ImportRowResult['outcome']) => rows.filter((r) => r.outcome === outcome).length;
      return { rows, created: count('CREATED'), unchanged: count('UNCHANGED'), failed: count('FAILED') };
    },

    async updatePerson(_, { input }, context) {
      const { persons, caller } = context;
      requireScope(caller, 'people:write', 'updatePerson');
      const problems = new InputProblems();
      checkExpectedVersion(problems, 'input.expectedVersion', input.expectedVersion);
      const changes: Partial<PersonRecord> = {
        ...(input.name != null ? { name: checkText(problems, 'input.name', input.name, LIMITS.nameLength) } : {}),
        ...(input.phone != null ? { phone: checkPhone(problems, 'input.phone', input.phone) } : {}),
        ...(input.hometownCountyCode != null ? { hometownCode: checkCountyCode(problems, 'input.hometownCountyCode', input.hometownCountyCode) } : {}),
        ...(input.povertyRegistered != null ? { povertyRegistered: input.povertyRegistered } : {}),
        ...(input.skills != null ? { skills: checkSkills(problems, 'input.skills', input.skills) } : {}),
        ...(input.jobIntention != null ? { jobIntention: checkJobIntention(problems, 'input.jobIntention', input.jobIntention) } : {}),
        ...(input.employmentStatus != null ? { employmentStatus: input.employmentStatus } : {}),
      };
      problems.throwIfAny();

      const person = await persons.get(input.id);
      if (!person) throw notFound('person', input.id);
      // The current hometown's staff; moving the hometown elsewhere hands the person over to that province.
      requireHometownProvince(caller, person, 'updatePerson');
      if (person.version !== input.expectedVersion) throw staleVersion('Person', input.id, input.expectedVersion);
      if (changes.employmentStatus && changes.employmentStatus !== 'EMPLOYED' && person.registrations.some((r) => !r.endDate)) {
        throw badUserInput('input.employmentStatus', 'the person has an open employment registration; end it with endEmploymentRegistration instead.');
      }
      const next: PersonRecord = { ...person, ...changes, version: person.version + 1, updatedAt: new Date().toISOString() };
      if (!(await persons.replace(person, next, auditOf(context, 'updatePerson', input.id)))) throw staleVersion('Person', input.id, input.expectedVersion);
      return next;
    },

    async recordEmploymentRegistration(_, { input }, context) {
      requireScope(context.caller, 'people:write', 'recordEmploymentRegistration');
      const problems = new InputProblems();
      const employerName = checkText(problems, 'input.employerName', input.employerName, LIMITS.employerNameLength);
      const workplaceCode = checkRegionCode(problems, 'input.workplaceRegionCode', input.workplaceRegionCode);
      checkDate(problems, 'input.startDate', input.startDate);
      problems.throwIfAny();

      // The same facts give the same id: a retried call finds its registration and adds nothing.
      const id = stableId('reg', [input.personId, input.employerId ?? '', employerName, workplaceCode, input.startDate].join('|'));
      return modifyPerson(context, input.personId, 'recordEmploymentRegistration', (person) => {
        // The hometown's staff, or the receiving province's: those of the workplace's province.
        requireResponsibleFor(
          context.caller,
          [provinceCodeOf(person.hometownCode), provinceCodeOf(workplaceCode)],
          'recordEmploymentRegistration',
          "the person's hometown province or the workplace's province",
        );
        if (person.registrations.some((r) => r.id === id)) return 'unchanged';
        const now = new Date().toISOString();
        const registrations = [
          ...person.registrations,
          { id, ...(input.employerId ? { employerId: input.employerId } : {}), employerName, workplaceCode, startDate: input.startDate, recordedAt: now },
        ].sort((a, b) => a.startDate.localeCompare(b.startDate));
        return { ...person, registrations, employmentStatus: 'EMPLOYED', version: person.version + 1, updatedAt: now };
      });
    },

    async endEmploymentRegistration(_, { input }, context) {
      requireScope(context.caller, 'people:write', 'endEmploymentRegistration');
      return modifyPerson(context, input.personId, 'endEmploymentRegistration', (person) => {
        const registration = person.registrations.find((r) => r.id === input.registrationId);
        if (!registration) throw notFound('employment registration', input.registrationId);
        requireResponsibleFor(
          context.caller,
          [provinceCodeOf(person.hometownCode), provinceCodeOf(registration.workplaceCode)],
          'endEmploymentRegistration',
          "the person's hometown province or the registration's workplace province",
        );
        if (registration.endDate === input.endDate) return 'unchanged';
        if (registration.endDate) {
          throw conflict(`Employment registration "${registration.id}" already ended on ${registration.endDate}.`, { id: registration.id });
        }
        if (input.endDate < registration.startDate) {
          throw badUserInput('input.endDate', `must be on or after the registration's start date ${registration.startDate}.`);
        }
        const registrations = person.registrations.map((r) => (r.id === registration.id ? { ...r, endDate: input.endDate } : r));
        return {
          ...person,
          registrations,
          employmentStatus: statusAfter(registrations, person.employmentStatus),
          version: person.version + 1,
          updatedAt: new Date().toISOString(),
        };
      });
    },

    async registerHousehold(_, { input }, context) {
      const { households, caller } = context;
      requireScope(caller, 'people:write', 'registerHousehold');
      const problems = new InputProblems();
      const regionCode = checkCountyCode(problems, 'input.regionCode', input.regionCode);
      const memberIds = [...new Set(input.memberIds ?? [])];
      problems.check(memberIds.length <= 30, 'input.memberIds', 'must have at most 30 members; add more with addHouseholdMember.');
      const key = input.idempotencyKey != null ? checkOpaque(problems, 'input.idempotencyKey', input.idempotencyKey, LIMITS.idempotencyKeyLength) : null;
      problems.throwIfAny();
      // The household's province, and every member's hometown province (missing members are the
      // transaction's NOT_FOUND).
      requireResponsibleFor(caller, [provinceCodeOf(regionCode)], 'registerHousehold', "the household's province");
      for (const member of await context.persons.getMany(memberIds)) {
        if (member) requireHometownProvince(caller, member, `registerHousehold (member "${member.id}")`);
      }

      const now = new Date().toISOString();
      const household: HouseholdRecord = {
        id: key ? stableId('hh', key) : newId('hh'),
        regionCode,
        povertyStatus: input.povertyStatus,
        memberIds,
        inputFingerprint: householdFingerprint(regionCode, input.povertyStatus, memberIds),
        version: 1,
        createdAt: now,
      };
      return households.create(household, now, auditOf(context, 'registerHousehold', household.id));
    },

    async addHouseholdMember(_, { input }, context) {
      const { households, persons, caller } = context;
      requireScope(caller, 'people:write', 'addHouseholdMember');
      const [person, household] = await Promise.all([persons.get(input.personId), households.get(input.householdId)]);
      if (!household) throw notFound('household', input.householdId);
      if (!person) throw notFound('person', input.personId);
      requireResponsibleFor(caller, [provinceCodeOf(household.regionCode)], 'addHouseholdMember', "the household's province");
      requireHometownProvince(caller, person, 'addHouseholdMember');
      if (person.householdId === input.householdId) return household;
      return households.addMember(input.householdId, input.personId, new Date().toISOString(), auditOf(context, 'addHouseholdMember', input.householdId));
    },
  },

  Person: {
    // _entities: refused outright to a caller who may read no Person field; the fields asked are then guarded one by one.
    __resolveReference: (reference, { personLoader, caller }) => {
      requireEntityAccess(caller, 'Person');
      return personLoader.load(reference.id);
    },
    hometown: (person) => storedRegion(person.hometownCode),
    household: (person, _, { householdLoader }) => (person.householdId ? householdLoader.load(person.householdId) : null),
    employmentRegistrations: (person) => person.registrations,
    // Checked here for every path (root fields, nested fields, _entities), not only at the gateway.
    idNumber: (person, _, { caller }) => (mayReadPersonalData(caller, person) ? person.idNumber : maskResidentId(person.idNumber)),
    phone: (person, _, { caller }) => (mayReadPersonalData(caller, person) ? person.phone : maskPhone(person.phone)),
    jobIntention: (person) => person.jobIntention ?? null,
  },

  JobIntention: {
    destinationProvinces: (intention) => intention.destinationProvinceCodes.map(storedRegion),
    minimumMonthlyWageYuan: (intention) => intention.minimumMonthlyWageYuan ?? null,
  },

  EmploymentRegistration: {
    employer: (registration) => (registration.employerId ? { __typename: 'Employer', id: registration.employerId } : null),
    workplace: (registration) => storedRegion(registration.workplaceCode),
    endDate: (registration) => registration.endDate ?? null,
  },

  Household: {
    __resolveReference: (reference, { householdLoader, caller }) => {
      requireEntityAccess(caller, 'Household');
      return householdLoader.load(reference.id);
    },
    region: (household) => storedRegion(household.regionCode),
    async members(household, _, { personLoader }) {
      return loadExisting(personLoader, household.memberIds);
    },
  },
};
