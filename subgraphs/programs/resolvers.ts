import { requireResponsibleFor, requireScope } from '../shared/auth/caller.js';
import { loadConnection, loadExisting, pageSize } from '../shared/graphql/connection.js';
import { badUserInput, conflict, InputProblems, notFound, staleVersion } from '../shared/graphql/errors.js';
import { newId, stableId } from '../shared/domain/ids.js';
import { findRegion, isProvinceCode, provinceCodeOf, storedRegion } from '../shared/domain/regions.js';
import { sharedTypeResolvers } from '../shared/graphql/shared-types.js';
import { checkDate, checkText } from '../shared/graphql/input-checks.js';
import { retryOnContention } from '../shared/graphql/contention.js';
import { wageReferenceFor, wageUpliftYuan, type WageReferenceRecord } from '../shared/domain/wage-references.js';
import type { ProgramsContext } from './context.js';
import { requireCandidatesOf, requirePlacementWrite, visiblePlacement, visiblePlacements } from './placement-access.js';
import { peopleLinkAccess, requirePeopleRead } from '../shared/auth/people-links.js';
import type { Resolvers } from './generated/resolver-types.js';
import { STATUS_COUNTER, type PlacementRecord } from './placement-repository.js';
import {
  allowedNext,
  isLegalTransition,
  retentionProblem,
  socialInsuranceSubsidy,
  travelReimbursementDecision,
  type PlacementStatus,
} from './placement-rules.js';
import type { EventsFilter, ProgramRecord, ProgramsFilter } from './program-repository.js';
import { countyStatisticsViews, statisticsView, statusCounts } from './statistics.js';

function regionCode(problems: InputProblems, field: string, code: string, level: 'any' | 'local' | 'county' = 'any'): string {
  const region = findRegion(code);
  if (!region) problems.add(field, `"${code}" is not a GB/T 2260 code the product knows.`);
  else if (level === 'county' && !region.county) problems.add(field, `must be a county-level code, got ${code} (${region.name}).`);
  else if (level === 'local' && isProvinceCode(code)) problems.add(field, `must be a city or county, not a province (${code}).`);
  return code;
}
function intIn(problems: InputProblems, field: string, value: number, min: number, max: number): number {
  problems.check(Number.isInteger(value) && value >= min && value <= max, field, `must be a whole number from ${min} to ${max}, got ${value}.`);
  return value;
}
function codes(problems: InputProblems, field: string, values: readonly string[], max: number): string[] {
  problems.check(values.length >= 1 && values.length <= max, field, `must list 1–${max} region codes.`);
  return [...new Set(values.map((code, i) => regionCode(problems, `${field}[${i}]`, code)))];
}

/** How far ahead the follow-up list looks by default: checks due within a month. */
const FOLLOW_UP_HORIZON_DAYS = 30;
const DAY_MS = 86_400_000;
/** Today's date in Beijing (Asia/Shanghai, UTC+8 all year), where the caseworkers are. */
const beijingToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
const addDays = (date: string, days: number) => new Date(Date.parse(date) + days * DAY_MS).toISOString().slice(0, 10);

const present = <T extends object>(filter: T): T =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== null)) as T;

/** Re-reads and re-applies a program change when only this subgraph's own bookkeeping moved the version. */
async function changeProgram(
  context: ProgramsContext,
  id: string,
  expectedVersion: number,
  change: (program: ProgramRecord) => ProgramRecord,
): Promise<ProgramRecord> {
  const program = await context.programs.get(id);
  if (!program) throw notFound('program', id);
  if (program.version !== expectedVersion) throw staleVersion('Program', id, expectedVersion);
  const next = { ...change(program), version: program.version + 1, updatedAt: new Date().toISOString() };
  if (!(await context.programs.replace(program, next))) throw staleVersion('Program', id, expectedVersion);
  return next;
}

/**
 * Refuses a change of `placement` unless the caller may make it (placement-access.ts), before
 * anything is written. Reads the program and this subgraph's projections of the person and posting.
 */
