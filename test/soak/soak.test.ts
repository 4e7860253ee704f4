/**
 * The soak in short, as CI runs it: 20 s of mixed concurrent work through the gateway
 * against a system of its own (its own DynamoDB Local, every subgraph and the stream poller in
 * processes of their own), with every kind of fault injected, then every invariant checked on the
 * tables. `npm run soak -- --minutes 10 --faults` is the long form.
 */
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS } from '../../scripts/soak/fault-proxy.js';
import { formatReport, runSoak, type SoakReport } from '../../scripts/soak/run-soak.js';

// A hang guard, not the expected time: the work is 20 s; start-up, draining and the checks add to it, minutes on a crowded machine.
describe('the soak (short form)', () => {
  it('under throttling, 500s, latency, dropped connections and killed processes loses no acknowledged write and applies none twice', async () => {
    // Prepare: a fixed seed, so a failure here replays with `npm run soak -- --seed 21 --faults`.
    let report: SoakReport | undefined;
    try {
      // Act
      report = await runSoak({ durationMs: 20_000, faults: true, faultScale: 2, seed: 21, killEveryMs: 6_000, concurrency: 8 });
    } finally {
      if (report) console.log(formatReport(report).join('\n'));
    }

    // Assess: faults of every kind happened, work got done, and nothing is wrong in the tables.
    for (const kind of [...FAULT_KINDS, 'subgraphKilled', 'pollerKilled'] as const) expect(report.faults[kind], kind).toBeGreaterThan(0);
    // Work got done (on a crowded machine the 20 s hold a few dozen acknowledged writes, on an idle one hundreds).
    expect(report.work.byOutcome.ok).toBeGreaterThan(20);
    expect(report.invariants.map((i) => i.name)).toHaveLength(10);
    for (const invariant of report.invariants) {
      expect(invariant.checked, invariant.name).toBeGreaterThan(0);
      expect(invariant.violations, invariant.name).toEqual([]);
    }
    expect(report.violations).toBe(0);
  }, 300_000);
});
