/**
 * The soak's work: concurrent callers doing what the product's users do, through the gateway with
 * tokens of their roles, with the races that matter made on purpose (the same ID number registered
 * twice, hires into nearly full postings, two moves of one placement at once). Every outcome goes
 * into the ledger, which the checks hold the tables against at the end.
 */
import { makeCreditCode } from '../../subgraphs/employers/social-credit-code.js';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { allowedNext, RETENTION_MONTHS, type PlacementStatus } from '../../subgraphs/programs/placement-rules.js';
import { signDevToken, type DevTokenClaims } from '../dev-keys.js';
import type { Json, Outcome, OutcomeKind, Send } from './gateway-client.js';
import type { SeededRandom as Random } from '../demo/seeded-random.js';

/** What the soak's callers were told, per write: the checks compare the tables with it. */
export interface Ledger {
  readonly registrations: { personId: string; idNumber: string; requestId: string }[];
  /** ID numbers never registered before whose registration was refused: no person may carry them. */
  readonly refusedFreshIdNumbers: string[];
  readonly uncertainIdNumbers: Set<string>;
  readonly households: { id: string; memberIds: string[] }[];
  /** Every attempt to change a person's flag, in order; acknowledged ones carry the version the answer gave. */
  readonly flagWrites: { personId: string; kind: OutcomeKind; flag: boolean; version?: number; requestId: string }[];
  readonly peopleWriteRequests: { requestId: string; operation: string; targetId: string }[];
  readonly intentions: { placementId: string; personId: string; postingId: string }[];
  readonly hires: { postingId: string; personId: string }[];
  /** Moves by their unique `at`: acknowledged ones must be in the history at `index`, refused ones nowhere. */
  readonly moves: { placementId: string; kind: OutcomeKind; status: PlacementStatus; at: string; index?: number }[];
  /** Both moves of a race acknowledged: one of them must have lost. */
  readonly racesBothAcknowledged: string[];
  readonly races: number;
  /** Headcount changes by employers: acknowledged ones raised or lowered the employer's positions. */
  readonly headcountChanges: { postingId: string; kind: OutcomeKind; headcount: number; version?: number }[];
  /** Attendance of the fair, each write a value of its own: a refused one must not be the stored value. */
  readonly attendance: { eventId: string; kind: OutcomeKind; attendance: number; version?: number }[];
  /** Claims by placement and month (0: the travel claim). */
  readonly claims: { placementId: string; month: number; kind: OutcomeKind }[];
}

export interface WorkStats {
  operations: number;
  readonly byOutcome: Record<OutcomeKind, number>;
  readonly byCode: Record<string, number>;
  readonly byOperation: Record<string, number>;
}

interface Person {
  readonly id: string;
  readonly idNumber: string;
  readonly hometownCode: string;
  /** null: none; 'unknown' after an uncertain household write. */
  householdId: string | null | 'unknown';
}
interface Posting {
  readonly id: string;
  readonly employerId: string;
  readonly headcount: number;
  readonly travelMonths: number | null;
}
interface Placement {
  readonly id: string;
  readonly personId: string;
  readonly postingId: string;
}

const PROVINCES = ['510000', '500000'];
const HOMETOWNS = ['513431', '500230'];
/** Moves happen on a calendar of their own, after every real clock time a default `at` could give. */
const CALENDAR_START = Date.parse('2030-01-01T00:00:00.000Z');
const DAY = 86_400_000;

export interface Workload {
  readonly ledger: Ledger;
  readonly stats: WorkStats;
  run(until: () => boolean, concurrency: number): Promise<void>;
}

