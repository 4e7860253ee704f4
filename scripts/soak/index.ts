/**
 * `npm run soak -- --minutes N [--faults] [--fault-scale X] [--seed S] [--concurrency C]`: mixed concurrent work
 * through the gateway for N minutes against a system of its own (its own DynamoDB Local in memory,
 * free ports: never .data/ or port 4000), with faults injected when asked, then the invariant
 * checks. Exits 1 naming each violation.
 */
import { parseArgs } from 'node:util';
import { formatReport, runSoak } from './run-soak.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

async function main() {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string', default: '1' },
      faults: { type: 'boolean', default: false },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      'fault-scale': { type: 'string', default: '1' },
    },
  });
  const minutes = Number(values.minutes);
  if (!(minutes > 0 && minutes <= 24 * 60)) throw new Error(`--minutes must be a number above 0 (up to 1440), not "${values.minutes}".`);
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not "${values.seed}".`);
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) throw new Error('--concurrency must be a whole number from 1 to 64.');

  const faultScale = Number(values['fault-scale']);
  if (!(faultScale > 0 && faultScale <= 10)) throw new Error('--fault-scale must be a number above 0, at most 10 (it multiplies every fault rate).');
  const tty = process.stdout.isTTY;
  let lastPrinted = 0;
  console.log(`Soak: ${minutes} min, faults ${values.faults ? 'on' : 'off'}, seed ${seed} (replay with --seed ${seed}).`);
  const report = await runSoak({
    durationMs: minutes * 60_000,
    faults: values.faults,
    seed,
    faultScale,
    concurrency,
    log: (line) => console.log(line),
    onProgress: (line) => {
      if (tty) process.stdout.write(`\r${line.slice(0, (process.stdout.columns || 160) - 1).padEnd((process.stdout.columns || 160) - 1)}`);
      else if (Date.now() - lastPrinted >= 15_000) {
        lastPrinted = Date.now();
        console.log(line);
      }
    },
  });
  if (tty) process.stdout.write('\n');
  for (const line of formatReport(report)) console.log(line);
  process.exit(report.violations === 0 ? 0 : 1);
}

main().catch((error: Error) => {
  console.error(`npm run soak failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
