/**
 * What must hold after any amount of concurrent work and faults, checked by reading the tables
 * directly (a Scan of each: this is an audit, not a request path) and holding them against the
 * ledger of what callers were told. Each invariant reports how many things it checked and every
 * violation by name.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isLegalTransition, type PlacementStatus } from '../../subgraphs/programs/placement-rules.js';
import { counterChangesOf, type PlacementRecord } from '../../subgraphs/programs/placement-repository.js';
import type { EventRecord } from '../../subgraphs/programs/program-repository.js';
import type { Json } from './gateway-client.js';
import type { Ledger } from './workload.js';

export interface InvariantResult {
  readonly name: string;
  readonly checked: number;
  readonly violations: string[];
}

type Item = Record<string, Json>;

async function scanAll(documents: DynamoDBDocumentClient, TableName: string): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new ScanCommand({ TableName, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|');
const duplicatesIn = (values: readonly string[]) => values.filter((v, i) => values.indexOf(v) !== i);

/** Checks every invariant; `tables` are the physical names by subgraph. */
export async function checkInvariants(documents: DynamoDBDocumentClient, tables: Readonly<Record<string, string>>, ledger: Ledger): Promise<InvariantResult[]> {
  const [people, employers, programs] = (await Promise.all([tables.people!, tables.employers!, tables.programs!].map((t) => scanAll(documents, t)))) as [
    Item[],
    Item[],
    Item[],
  ];
  const results: InvariantResult[] = [];
  const invariant = (name: string, body: (fail: (violation: string) => void) => number) => {
    const violations: string[] = [];
    const checked = body((violation) => violations.push(violation));
    results.push({ name, checked, violations });
  };

  // people table
  const persons = people.filter((i) => i.sk === 'PERSON' && String(i.pk).startsWith('PERSON#'));
  const personById = new Map(persons.map((p) => [p.id as string, p]));
  const idNumberItems = people.filter((i) => i.sk === 'IDNUMBER');
  const households = people.filter((i) => i.sk === 'HOUSEHOLD');
  const audits = people.filter((i) => i.entity === 'Audit');

  invariant('no duplicate person per ID number', (fail) => {
    for (const [idNumber, holders] of groupBy(persons, (p) => p.idNumber as string)) {
      if (holders.length > 1) fail(`ID number ${idNumber} is held by ${holders.length} people: ${holders.map((p) => p.id).join(', ')}`);
    }
    const claimed = new Map(idNumberItems.map((i) => [String(i.pk).slice('IDNUMBER#'.length), i.personId as string]));
    for (const p of persons) if (claimed.get(p.idNumber) !== p.id) fail(`person ${p.id}'s ID number item names ${claimed.get(p.idNumber) ?? 'nobody'}`);
    for (const [idNumber, personId] of claimed) if (!personById.has(personId)) fail(`ID number item ${idNumber} names person ${personId}, who does not exist`);
    return persons.length + idNumberItems.length;
  });

  invariant('households and their members agree', (fail) => {
    const memberOf = new Map<string, string>();
    for (const h of households) {
      for (const d of duplicatesIn(h.memberIds)) fail(`household ${h.id} lists member ${d} twice`);
      for (const m of h.memberIds as string[]) {
        if (memberOf.has(m)) fail(`person ${m} is a member of households ${memberOf.get(m)} and ${h.id}`);
        memberOf.set(m, h.id);
        if (personById.get(m)?.householdId !== h.id) fail(`household ${h.id} lists ${m}, whose householdId is ${personById.get(m)?.householdId}`);
      }
    }
    for (const p of persons)
      if (p.householdId && memberOf.get(p.id) !== p.householdId) fail(`person ${p.id} names household ${p.householdId}, which does not list them`);
    return households.length + persons.length;
  });

  // employers table
  const postings = employers.filter((i) => i.sk === 'POSTING');
  const hireItems = employers.filter((i) => String(i.sk).startsWith('HIRE#'));
  const hiresByPosting = groupBy(hireItems, (h) => h.postingId as string);

  invariant('hires ≤ headcount per posting, and filled is the count of hires', (fail) => {
    for (const p of postings) {
      const hired = hiresByPosting.get(p.id) ?? [];
      const listed = (p.hires as { personId: string }[]).map((h) => h.personId);
      if (hired.length > p.headcount) fail(`posting ${p.id} has ${hired.length} hires for a headcount of ${p.headcount}`);
      if (p.filled !== hired.length || listed.length !== hired.length)
        fail(`posting ${p.id}: filled ${p.filled}, ${listed.length} listed hires, ${hired.length} hire items`);
      if (
        !sameSet(
          listed,
          hired.map((h) => h.personId),
        )
      )
        fail(`posting ${p.id} lists hires ${listed.join(',')} but has hire items of ${hired.map((h) => h.personId).join(',')}`);
      for (const d of duplicatesIn(listed)) fail(`posting ${p.id} lists person ${d} as hired twice`);
      const full = p.filled >= p.headcount;
      if (p.status !== 'CLOSED' && (p.status === 'FILLED') !== full) fail(`posting ${p.id} is ${p.status} with ${p.filled} of ${p.headcount} filled`);
    }
    return postings.length;
  });

  invariant('employer and person counters equal their recount', (fail) => {
    let checked = 0;
    for (const employer of employers.filter((i) => i.sk === 'EMPLOYER')) {
      const sum = postings.filter((p) => p.employerId === employer.id).reduce((s, p) => s + p.headcount, 0);
      if (employer.positionsOffered !== sum)
        fail(`employer ${employer.id}: positionsOffered ${employer.positionsOffered}, its postings' headcounts add up to ${sum}`);
      checked++;
    }
    const hiresByPerson = groupBy(hireItems, (h) => h.personId as string);
    for (const list of employers.filter((i) => i.sk === 'HIRES')) {
      const listed = (list.hires as { postingId: string }[]).map((h) => h.postingId);
      const actual = (hiresByPerson.get(list.personId) ?? []).map((h) => h.postingId as string);
      if (!sameSet(listed, actual)) fail(`person ${list.personId}'s hire list names ${listed.join(',')}, the hire items ${actual.join(',')}`);
      checked++;
    }
    for (const [personId] of hiresByPerson)
      if (!employers.some((i) => i.sk === 'HIRES' && i.personId === personId)) fail(`person ${personId} has hires but no hire list`);
    return checked;
  });

  // programs table
  const placements = programs.filter((i) => i.sk === 'PLACEMENT') as (PlacementRecord & Item)[];
  const placementById = new Map(placements.map((p) => [p.id, p]));
  const events = programs.filter((i) => i.sk === 'EVENT') as (EventRecord & Item)[];

  invariant('placement histories legal, status their last entry', (fail) => {
    for (const p of placements) {
      const steps = p.history.map((h) => h.status);
      if (steps[0] !== 'INTENT') fail(`placement ${p.id} starts with ${steps[0]}`);
      for (let i = 1; i < steps.length; i++)
        if (!isLegalTransition(steps[i - 1]!, steps[i]!)) fail(`placement ${p.id} moved ${steps[i - 1]} → ${steps[i]} (history ${steps.join(' → ')})`);
      for (let i = 1; i < p.history.length; i++)
        if (p.history[i]!.at < p.history[i - 1]!.at) fail(`placement ${p.id}'s history goes back in time at step ${i}`);
      if (p.status !== steps.at(-1)) fail(`placement ${p.id} is ${p.status}, its history ends with ${steps.at(-1)}`);
      if (steps.includes('HIRED') && !hiresByPosting.get(p.postingId)?.some((h) => h.personId === p.personId))
        fail(`placement ${p.id} was HIRED without a hire of ${p.personId} into ${p.postingId}`);
    }
    const facets = programs.filter((i) => String(i.pk).startsWith('PLACEMENT#') && String(i.sk).startsWith('FACET#'));
    for (const f of facets) if (placementById.get(f.placementId)?.status !== f.status) fail(`facet ${f.sk} of placement ${f.placementId} says ${f.status}`);
    return placements.length + facets.length;
  });

  invariant('one placement per person and posting, listed once per person', (fail) => {
    const intentions = programs.filter((i) => i.sk === 'INTENTION');
    const byPair = groupBy(placements, (p) => `${p.personId}#${p.postingId}`);
    for (const [pair, list] of byPair) if (list.length > 1) fail(`${list.length} placements for person#posting ${pair}: ${list.map((p) => p.id).join(', ')}`);
    for (const i of intentions) {
      const p = placementById.get(i.placementId);
      if (!p || `INTENTION#${p.personId}#${p.postingId}` !== i.pk) fail(`intention item ${i.pk} names placement ${i.placementId}, which does not match`);
    }
    if (intentions.length !== placements.length) fail(`${intentions.length} intention items for ${placements.length} placements`);
    const lists = programs.filter((i) => i.sk === 'PLACEMENTS');
    const byPerson = groupBy(placements, (p) => p.personId);
    for (const list of lists) {
      for (const d of duplicatesIn(list.placementIds)) fail(`person ${list.personId} lists placement ${d} twice`);
      if (
        !sameSet(
          list.placementIds,
          (byPerson.get(list.personId) ?? []).map((p) => p.id),
        )
      )
        fail(`person ${list.personId}'s placement list does not match their placements`);
    }
    return placements.length + intentions.length + lists.length;
  });

  invariant('every statistic equals its recount from the records', (fail) => {
    const expected = new Map<string, Record<string, number>>();
    for (const change of counterChangesOf({ events, placements })) {
      const id = `${change.key.pk}|${change.key.sk}`;
      const sums = expected.get(id) ?? {};
      for (const [counter, delta] of Object.entries(change.deltas)) sums[counter] = (sums[counter] ?? 0) + (delta ?? 0);
      expected.set(id, sums);
    }
    // A program's employer records (STATS#PROGRAM#…|EMPLOYER#…: the employer's largest offer at any
    // one event, written in the participants' transaction) are records, not counters of placements:
    // not recounted here.
    const stored = new Map(
      programs.filter((i) => String(i.pk).startsWith('STATS#') && !String(i.sk).startsWith('EMPLOYER#')).map((i) => [`${i.pk}|${i.sk}`, i]),
    );
    let checked = 0;
    for (const id of new Set([...expected.keys(), ...stored.keys()])) {
      const want = expected.get(id) ?? {};
      const have = stored.get(id) ?? {};
      for (const counter of new Set([...Object.keys(want), ...Object.keys(have).filter((k) => typeof have[k] === 'number')])) {
        checked++;
        if (Number(have[counter] ?? 0) !== (want[counter] ?? 0)) fail(`${id} ${counter}: stored ${have[counter] ?? 0}, recount ${want[counter] ?? 0}`);
      }
    }
    return checked;
  });

  invariant('projections converged with their sources', (fail) => {
    let checked = 0;
    const known = new Set(employers.filter((i) => i.sk === 'KNOWN').map((i) => i.personId as string));
    const profiles = new Map(programs.filter((i) => i.sk === 'PROFILE').map((i) => [i.personId as string, i]));
    for (const person of persons) {
      checked++;
      if (!known.has(person.id)) fail(`employers: person ${person.id} is not known`);
      if (profiles.get(person.id)?.povertyRegistered !== person.povertyRegistered)
        fail(
          `programs: person ${person.id}'s profile says registered-poor ${profiles.get(person.id)?.povertyRegistered}, the person ${person.povertyRegistered}`,
        );
    }
    for (const p of placements) {
      checked++;
      const flag = personById.get(p.personId)?.povertyRegistered;
      if (flag !== undefined && p.povertyRegistered !== flag)
        fail(`placement ${p.id} counts registered-poor ${p.povertyRegistered}, person ${p.personId} is ${flag}`);
    }
    const terms = new Map(programs.filter((i) => i.sk === 'TERMS').map((i) => [i.postingId as string, i]));
    for (const posting of postings) {
      checked++;
      const projected = terms.get(posting.id);
      const hired = (posting.hires as { personId: string }[]).map((h) => h.personId);
      if (!projected || !sameSet(projected.hiredPersonIds, hired) || projected.employerId !== posting.employerId)
        fail(`programs: posting ${posting.id}'s terms list hires ${projected?.hiredPersonIds?.join(',')}, the posting ${hired.join(',')}`);
    }
    return checked;
  });

  invariant('no acknowledged write missing', (fail) => {
    let checked = 0;
    for (const r of ledger.registrations) {
      checked++;
      if (personById.get(r.personId)?.idNumber !== r.idNumber) fail(`registration of ${r.idNumber} acknowledged as ${r.personId}, which is not stored`);
    }
    const householdById = new Map(households.map((h) => [h.id as string, h]));
    for (const h of ledger.households) {
      checked++;
      if (!sameSet(householdById.get(h.id)?.memberIds ?? [], h.memberIds))
        fail(`household ${h.id} acknowledged with members ${h.memberIds.join(',')}, stored ${householdById.get(h.id)?.memberIds}`);
    }
    for (const [personId, writes] of groupBy(ledger.flagWrites, (w) => w.personId)) {
      const acked = writes.filter((w) => w.kind === 'ok');
      const person = personById.get(personId);
      for (const w of acked) {
        checked++;
        if (!person || person.version < w.version!) fail(`updatePerson of ${personId} acknowledged at version ${w.version}, stored version ${person?.version}`);
      }
      const last = writes.at(-1)!;
      // Later writes that were refused changed nothing; an uncertain one may have, so it decides nothing.
      const lastEffective = [...writes].reverse().find((w) => w.kind !== 'refused');
      if (lastEffective && lastEffective.kind === 'ok' && person && person.povertyRegistered !== lastEffective.flag)
        fail(`person ${personId}: the last acknowledged flag change set ${lastEffective.flag}, stored ${person.povertyRegistered} (last attempt ${last.kind})`);
    }
    for (const i of ledger.intentions) {
      checked++;
      const p = placementById.get(i.placementId);
      if (!p || p.personId !== i.personId || p.postingId !== i.postingId) fail(`intention ${i.placementId} acknowledged, not stored`);
    }
    for (const h of ledger.hires) {
      checked++;
      if (!hiresByPosting.get(h.postingId)?.some((item) => item.personId === h.personId))
        fail(`hire of ${h.personId} into ${h.postingId} acknowledged, not stored`);
    }
    for (const m of ledger.moves.filter((m) => m.kind === 'ok')) {
      checked++;
      const entry = placementById.get(m.placementId)?.history[m.index!];
      if (!entry || entry.status !== m.status || entry.at !== m.at) fail(`move of ${m.placementId} to ${m.status} at ${m.at} acknowledged, not in its history`);
    }
    const postingById = new Map(postings.map((p) => [p.id as string, p]));
    for (const h of ledger.headcountChanges.filter((h) => h.kind === 'ok')) {
      checked++;
      if (!(postingById.get(h.postingId)?.version >= h.version!))
        fail(`headcount change of ${h.postingId} to version ${h.version} acknowledged, stored version ${postingById.get(h.postingId)?.version}`);
    }
    for (const a of ledger.attendance.filter((a) => a.kind === 'ok')) {
      checked++;
      const stored = events.find((e) => e.id === a.eventId);
      if (!stored || stored.version < a.version!)
        fail(`attendance ${a.attendance} of ${a.eventId} acknowledged at version ${a.version}, stored version ${stored?.version}`);
    }
    for (const c of ledger.claims.filter((c) => c.kind === 'ok')) {
      checked++;
      const p = placementById.get(c.placementId);
      const present = c.month === 0 ? Boolean(p?.travelReimbursementClaim) : Boolean(p?.subsidyClaims.some((s) => s.month === c.month));
      if (!present) fail(`claim ${c.month === 0 ? 'travel' : `month ${c.month}`} of ${c.placementId} acknowledged, not stored`);
    }
    return checked;
  });

  invariant('no write applied twice, and none the caller was told failed', (fail) => {
    let checked = 0;
    for (const [requestId, items] of groupBy(audits, (a) => a.requestId as string)) {
      checked++;
      if (items.length > 1) fail(`request ${requestId} left ${items.length} audit items (${items.map((a) => a.operation).join(', ')}): applied twice`);
    }
    const auditsByRequest = new Set(audits.map((a) => a.requestId as string));
    for (const w of ledger.peopleWriteRequests) {
      checked++;
      if (!auditsByRequest.has(w.requestId)) fail(`${w.operation} of ${w.targetId} (request ${w.requestId}) acknowledged without its audit item`);
    }
    const householdAudits = groupBy(
      audits.filter((a) => a.operation === 'registerHousehold'),
      (a) => a.targetId as string,
    );
    for (const [id, items] of householdAudits) if (items.length > 1) fail(`household ${id} registered ${items.length} times`);
    const conflictCounts = people.filter((i) => String(i.pk).startsWith('REGISTRATION-CONFLICTS#'));
    for (const c of conflictCounts) {
      checked++;
      const subject = String(c.pk).slice('REGISTRATION-CONFLICTS#'.length);
      const hour = String(c.sk).slice('HOUR#'.length);
      const refusals = audits.filter((a) => a.outcome && a.subject === subject && String(a.at).startsWith(hour)).length;
      if (c.count !== refusals) fail(`refused registrations of ${subject} in ${hour}: counted ${c.count}, audited ${refusals}`);
    }
    const idNumbers = new Set(persons.map((p) => p.idNumber as string));
    for (const idNumber of ledger.refusedFreshIdNumbers) {
      checked++;
      if (idNumbers.has(idNumber)) fail(`registration of the new ID number ${idNumber} was refused, yet a person holds it`);
    }
    for (const [placementId, moves] of groupBy(ledger.moves, (m) => m.placementId)) {
      const history = placementById.get(placementId)?.history ?? [];
      for (const m of moves.filter((m) => m.kind === 'refused')) {
        checked++;
        if (history.some((h) => h.at === m.at)) fail(`move of ${placementId} to ${m.status} at ${m.at} was refused, yet it is in the history`);
      }
      for (const d of duplicatesIn(history.map((h) => h.status as string))) fail(`placement ${placementId} reached ${d} twice`);
    }
    for (const [eventId, writes] of groupBy(ledger.attendance, (a) => a.eventId)) {
      const stored = events.find((e) => e.id === eventId);
      const last = [...writes].reverse().find((w) => w.kind !== 'refused');
      for (const w of writes.filter((w) => w.kind === 'refused')) {
        checked++;
        if (stored?.attendance === w.attendance) fail(`attendance ${w.attendance} of ${eventId} was refused, yet it is the stored attendance`);
      }
      if (last?.kind === 'ok' && stored?.attendance !== last.attendance)
        fail(`attendance of ${eventId}: last acknowledged ${last.attendance}, stored ${stored?.attendance}`);
    }
    for (const id of ledger.racesBothAcknowledged) fail(`both racing moves of placement ${id} were acknowledged`);
    for (const [key, attempts] of groupBy(ledger.claims, (c) => `${c.placementId}|${c.month}`)) {
      if (!attempts.every((a) => a.kind === 'refused')) continue;
      checked++;
      const [placementId, month] = key.split('|');
      const p = placementById.get(placementId!);
      const present = month === '0' ? Boolean(p?.travelReimbursementClaim) : Boolean(p?.subsidyClaims.some((s) => s.month === Number(month)));
      if (present && !ledger.claims.some((c) => c.placementId === placementId && c.month === Number(month) && c.kind !== 'refused'))
        fail(`claim ${month === '0' ? 'travel' : `month ${month}`} of ${placementId} was refused, yet it is stored`);
    }
    for (const p of placements)
      for (const d of duplicatesIn(p.subsidyClaims.map((c) => String(c.month)))) fail(`placement ${p.id} has two subsidy claims for month ${d}`);
    return checked;
  });

  return results;
}

export type { PlacementStatus };