/** Sets up a program, a fair, employers and small postings through the gateway, then returns the work to run. */
export async function prepareWorkload(options: { send: Send; issuerPrivateKey: string; random: Random }): Promise<Workload> {
  const { send, random } = options;
  const tokens = new Map<string, Promise<string>>();
  const tokenFor = (claims: DevTokenClaims) => {
    const key = JSON.stringify(claims);
    if (!tokens.has(key)) tokens.set(key, signDevToken(options.issuerPrivateKey, { ...claims, expiresIn: '24h' }));
    return tokens.get(key)!;
  };
  const admin = () => tokenFor({ roles: ['admin'], subject: 'soak-admin' });
  const caseworker = () => tokenFor({ roles: ['caseworker'], provinces: PROVINCES, subject: 'soak-caseworker' });
  const officer = () => tokenFor({ roles: ['program_officer'], provinces: ['510000'], subject: 'soak-officer' });
  const employerToken = (employerId: string) => tokenFor({ roles: ['employer'], employerId, subject: `soak-employer-${employerId}` });

  /**
   * A set-up write that must succeed. An uncertain answer (a cold subgraph timing out on a busy
   * machine) is retried; a duplicate it may leave (a second program, another employer) is unused.
   */
  const must = async <T = Json>(attempt: () => Promise<Outcome<T>>, what: string): Promise<T> => {
    for (let tries = 1; ; tries++) {
      const result = await attempt();
      if (result.kind === 'ok') return result.data as T;
      if (result.kind === 'refused' || tries >= 5) throw new Error(`Soak set-up: ${what} failed (${result.code}: ${result.message}).`);
    }
  };

  // Each subgraph answers once before the work starts: the first requests to a fresh process are slow.
  const warmUps = [
    ['people', 'query { people(first: 1) { edges { cursor } } }'],
    ['employers', 'query { jobPostings(first: 1) { edges { cursor } } }'],
    ['programs', 'query { programs(first: 1) { edges { cursor } } }'],
  ] as const;
  for (const [name, query] of warmUps) {
    const until = Date.now() + 120_000;
    for (;;) {
      const answer = await send(await admin(), query);
      if (answer.kind === 'ok') break;
      if (Date.now() > until) throw new Error(`Soak set-up: the ${name} subgraph did not answer within 2 minutes (${answer.code}: ${answer.message}).`);
    }
  }

  const program = (
    await must(
      async () =>
        send(await admin(), 'mutation ($input: CreateProgramInput!) { createProgram(input: $input) { id } }', {
          input: {
            name: '浸泡测试东西部劳务协作',
            kind: 'EAST_WEST',
            sendingRegionCodes: HOMETOWNS,
            receivingRegionCodes: ['330100'],
            organisingDepartment: '浙江省人力资源和社会保障厅',
            startsOn: '2017-01-01',
          },
        }),
      'createProgram',
    )
  ).createProgram as { id: string };
  const event = (
    await must(
      async () =>
        send(await admin(), 'mutation ($input: ScheduleRecruitmentEventInput!) { scheduleRecruitmentEvent(input: $input) { id } }', {
          input: { programId: program.id, name: '浸泡测试专场招聘会', heldOn: '2017-04-18', venueRegionCode: '513431' },
        }),
      'scheduleRecruitmentEvent',
    )
  ).scheduleRecruitmentEvent as { id: string };

  const postings: Posting[] = [];
  const participants: { employerId: string; positions: number; postingIds: string[] }[] = [];
  for (let e = 0; e < 4; e++) {
    const employer = (
      await must(
        async () =>
          send(await admin(), 'mutation ($input: RegisterEmployerInput!) { registerEmployer(input: $input) { id } }', {
            input: {
              name: `杭州浸泡测试制造有限公司${e + 1}`,
              unifiedSocialCreditCode: makeCreditCode('330100', `HAKE${String(random.int(0, 9_999)).padStart(4, '0')}`),
              regionCode: '330100',
              industry: 'MANUFACTURING',
              size: 'SMALL',
              contactPerson: { name: '王先生', phone: '13800000000' },
            },
          }),
        'registerEmployer',
      )
    ).registerEmployer as { id: string };
    const ids: string[] = [];
    for (let p = 0; p < 5; p++) {
      const headcount = 2 + random.int(0, 3);
      const travelMonths = p % 2 === 0 ? 3 : null;
      const posting = (
        await must(
          async () =>
            send(await admin(), 'mutation ($input: CreateJobPostingInput!) { createJobPosting(input: $input) { id } }', {
              input: {
                employerId: employer.id,
                title: p % 2 === 0 ? '焊工' : '普工',
                occupation: p % 2 === 0 ? '焊工' : '普工',
                headcount,
                monthlyWageMinYuan: 4200 + 100 * p,
                monthlyWageMaxYuan: 6000,
                workplaceRegionCode: '330100',
                benefits: { housing: 'FREE_DORMITORY', socialInsurance: true, ...(travelMonths ? { travelReimbursementAfterMonths: travelMonths } : {}) },
              },
            }),
          'createJobPosting',
        )
      ).createJobPosting as { id: string };
      postings.push({ id: posting.id, employerId: employer.id, headcount, travelMonths });
      ids.push(posting.id);
    }
    participants.push({ employerId: employer.id, positions: 10 + e, postingIds: ids });
  }
  await must(
    async () =>
      send(await admin(), 'mutation ($input: RecordEventParticipantsInput!) { recordEventParticipants(input: $input) { id } }', {
        input: { eventId: event.id, participants },
      }),
    'recordEventParticipants',
  );

  const ledger: Ledger = {
    registrations: [],
    refusedFreshIdNumbers: [],
    uncertainIdNumbers: new Set(),
    households: [],
    flagWrites: [],
    peopleWriteRequests: [],
    intentions: [],
    hires: [],
    moves: [],
    racesBothAcknowledged: [],
    races: 0,
    headcountChanges: [],
    attendance: [],
    claims: [],
  };
  const stats: WorkStats = { operations: 0, byOutcome: { ok: 0, refused: 0, uncertain: 0 }, byCode: {}, byOperation: {} };
  const count = (operation: string, outcome: Outcome) => {
    stats.operations++;
    stats.byOutcome[outcome.kind]++;
    stats.byCode[outcome.code] = (stats.byCode[outcome.code] ?? 0) + 1;
    stats.byOperation[operation] = (stats.byOperation[operation] ?? 0) + 1;
    return outcome;
  };
  const call = async <T = Json>(operation: string, token: string, query: string, variables: Record<string, unknown>) =>
    count(operation, await send<T>(token, query, variables)) as Outcome<T>;

  const persons: Person[] = [];
  const placements: Placement[] = [];
  const busy = new Set<string>();
  const intended = new Set<string>();
  /** Per person + posting: the hire's idempotency key, and whether it is settled (hired, or refused for good). */
  const hireState = new Map<string, 'hired' | 'closed'>();
  let serial = 0;
  let clock = 0;
  /** A unique instant per move, so each history entry names the request that made it. */
  const uniqueMs = () => ++clock;

  const lock = (id: string) => {
    if (busy.has(id)) return false;
    busy.add(id);
    return true;
  };
  const unlock = (...ids: string[]) => {
    for (const id of ids) busy.delete(id);
  };
  const freePerson = (filter: (p: Person) => boolean = () => true) => {
    for (let tries = 0; tries < 8 && persons.length > 0; tries++) {
      const person = random.pick(persons);
      if (filter(person) && lock(person.id)) return person;
    }
    return null;
  };

  const newIdNumber = (hometown: string) => {
    const n = serial++;
    const birth = new Date(Date.UTC(1975, 0, 1) + (n % 9000) * DAY).toISOString().slice(0, 10);
    return makeResidentId(hometown, birth, 1 + Math.floor(n / 9000));
  };

  const REGISTER = 'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id version } }';
  async function register() {
    const hometownCode = random.pick(HOMETOWNS);
    const idNumber = newIdNumber(hometownCode);
    const outcome = await call('registerPerson', await caseworker(), REGISTER, {
      input: {
        name: `浸泡${serial}`,
        idNumber,
        phone: `139${String(random.int(0, 99_999_999)).padStart(8, '0')}`,
        hometownCountyCode: hometownCode,
        povertyRegistered: random.chance(0.5),
        skills: ['焊工'],
      },
    });
    if (outcome.kind === 'ok') {
      const id = outcome.data.registerPerson.id as string;
      persons.push({ id, idNumber, hometownCode, householdId: null });
      ledger.registrations.push({ personId: id, idNumber, requestId: outcome.requestId });
      ledger.peopleWriteRequests.push({ requestId: outcome.requestId, operation: 'registerPerson', targetId: id });
    } else if (outcome.kind === 'refused') ledger.refusedFreshIdNumbers.push(idNumber);
    else ledger.uncertainIdNumbers.add(idNumber);
  }

  /** Registers an ID number someone holds: by a caseworker who may see them, or by one of another province. */
  async function registerDuplicate() {
    const existing = persons.length > 0 ? random.pick(persons) : null;
    if (!existing) return register();
    const stranger = existing.hometownCode === '513431' && random.chance(0.5);
    const token = stranger
      ? await signDevToken(options.issuerPrivateKey, { roles: ['caseworker'], provinces: ['500000'], subject: `soak-stranger-${serial++}` })
      : await caseworker();
    const outcome = await call('registerPerson (duplicate)', token, REGISTER, {
      input: {
        name: '重复登记',
        idNumber: existing.idNumber,
        phone: '13900000000',
        hometownCountyCode: stranger ? '500230' : existing.hometownCode,
        povertyRegistered: false,
      },
    });
    // An acknowledged duplicate would be a second person for one ID number: the checks count them.
    if (outcome.kind === 'ok')
      ledger.registrations.push({ personId: outcome.data.registerPerson.id, idNumber: existing.idNumber, requestId: outcome.requestId });
  }

  async function household() {
    const members: Person[] = [];
    const size = 1 + random.int(0, 2);
    for (let i = 0; i < size; i++) {
      const person = freePerson((p) => p.householdId === null);
      if (person) members.push(person);
    }
    if (members.length === 0) return;
    const key = `soak-household-${serial++}`;
    const memberIds = members.map((m) => m.id);
    try {
      for (let attempt = 1; attempt <= 3; attempt++) {
        const outcome = await call(
          'registerHousehold',
          await caseworker(),
          'mutation ($input: RegisterHouseholdInput!) { registerHousehold(input: $input) { id } }',
          {
            input: { regionCode: members[0]!.hometownCode, povertyStatus: 'REGISTERED', memberIds, idempotencyKey: key },
          },
        );
        if (outcome.kind === 'ok') {
          const id = outcome.data.registerHousehold.id as string;
          if (!ledger.households.some((h) => h.id === id)) ledger.households.push({ id, memberIds });
          for (const m of members) m.householdId = id;
          return;
        }
        if (outcome.kind === 'refused') break;
      }
      for (const m of members) m.householdId = 'unknown';
    } finally {
      unlock(...memberIds);
    }
  }

  async function changeFlag() {
    // Mostly someone with placements: the flag's projection then races the placements' own changes.
    const withPlacements = random.chance(0.7) && placements.length > 0 ? random.pick(placements).personId : null;
    const person = withPlacements ? (lock(withPlacements) ? persons.find((p) => p.id === withPlacements)! : null) : freePerson();
    if (!person) return;
    try {
      const read = await call('person (read)', await caseworker(), 'query ($id: ID!) { person(id: $id) { version povertyRegistered } }', { id: person.id });
      if (read.kind !== 'ok' || !read.data.person) return;
      const flag = !read.data.person.povertyRegistered;
      const outcome = await call(
        'updatePerson',
        await caseworker(),
        'mutation ($input: UpdatePersonInput!) { updatePerson(input: $input) { version povertyRegistered } }',
        {
          input: { id: person.id, expectedVersion: read.data.person.version, povertyRegistered: flag },
        },
      );
      ledger.flagWrites.push({
        personId: person.id,
        kind: outcome.kind,
        flag,
        requestId: outcome.requestId,
        ...(outcome.kind === 'ok' ? { version: outcome.data.updatePerson.version as number } : {}),
      });
      if (outcome.kind === 'ok') ledger.peopleWriteRequests.push({ requestId: outcome.requestId, operation: 'updatePerson', targetId: person.id });
    } finally {
      unlock(person.id);
    }
  }

  async function intention() {
    if (persons.length === 0) return register();
    const person = random.pick(persons);
    const posting = random.pick(postings);
    const pair = `${person.id}|${posting.id}`;
    if (intended.has(pair) || !lock(pair)) return;
    try {
      const withEvent = random.chance(0.6);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const outcome = await call(
          'recordIntention',
          await (random.chance(0.5) ? officer() : caseworker()),
          'mutation ($input: RecordIntentionInput!) { recordIntention(input: $input) { id } }',
          {
            input: {
              personId: person.id,
              postingId: posting.id,
              programId: program.id,
              ...(withEvent ? { eventId: event.id } : { sendingCountyCode: person.hometownCode }),
            },
          },
        );
        if (outcome.kind === 'ok') {
          const id = outcome.data.recordIntention.id as string;
          intended.add(pair);
          if (!placements.some((p) => p.id === id)) {
            placements.push({ id, personId: person.id, postingId: posting.id });
            ledger.intentions.push({ placementId: id, personId: person.id, postingId: posting.id });
          }
          return;
        }
        if (outcome.kind === 'refused') return;
      }
    } finally {
      unlock(pair);
    }
  }

  async function hire() {
    const candidates = placements.filter((p) => !hireState.has(`${p.postingId}|${p.personId}`));
    if (candidates.length === 0) return intention();
    const placement = random.pick(candidates);
    const pair = `${placement.postingId}|${placement.personId}`;
    if (!lock(`hire|${pair}`)) return;
    const posting = postings.find((p) => p.id === placement.postingId)!;
    try {
      const token = random.chance(0.5) ? await caseworker() : await employerToken(posting.employerId);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const outcome = await call('hire', token, 'mutation ($input: HireInput!) { hire(input: $input) { id } }', {
          input: { postingId: placement.postingId, personId: placement.personId, idempotencyKey: `soak-hire-${pair}` },
        });
        if (outcome.kind === 'ok') {
          hireState.set(pair, 'hired');
          ledger.hires.push({ postingId: placement.postingId, personId: placement.personId });
          return;
        }
        // NOT_FOUND: the person has not reached the employers subgraph's projection yet; try later.
        if (outcome.kind === 'refused') {
          if (outcome.code !== 'NOT_FOUND') hireState.set(pair, 'closed');
          return;
        }
      }
    } finally {
      unlock(`hire|${pair}`);
    }
  }

  const PLACEMENT = /* GraphQL */ `
    query ($id: ID!) { placement(id: $id) { version status history { status at } socialInsuranceSubsidyClaims { month } travelReimbursementClaim { amountFen } } }
  `;
  const ADVANCE = 'mutation ($input: AdvancePlacementInput!) { advancePlacement(input: $input) { version status history { status at } } }';
  const addMonths = (iso: string, months: number) => {
    const d = new Date(iso);
    return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, d.getUTCDate() + 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  };

  /** The move to try next from what was read, with a unique `at`; null when there is none to make now. */
  function plannedMove(placement: Placement, read: { status: PlacementStatus; history: { status: PlacementStatus; at: string }[] }, leave: boolean) {
    const options = allowedNext(read.status);
    if (options.length === 0) return null;
    const to: PlacementStatus = leave && options.includes('LEFT') ? 'LEFT' : options[0]!;
    if (to === 'HIRED' && hireState.get(`${placement.postingId}|${placement.personId}`) !== 'hired') return null;
    const last = Date.parse(read.history.at(-1)!.at);
    const hiredAt = read.history.find((h) => h.status === 'HIRED')?.at;
    const required = RETENTION_MONTHS[to];
    const earliest = Math.max(last + DAY, CALENDAR_START, required !== undefined && hiredAt ? addMonths(hiredAt, required) : 0);
    return { to, at: new Date(earliest + uniqueMs()).toISOString() };
  }

  async function advance(race: boolean) {
    if (placements.length === 0) return intention();
    // Mostly placements that can move (their hire acknowledged): an INTENT one without a hire has no move yet.
    const hired = placements.filter((p) => hireState.get(`${p.postingId}|${p.personId}`) === 'hired');
    const placement = hired.length > 0 && random.chance(0.7) ? random.pick(hired) : random.pick(placements);
    if (!lock(placement.id)) return;
    try {
      const read = await call('placement (read)', await caseworker(), PLACEMENT, { id: placement.id });
      if (read.kind !== 'ok' || !read.data.placement) return;
      const current = read.data.placement;
      const first = plannedMove(placement, current, random.chance(0.08));
      if (!first) return;
      const second = race ? plannedMove(placement, current, random.chance(0.5)) : null;
      const attempt = async (move: { to: PlacementStatus; at: string }) => {
        const outcome = await call(race ? 'advancePlacement (race)' : 'advancePlacement', await caseworker(), ADVANCE, {
          input: { id: placement.id, expectedVersion: current.version, to: move.to, at: move.at, ...(move.to === 'HIRED' ? { monthlyWageYuan: 5200 } : {}) },
        });
        const history = outcome.kind === 'ok' ? (outcome.data.advancePlacement.history as { at: string }[]) : null;
        ledger.moves.push({
          placementId: placement.id,
          kind: outcome.kind,
          status: move.to,
          at: move.at,
          ...(history ? { index: history.findIndex((h) => h.at === move.at) } : {}),
        });
        return outcome;
      };
      const outcomes = await Promise.all([first, ...(second ? [second] : [])].map(attempt));
      if (second) {
        (ledger as { races: number }).races++;
        if (outcomes.every((o) => o.kind === 'ok')) ledger.racesBothAcknowledged.push(placement.id);
      }
    } finally {
      unlock(placement.id);
    }
  }

  async function claim() {
    if (placements.length === 0) return intention();
    // Claims need a hired worker: mostly one whose hire was acknowledged.
    const hired = placements.filter((p) => hireState.get(`${p.postingId}|${p.personId}`) === 'hired');
    const placement = hired.length > 0 && random.chance(0.8) ? random.pick(hired) : random.pick(placements);
    if (!lock(placement.id)) return;
    try {
      const read = await call('placement (read)', await caseworker(), PLACEMENT, { id: placement.id });
      if (read.kind !== 'ok' || !read.data.placement) return;
      const current = read.data.placement;
      const hiredAt = (current.history as { status: string; at: string }[]).find((h) => h.status === 'HIRED')?.at;
      if (!hiredAt || current.status === 'LEFT') return;
      const posting = postings.find((p) => p.id === placement.postingId)!;
      if (posting.travelMonths && !current.travelReimbursementClaim && random.chance(0.5)) {
        const outcome = await call(
          'fileTravelReimbursementClaim',
          await caseworker(),
          'mutation ($input: FileTravelReimbursementClaimInput!) { fileTravelReimbursementClaim(input: $input) { version } }',
          { input: { placementId: placement.id, amountFen: 35_000, at: new Date(addMonths(hiredAt, posting.travelMonths) + DAY).toISOString() } },
        );
        ledger.claims.push({ placementId: placement.id, month: 0, kind: outcome.kind });
        return;
      }
      const month = 1 + Math.max(0, ...(current.socialInsuranceSubsidyClaims as { month: number }[]).map((c) => c.month));
      if (month > 36) return;
      const outcome = await call(
        'fileSocialInsuranceSubsidyClaim',
        await caseworker(),
        'mutation ($input: FileSocialInsuranceSubsidyClaimInput!) { fileSocialInsuranceSubsidyClaim(input: $input) { version } }',
        { input: { placementId: placement.id, month, contributionFen: 60_000 } },
      );
      ledger.claims.push({ placementId: placement.id, month, kind: outcome.kind });
    } finally {
      unlock(placement.id);
    }
  }

  /** An employer adds or removes places on one of its postings while hires into it go on. */
  async function changeHeadcount() {
    const posting = random.pick(postings);
    if (!lock(`posting|${posting.id}`)) return;
    try {
      const token = await employerToken(posting.employerId);
      const read = await call('jobPosting (read)', token, 'query ($id: ID!) { jobPosting(id: $id) { version headcount filled } }', { id: posting.id });
      if (read.kind !== 'ok' || !read.data.jobPosting) return;
      const { version, headcount, filled } = read.data.jobPosting as { version: number; headcount: number; filled: number };
      // Mostly one more place; now and then one fewer, which is refused once the places are filled.
      const next = random.chance(0.3) ? Math.max(1, headcount - 1) : headcount + 1;
      if (next === headcount || next < filled) return;
      const outcome = await call(
        'updateJobPosting',
        token,
        'mutation ($input: UpdateJobPostingInput!) { updateJobPosting(input: $input) { version headcount } }',
        {
          input: { id: posting.id, expectedVersion: version, headcount: next },
        },
      );
      ledger.headcountChanges.push({
        postingId: posting.id,
        kind: outcome.kind,
        headcount: next,
        ...(outcome.kind === 'ok' ? { version: outcome.data.updateJobPosting.version as number } : {}),
      });
    } finally {
      unlock(`posting|${posting.id}`);
    }
  }

  let attendanceSerial = 0;
  async function recordAttendance() {
    if (!lock(`event|${event.id}`)) return;
    try {
      const attendance = 1000 + attendanceSerial++;
      const outcome = await call(
        'recordAttendance',
        await admin(),
        'mutation ($input: RecordAttendanceInput!) { recordAttendance(input: $input) { version attendance } }',
        { input: { eventId: event.id, attendance } },
      );
      ledger.attendance.push({
        eventId: event.id,
        kind: outcome.kind,
        attendance,
        ...(outcome.kind === 'ok' ? { version: outcome.data.recordAttendance.version as number } : {}),
      });
    } finally {
      unlock(`event|${event.id}`);
    }
  }

  const WEIGHTED: [number, () => Promise<void>][] = [
    [16, register],
    [4, registerDuplicate],
    [5, household],
    [9, changeFlag],
    [16, intention],
    [14, hire],
    [18, () => advance(false)],
    [6, () => advance(true)],
    [8, claim],
    [3, changeHeadcount],
    [2, recordAttendance],
  ];
  const total = WEIGHTED.reduce((sum, [w]) => sum + w, 0);
  const next = () => {
    let roll = random.int(0, total - 1);
    for (const [weight, operation] of WEIGHTED) {
      if (roll < weight) return operation;
      roll -= weight;
    }
    return register;
  };

  return {
    ledger,
    stats,
    async run(until, concurrency) {
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (!until()) await next()();
        }),
      );
    },
  };
}