async function requireChangeOf(context: ProgramsContext, placement: PlacementRecord, operation: string): Promise<void> {
  requireScope(context.caller, 'placements:write', operation);
  const [program, profile, terms] = await Promise.all([
    context.programLoader.load(placement.programId),
    context.placements.profile(placement.personId),
    context.postingTermsLoader.load(placement.postingId),
  ]);
  if (!program) throw new Error(`Placement ${placement.id} names program ${placement.programId}, which does not exist.`);
  requirePlacementWrite(
    context.caller,
    {
      program,
      hometownProvinceCode: profile?.hometownProvinceCode,
      sendingCountyCode: placement.sendingCountyCode,
      workplaceProvinceCode: terms?.workplaceProvinceCode,
    },
    operation,
  );
}

const at = (problems: InputProblems, field: string, value: string | null | undefined): string => {
  if (value == null) return new Date().toISOString();
  const d = new Date(value);
  problems.check(!Number.isNaN(d.getTime()), field, 'must be an ISO 8601 instant.');
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
};

export const resolvers: Resolvers<ProgramsContext> = {
  ...sharedTypeResolvers,

  Query: {
    program: (_, { id }, { programLoader }) => programLoader.load(id),
    recruitmentEvent: (_, { id }, { eventLoader }) => eventLoader.load(id),
    async placement(_, { id }, context) {
      peopleLinkAccess(context.caller, 'placement');
      return visiblePlacement(context, await context.placementLoader.load(id), 'placement');
    },
    async programs(_, { filter, first, after }, { programs, programLoader }) {
      pageSize(first);
      const f = present((filter ?? {}) as ProgramsFilter);
      const problems = new InputProblems();
      if (f.sendingProvinceCode)
        problems.check(
          isProvinceCode(f.sendingProvinceCode),
          'filter.sendingProvinceCode',
          `must be a province code like 510000, got ${f.sendingProvinceCode}.`,
        );
      if (f.receivingProvinceCode)
        problems.check(
          isProvinceCode(f.receivingProvinceCode),
          'filter.receivingProvinceCode',
          `must be a province code like 330000, got ${f.receivingProvinceCode}.`,
        );
      problems.throwIfAny();
      return loadConnection(await programs.findProgramIds(f, { first, after }), programLoader);
    },
    async recruitmentEvents(_, { filter, first, after }, { programs, eventLoader }) {
      pageSize(first);
      const f = present((filter ?? {}) as EventsFilter);
      const problems = new InputProblems();
      if (f.venueProvinceCode)
        problems.check(isProvinceCode(f.venueProvinceCode), 'filter.venueProvinceCode', `must be a province code like 500000, got ${f.venueProvinceCode}.`);
      if (f.from && f.to) problems.check(f.from <= f.to, 'filter.to', `must be on or after filter.from (${f.from}).`);
      problems.throwIfAny();
      return loadConnection(await programs.findEventIds(f, { first, after }), eventLoader);
    },
    async placements(_, { filter, first, after }, { placements, placementLoader, caller }) {
      requirePeopleRead(caller, 'placements (of a program or event; an employer user reads its candidates through JobPosting.placements)');
      pageSize(first);
      const f = present(filter);
      if (!f.programId === !f.eventId) throw badUserInput('filter', 'give exactly one of programId and eventId.');
      return loadConnection(
        await placements.findIds({ programId: f.programId ?? undefined, eventId: f.eventId ?? undefined, status: f.status ?? undefined }, { first, after }),
        placementLoader,
      );
    },
    async retentionFollowUps(_, { countyCode, asOf, dueBy, first, after }, { caller, placements, placementLoader }) {
      requirePeopleRead(caller, 'retentionFollowUps');
      pageSize(first);
      const problems = new InputProblems();
      regionCode(problems, 'countyCode', countyCode, 'county');
      const today = asOf ? checkDate(problems, 'asOf', asOf) : beijingToday();
      const until = dueBy ? checkDate(problems, 'dueBy', dueBy) : addDays(today, FOLLOW_UP_HORIZON_DAYS);
      problems.throwIfAny();
      requireResponsibleFor(caller, [provinceCodeOf(countyCode)], 'retentionFollowUps', "the county's province");
      const page = await placements.findFollowUps(countyCode, until, { first, after });
      const records = await placementLoader.loadMany(page.edges.map((e) => e.node.placementId));
      return {
        pageInfo: page.pageInfo,
        edges: page.edges.flatMap((edge, i) => {
          const placement = records[i];
          if (placement instanceof Error) throw placement;
          // An entry whose placement moved on meanwhile (the entry is rewritten in the same transaction) cannot be read; skip a vanished one.
          return placement ? [{ cursor: edge.cursor, node: { ...edge.node, placement, asOf: today } }] : [];
        }),
      };
    },
  },

  Mutation: {
    async createProgram(_, { input }, { caller, programs }) {
      requireScope(caller, 'programs:write', 'createProgram');
      const problems = new InputProblems();
      const name = checkText(problems, 'input.name', input.name, 100);
      const sendingRegionCodes = codes(problems, 'input.sendingRegionCodes', input.sendingRegionCodes, 50);
      const receivingRegionCodes = codes(problems, 'input.receivingRegionCodes', input.receivingRegionCodes, 50);
      const organisingDepartment = checkText(problems, 'input.organisingDepartment', input.organisingDepartment, 100);
      const startsOn = checkDate(problems, 'input.startsOn', input.startsOn);
      const endsOn = input.endsOn != null ? checkDate(problems, 'input.endsOn', input.endsOn) : undefined;
      if (endsOn !== undefined && endsOn < startsOn) problems.add('input.endsOn', `must be on or after startsOn (${startsOn}).`);
      const terms = input.agreementTerms ?? [];
      problems.check(terms.length <= 50, 'input.agreementTerms', 'must have at most 50 entries.');
      const agreementTerms = terms.map((t, i) => checkText(problems, `input.agreementTerms[${i}]`, t, 500));
      problems.throwIfAny();
      const now = new Date().toISOString();
      return programs.create({
        id: newId('prg'),
        name,
        kind: input.kind,
        sendingRegionCodes,
        receivingRegionCodes,
        organisingDepartment,
        startsOn,
        ...(endsOn !== undefined ? { endsOn } : {}),
        agreementTerms,
        jobDemandList: [],
        jobSupplyList: [],
        responsibilityList: [],
        reports: [],
        workstations: [],
        version: 1,
        createdAt: now,
        updatedAt: now,
      });
    },

    async updateProgram(_, { input }, context) {
      requireScope(context.caller, 'programs:write', 'updateProgram');
      const problems = new InputProblems();
      const changes: Partial<ProgramRecord> = {
        ...(input.name != null ? { name: checkText(problems, 'input.name', input.name, 100) } : {}),
        ...(input.organisingDepartment != null
          ? { organisingDepartment: checkText(problems, 'input.organisingDepartment', input.organisingDepartment, 100) }
          : {}),
        ...(input.endsOn != null ? { endsOn: checkDate(problems, 'input.endsOn', input.endsOn) } : {}),
        ...(input.agreementTerms != null
          ? { agreementTerms: input.agreementTerms.map((t, i) => checkText(problems, `input.agreementTerms[${i}]`, t, 500)) }
          : {}),
        ...(input.jobDemandList != null
          ? {
              jobDemandList: input.jobDemandList.map((e, i) => ({
                ...(e.employerId ? { employerId: e.employerId } : {}),
                sector: checkText(problems, `input.jobDemandList[${i}].sector`, e.sector, 50),
                regionCode: regionCode(problems, `input.jobDemandList[${i}].regionCode`, e.regionCode),
                positions: intIn(problems, `input.jobDemandList[${i}].positions`, e.positions, 1, 1_000_000),
              })),
            }
          : {}),
        ...(input.jobSupplyList != null
          ? {
              jobSupplyList: input.jobSupplyList.map((e, i) => ({
                sendingCountyCode: regionCode(problems, `input.jobSupplyList[${i}].sendingCountyCode`, e.sendingCountyCode, 'county'),
                skill: checkText(problems, `input.jobSupplyList[${i}].skill`, e.skill, 30),
                workers: intIn(problems, `input.jobSupplyList[${i}].workers`, e.workers, 1, 1_000_000),
              })),
            }
          : {}),
        ...(input.responsibilityList != null
          ? {
              responsibilityList: input.responsibilityList.map((e, i) => ({
                party: checkText(problems, `input.responsibilityList[${i}].party`, e.party, 100),
                duty: checkText(problems, `input.responsibilityList[${i}].duty`, e.duty, 200),
                dueOn: checkDate(problems, `input.responsibilityList[${i}].dueOn`, e.dueOn),
                status: e.status,
              })),
            }
          : {}),
      };
      for (const list of ['jobDemandList', 'jobSupplyList', 'responsibilityList', 'agreementTerms'] as const) {
        problems.check((changes[list]?.length ?? 0) <= 500, `input.${list}`, 'must have at most 500 entries.');
      }
      problems.throwIfAny();
      return changeProgram(context, input.id, input.expectedVersion, (program) => {
        if (changes.endsOn !== undefined && changes.endsOn < program.startsOn)
          throw badUserInput('input.endsOn', `must be on or after startsOn (${program.startsOn}).`);
        return { ...program, ...changes };
      });
    },

    async fileProgramReport(_, { input }, context) {
      requireScope(context.caller, 'programs:write', 'fileProgramReport');
      const problems = new InputProblems();
      const periodStart = checkDate(problems, 'input.periodStart', input.periodStart);
      const periodEnd = checkDate(problems, 'input.periodEnd', input.periodEnd);
      problems.check(periodEnd > periodStart, 'input.periodEnd', `must be after periodStart (${periodStart}).`);
      const report = {
        periodStart,
        periodEnd,
        workersRegistered: intIn(problems, 'input.workersRegistered', input.workersRegistered, 0, 100_000_000),
        workersRegisteredChange: intIn(problems, 'input.workersRegisteredChange', input.workersRegisteredChange, -100_000_000, 100_000_000),
        newlyHelpedPoorLaborers: intIn(problems, 'input.newlyHelpedPoorLaborers', input.newlyHelpedPoorLaborers, 0, 100_000_000),
        source: checkText(problems, 'input.source', input.source, 200),
      };
      problems.throwIfAny();
      return changeProgram(context, input.programId, input.expectedVersion, (program) => ({
        ...program,
        reports: [...program.reports.filter((r) => r.periodEnd !== periodEnd), report].sort((a, b) => b.periodEnd.localeCompare(a.periodEnd)),
      }));
    },

    async scheduleRecruitmentEvent(_, { input }, { caller, programs }) {
      requireScope(caller, 'programs:write', 'scheduleRecruitmentEvent');
      const problems = new InputProblems();
      const name = checkText(problems, 'input.name', input.name, 100);
      const heldOn = checkDate(problems, 'input.heldOn', input.heldOn);
      const venueCode = regionCode(problems, 'input.venueRegionCode', input.venueRegionCode, 'local');
      problems.throwIfAny();
      return programs.createEvent({
        id: newId('evt'),
        programId: input.programId,
        name,
        heldOn,
        venueCode,
        participants: [],
        version: 1,
        createdAt: new Date().toISOString(),
      });
    },

    async recordEventParticipants(_, { input }, { caller, programs }) {
      requireScope(caller, 'programs:write', 'recordEventParticipants');
      const problems = new InputProblems();
      problems.check(input.participants.length >= 1 && input.participants.length <= 100, 'input.participants', 'must list 1–100 employers per call.');
      const incoming = input.participants.map((p, i) => ({
        employerId: checkText(problems, `input.participants[${i}].employerId`, p.employerId, 100),
        positions: intIn(problems, `input.participants[${i}].positions`, p.positions, 0, 100_000),
        postingIds: (p.postingIds ?? []).slice(0, 20),
      }));
      for (const [i, p] of input.participants.entries())
        problems.check((p.postingIds ?? []).length <= 20, `input.participants[${i}].postingIds`, 'must list at most 20 postings.');
      problems.throwIfAny();
      return retryOnContention(
        async () => {
          const event = await programs.getEvent(input.eventId);
          if (!event) throw notFound('recruitment event', input.eventId);
          const kept = event.participants.filter((p) => !incoming.some((q) => q.employerId === p.employerId));
          const next = { ...event, participants: [...kept, ...incoming], version: event.version + 1 };
          return (await programs.replaceParticipants(event, next)) ? next : undefined;
        },
        () => conflict(`Recruitment event "${input.eventId}" is being changed by many callers right now; try again.`, { id: input.eventId }),
      );
    },

    async recordAttendance(_, { input }, { caller, programs }) {
      requireScope(caller, 'programs:write', 'recordAttendance');
      const problems = new InputProblems();
      intIn(problems, 'input.attendance', input.attendance, 0, 1_000_000);
      problems.throwIfAny();
      return retryOnContention(
        async () => {
          const event = await programs.getEvent(input.eventId);
          if (!event) throw notFound('recruitment event', input.eventId);
          return (await programs.setAttendance(event, input.attendance)) ?? undefined;
        },
        () => conflict(`Recruitment event "${input.eventId}" is being changed by many callers right now; try again.`, { id: input.eventId }),
      );
    },

    async openWorkstation(_, { input }, context) {
      requireScope(context.caller, 'programs:write', 'openWorkstation');
      const problems = new InputProblems();
      const workstation = {
        id: newId('wks'),
        programId: input.programId,
        hostArea: checkText(problems, 'input.hostArea', input.hostArea, 50),
        hostRegionCodes: codes(problems, 'input.hostRegionCodes', input.hostRegionCodes, 20),
        sendingRegionCode: regionCode(problems, 'input.sendingRegionCode', input.sendingRegionCode, 'local'),
        duties: [...new Set(input.duties)],
        contact: checkText(problems, 'input.contact', input.contact, 100),
      };
      problems.check(workstation.duties.length > 0, 'input.duties', 'must name at least one duty.');
      problems.throwIfAny();
      return retryOnContention(
        async () => {
          const program = await context.programs.get(input.programId);
          if (!program) throw notFound('program', input.programId);
          const next = { ...program, workstations: [...program.workstations, workstation], version: program.version + 1, updatedAt: new Date().toISOString() };
          return (await context.programs.replace(program, next)) ? workstation : undefined;
        },
        () => conflict(`Program "${input.programId}" is being changed by many callers right now; try again.`, { id: input.programId }),
      );
    },

    async recordIntention(_, { input }, context) {
      const { caller, programs, placements } = context;
      requireScope(caller, 'placements:write', 'recordIntention');
      const problems = new InputProblems();
      checkText(problems, 'input.personId', input.personId, 100);
      checkText(problems, 'input.postingId', input.postingId, 100);
      if (input.sendingCountyCode != null) regionCode(problems, 'input.sendingCountyCode', input.sendingCountyCode, 'county');
      problems.throwIfAny();
      const existing = await placements.findByIntention(input.personId, input.postingId);
      if (existing) {
        await requireChangeOf(context, existing, 'recordIntention');
        return existing;
      }
      const program = await programs.get(input.programId);
      if (!program) throw notFound('program', input.programId);
      // The flag as the people stream last told it; a person not projected yet counts as not registered-poor
      // until their record arrives, and the projection then corrects the counters.
      const [profile, terms] = await Promise.all([placements.profile(input.personId), context.postingTermsLoader.load(input.postingId)]);
      requirePlacementWrite(
        caller,
        { program, hometownProvinceCode: profile?.hometownProvinceCode, workplaceProvinceCode: terms?.workplaceProvinceCode },
        'recordIntention',
      );
      const event = input.eventId ? await programs.getEvent(input.eventId) : null;
      if (input.eventId && !event) throw notFound('recruitment event', input.eventId);
      if (event && event.programId !== program.id) throw badUserInput('input.eventId', `belongs to program "${event.programId}", not "${program.id}".`);
      const sendingCountyCode = input.sendingCountyCode ?? (event && findRegion(event.venueCode)?.county ? event.venueCode : null);
      if (!sendingCountyCode) throw badUserInput('input.sendingCountyCode', 'is required when there is no event held in a county.');
      const now = new Date().toISOString();
      return placements.create(
        {
          id: newId('plc'),
          personId: input.personId,
          postingId: input.postingId,
          programId: program.id,
          ...(event ? { eventId: event.id } : {}),
          sendingCountyCode,
          status: 'INTENT',
          history: [{ status: 'INTENT', at: now, by: caller.subject }],
          povertyRegistered: profile?.povertyRegistered ?? false,
          subsidyClaims: [],
          version: 1,
          createdAt: now,
          updatedAt: now,
        },
        profile,
      );
    },

    async advancePlacement(_, { input }, context) {
      const { caller, placements, placementLoader } = context;
      requireScope(caller, 'placements:write', 'advancePlacement');
      const problems = new InputProblems();
      const when = at(problems, 'input.at', input.at);
      if (input.to === 'HIRED') {
        if (input.monthlyWageYuan == null) problems.add('input.monthlyWageYuan', 'is required when moving to HIRED.');
        else intIn(problems, 'input.monthlyWageYuan', input.monthlyWageYuan, 1, 100_000);
      }
      problems.throwIfAny();
      const placement = await placements.get(input.id);
      if (!placement) throw notFound('placement', input.id);
      await requireChangeOf(context, placement, 'advancePlacement');
      if (placement.version !== input.expectedVersion) throw staleVersion('Placement', input.id, input.expectedVersion);
      const to = input.to as PlacementStatus;
      if (!isLegalTransition(placement.status, to)) {
        const allowed = allowedNext(placement.status);
        throw badUserInput(
          'input.to',
          `a ${placement.status} placement cannot move to ${to}; ${allowed.length > 0 ? `it can move to ${allowed.join(' or ')}` : 'it is final'}.`,
        );
      }
      const last = placement.history.at(-1)!;
      if (when < last.at) throw badUserInput('input.at', `must not be before the last move (${last.status} at ${last.at}).`);
      const tooEarly = retentionProblem(to, placement.hiredAt, when);
      if (tooEarly) throw badUserInput('input.to', tooEarly);
      let hire: Partial<PlacementRecord> = {};
      const deltas: Record<string, number> = { [STATUS_COUNTER[to]]: 1 };
      if (to === 'HIRED') {
        // Capacity is the employers subgraph's: its `hire` must have taken a place for this person first.
        const terms = await placements.postingTerms(placement.postingId);
        if (!terms?.hiredPersonIds.includes(placement.personId)) {
          throw conflict(
            `Person "${placement.personId}" is not (yet) hired into job posting "${placement.postingId}": call the employers subgraph's hire mutation first, then retry this move.`,
            { field: 'input.to', id: placement.id },
          );
        }
        // Like for like or not at all: the same occupation at home, else the program's similar jobs.
        const program = await context.programLoader.load(placement.programId);
        const reference = wageReferenceFor({
          sendingCountyCode: placement.sendingCountyCode,
          occupation: terms.occupation,
          programReference: program?.wageReference ?? null,
        });
        const uplift = wageUpliftYuan(input.monthlyWageYuan!, reference) ?? undefined;
        hire = {
          // The employers subgraph names a hire by its posting and person (hireIdOf there): the same id.
          hireId: stableId('hire', `${placement.postingId}|${placement.personId}`),
          hiredAt: when,
          monthlyWageYuan: input.monthlyWageYuan!,
          ...(uplift !== undefined && reference ? { monthlyWageUpliftYuan: uplift, wageReference: reference } : {}),
        };
        if (uplift !== undefined) Object.assign(deltas, { wageUpliftSumYuan: uplift, wageUpliftCount: 1 });
      }
      const next: PlacementRecord = {
        ...placement,
        ...hire,
        status: to,
        history: [...placement.history, { status: to, at: when, by: caller.subject }],
        version: placement.version + 1,
        updatedAt: new Date().toISOString(),
      };
      if (!(await placements.change(placement, next, deltas))) throw staleVersion('Placement', input.id, input.expectedVersion);
      placementLoader.prime(next.id, next);
      return next;
    },

    async fileTravelReimbursementClaim(_, { input }, context) {
      const { caller, placements } = context;
      requireScope(caller, 'placements:write', 'fileTravelReimbursementClaim');
      const problems = new InputProblems();
      intIn(problems, 'input.amountFen', input.amountFen, 1, 1_000_000);
      const when = at(problems, 'input.at', input.at);
      problems.throwIfAny();
      const placement = await placements.get(input.placementId);
      if (!placement) throw notFound('placement', input.placementId);
      await requireChangeOf(context, placement, 'fileTravelReimbursementClaim');
      if (placement.travelReimbursementClaim)
        throw conflict(`Placement "${placement.id}" already has a travel reimbursement claim; one is allowed.`, { id: placement.id });
      if (placement.status === 'LEFT')
        throw badUserInput('input.placementId', 'the worker has left the job; travel is reimbursed only to workers who stayed the required months.');
      const terms = await placements.postingTerms(placement.postingId);
      const decision = travelReimbursementDecision(placement.hiredAt ?? null, terms?.travelReimbursementAfterMonths, when);
      if (!decision.eligible) throw badUserInput('input.placementId', `not eligible for travel reimbursement: ${decision.reason}`);
      const next = {
        ...placement,
        travelReimbursementClaim: { amountFen: input.amountFen, filedAt: when, monthsWorked: decision.monthsWorked },
        version: placement.version + 1,
        updatedAt: new Date().toISOString(),
      };
      if (!(await placements.change(placement, next, {}))) throw conflict(`Placement "${placement.id}" changed meanwhile; retry.`, { id: placement.id });
      return next;
    },

    async fileSocialInsuranceSubsidyClaim(_, { input }, context) {
      const { caller, placements } = context;
      requireScope(caller, 'placements:write', 'fileSocialInsuranceSubsidyClaim');
      const placement = await placements.get(input.placementId);
      if (!placement) throw notFound('placement', input.placementId);
      await requireChangeOf(context, placement, 'fileSocialInsuranceSubsidyClaim');
      if (!placement.hiredAt || placement.status === 'LEFT')
        throw badUserInput('input.placementId', `the subsidy is for workers in employment; the placement is ${placement.status}.`);
      if (placement.subsidyClaims.some((c) => c.month === input.month))
        throw conflict(`Placement "${placement.id}" already has a subsidy claim for month ${input.month}.`, { id: placement.id });
      const decision = socialInsuranceSubsidy({ registeredPoor: placement.povertyRegistered, month: input.month, contributionFen: input.contributionFen });
      if (!decision.eligible)
        throw badUserInput(
          decision.reason.startsWith('the subsidy is only')
            ? 'input.placementId'
            : decision.reason.startsWith('the contribution')
              ? 'input.contributionFen'
              : 'input.month',
          decision.reason,
        );
      const claim = { month: input.month, contributionFen: input.contributionFen, subsidyFen: decision.subsidyFen, filedAt: new Date().toISOString() };
      const next = {
        ...placement,
        subsidyClaims: [...placement.subsidyClaims, claim].sort((a, b) => a.month - b.month),
        version: placement.version + 1,
        updatedAt: claim.filedAt,
      };
      if (!(await placements.change(placement, next, {}))) throw conflict(`Placement "${placement.id}" changed meanwhile; retry.`, { id: placement.id });
      return next;
    },
  },

  CooperationProgram: {
    __resolveReference: (reference, { programLoader }) => programLoader.load(reference.id),
    sendingRegions: (program) => program.sendingRegionCodes.map(storedRegion),
    receivingRegions: (program) => program.receivingRegionCodes.map(storedRegion),
    endsOn: (program) => program.endsOn ?? null,
    async events(program, { first, after }, { programs, eventLoader }) {
      pageSize(first);
      return loadConnection(await programs.findEventIds({ programId: program.id }, { first, after }), eventLoader);
    },
    statistics: async (program, _, { statisticsTotalLoader }) =>
      statisticsView('PROGRAM', program.id, await statisticsTotalLoader.load({ scope: 'PROGRAM', id: program.id })),
    wageReference: (program) => {
      const r = program.wageReference;
      if (!r) return null;
      return {
        basis: r.basis,
        label: r.label,
        referenceMonthlyWageYuan: r.monthlyWageYuan,
        comparedMonthlyWageYuan: r.comparedMonthlyWageYuan,
        upliftYuan: r.comparedMonthlyWageYuan - r.monthlyWageYuan,
        source: r.source,
        derivation: r.derivation,
      };
    },
  },

  JobDemandEntry: {
    employer: (entry) => (entry.employerId ? { id: entry.employerId } : null),
    region: (entry) => storedRegion(entry.regionCode),
  },
  JobSupplyEntry: { sendingCounty: (entry) => storedRegion(entry.sendingCountyCode) },

  RecruitmentEvent: {
    __resolveReference: (reference, { eventLoader }) => eventLoader.load(reference.id),
    async program(event, _, { programLoader }) {
      const program = await programLoader.load(event.programId);
      if (!program) throw new Error(`Event ${event.id} names program ${event.programId}, which does not exist.`);
      return program;
    },
    venue: (event) => storedRegion(event.venueCode),
    participatingEmployers: (event) => event.participants.map((p) => ({ id: p.employerId })),
    offeredPostings: (event) => event.participants.flatMap((p) => p.postingIds.map((id) => ({ id }))),
    attendance: (event) => event.attendance ?? null,
    statistics: async (event, _, { statisticsTotalLoader }) =>
      statisticsView('EVENT', event.id, await statisticsTotalLoader.load({ scope: 'EVENT', id: event.id })),
  },

  Workstation: {
    async program(workstation, _, { programLoader }) {
      const program = await programLoader.load(workstation.programId);
      if (!program) throw new Error(`Workstation ${workstation.id} names program ${workstation.programId}, which does not exist.`);
      return program;
    },
    hostRegions: (workstation) => workstation.hostRegionCodes.map(storedRegion),
    sendingRegion: (workstation) => storedRegion(workstation.sendingRegionCode),
  },

  Placement: {
    async __resolveReference(reference, context) {
      peopleLinkAccess(context.caller, 'Placement');
      return visiblePlacement(context, await context.placementLoader.load(reference.id), 'Placement');
    },
    person: (placement) => ({ id: placement.personId }),
    posting: (placement) => ({ id: placement.postingId }),
    async program(placement, _, { programLoader }) {
      const program = await programLoader.load(placement.programId);
      if (!program) throw new Error(`Placement ${placement.id} names program ${placement.programId}, which does not exist.`);
      return program;
    },
    event: (placement, _, { eventLoader }) => (placement.eventId ? eventLoader.load(placement.eventId) : null),
    sendingCounty: (placement) => storedRegion(placement.sendingCountyCode),
    hireId: (placement) => placement.hireId ?? null,
    monthlyWageYuan: (placement) => placement.monthlyWageYuan ?? null,
    monthlyWageUpliftYuan: (placement) => placement.monthlyWageUpliftYuan ?? null,
    async wageComparison(placement, _, { programLoader, postingTermsLoader }) {
      const comparison = (reference: WageReferenceRecord, monthlyWageYuan: number, agreed: boolean) => ({
        basis: reference.basis,
        label: reference.label,
        referenceMonthlyWageYuan: reference.monthlyWageYuan,
        monthlyWageYuan,
        agreed,
        upliftYuan: monthlyWageYuan - reference.monthlyWageYuan,
        source: reference.source,
        derivation: reference.derivation,
      });
      if (placement.monthlyWageYuan !== undefined) return placement.wageReference ? comparison(placement.wageReference, placement.monthlyWageYuan, true) : null;
      const [program, terms] = await Promise.all([programLoader.load(placement.programId), postingTermsLoader.load(placement.postingId)]);
      if (terms?.monthlyWageMinYuan === undefined) return null;
      const reference = wageReferenceFor({
        sendingCountyCode: placement.sendingCountyCode,
        occupation: terms.occupation,
        programReference: program?.wageReference ?? null,
      });
      return reference ? comparison(reference, terms.monthlyWageMinYuan, false) : null;
    },
    travelReimbursementClaim: (placement) => placement.travelReimbursementClaim ?? null,
    socialInsuranceSubsidyClaims: (placement) => placement.subsidyClaims,
  },

  RetentionFollowUp: {
    overdue: (entry) => entry.dueOn < entry.asOf,
    daysOverdue: (entry) => Math.max(0, Math.round((Date.parse(entry.asOf) - Date.parse(entry.dueOn)) / DAY_MS)),
  },
  PlacementStatistics: {
    bySendingCounty: async (view, _, { countyStatisticsLoader }) =>
      countyStatisticsViews(await countyStatisticsLoader.load({ scope: view.scope, id: view.ownerId })),
  },
  CountyStatistics: { sendingCounty: (view) => storedRegion(view.sendingCountyCode) },
  PlacementCounts: {
    registeredPoorIntentions(counts, _, { caller }) {
      requirePeopleRead(caller, 'PlacementCounts.registeredPoorIntentions (a posting has few candidates)');
      return counts.registeredPoorIntentions;
    },
  },

  Person: {
    async placements(person, _, context) {
      peopleLinkAccess(context.caller, 'Person.placements');
      const ids = await context.personPlacementIdsLoader.load(person.id);
      // An employer sees the person's placements into its own postings: its candidates, not the rest.
      return visiblePlacements(context, await loadExisting(context.placementLoader, ids), 'Person.placements');
    },
  },
  JobPosting: {
    placementCounts: async (posting, _, { statisticsTotalLoader }) => statusCounts(await statisticsTotalLoader.load({ scope: 'POSTING', id: posting.id })),
    async placements(posting, { first, after }, context) {
      const { placements, placementLoader } = context;
      await requireCandidatesOf(context, posting.id, 'JobPosting.placements');
      pageSize(first);
      return loadConnection(await placements.findIds({ postingId: posting.id }, { first, after }), placementLoader);
    },
  },
  Employer: {
    async programs(employer, _, { employerProgramIdsLoader, programLoader }) {
      const ids = await employerProgramIdsLoader.load(employer.id);
      return loadExisting(programLoader, ids);
    },
  },
};
