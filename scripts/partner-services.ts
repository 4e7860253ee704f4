/**
 * Partner subgraphs hosted by provinces, on this machine: each example service (`localService` in
 * the subgraph list) runs as a process of its own, with its own table and the secret it shares
 * with the gateway, exactly as the province would run it. `npm start` uses this; tests start the
 * Shanxi service in-process with startShanxiService.
 *
 * A partner service imports no core code (test/partners/shanxi-standalone.test.ts), so it cannot
 * read the people demo: its demo workers are handed over the way a province would get them, as a
 * file. This runner writes the people demo's workers of the partner's province, ids and hometown
 * counties only, to `.data/partners/<name>-demo-people.json` and passes the path in the partner's
 * variable (SHANXI_DEMO_PEOPLE_FILE).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { externalPartnerList, localUrl, routedSubgraphs, isExternalPartner } from '../subgraphs/subgraph-list.js';
import { DEMO_PEOPLE_COUNT, demoPersonId, generatePeople } from './demo/people.js';
import { DEV_KEYS_DIR } from './dev-keys.js';

/** A worker of the people demo as a partner gets it: the person's id and hometown county, nothing else of theirs. */
export interface PartnerDemoWorker {
  readonly id: string;
  readonly hometownCode: string;
}

/** The people demo's workers from `provinceCode` (e.g. 140000), in the demo's order. */
export const demoWorkersOf = (provinceCode: string): PartnerDemoWorker[] =>
  generatePeople(DEMO_PEOPLE_COUNT)
    .filter((person) => person.hometownCode.startsWith(provinceCode.slice(0, 2)))
    .map((person) => ({ id: demoPersonId(person), hometownCode: person.hometownCode }));

/** Shanxi's demo workers: the ones partners/shanxi/demo-data.ts makes contracts for. */
export const shanxiDemoWorkers = () => demoWorkersOf('140000');

/** Which partners get demo workers, from which province, in which variable of theirs. */
const PARTNER_DEMO_PEOPLE: Readonly<Record<string, { readonly provinceCode: string; readonly env: string }>> = {
  shanxi: { provinceCode: '140000', env: 'SHANXI_DEMO_PEOPLE_FILE' },
};

/** Writes a partner's demo workers file and returns the variables that hand it over; none for a partner without demo people. */
export function writePartnerDemoPeople(name: string, dir = resolve('.data', 'partners')): Record<string, string> {
  const demo = PARTNER_DEMO_PEOPLE[name];
  if (!demo) return {};
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-demo-people.json`);
  writeFileSync(file, `${JSON.stringify(demoWorkersOf(demo.provinceCode), null, 2)}\n`);
  return { [demo.env]: file };
}

/** Where a partner subgraph runs and the secret the gateway signs requests to it with. */
export interface PartnerEndpoint {
  readonly url: string;
  readonly secret: string;
}

export type PartnerEndpoints = Readonly<Record<string, PartnerEndpoint>>;

/**
 * Each external partner's secret: its environment variable (SHANXI_GATEWAY_SECRET…) when set, else a
 * development secret kept in `.data/keys/partner-secrets.json` (git-ignored), made on first use.
 */
export function loadOrCreatePartnerSecrets(env: NodeJS.ProcessEnv = process.env, dir = DEV_KEYS_DIR): Record<string, string> {
  const file = join(dir, 'partner-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  let changed = false;
  const secrets = Object.fromEntries(
    externalPartnerList.map((entry) => {
      const fromEnv = env[entry.secret.env];
      if (fromEnv) return [entry.name, fromEnv];
      if (!stored[entry.name]) {
        stored[entry.name] = randomBytes(32).toString('hex');
        changed = true;
      }
      return [entry.name, stored[entry.name]!];
    }),
  );
  if (changed) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
  return secrets;
}

export interface RunningPartnerServices {
  readonly endpoints: PartnerEndpoints;
  stop(): Promise<void>;
}

const stopProcess = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

/** Starts every routed external partner that has a local example service; resolves once each says it is ready. */
export async function startPartnerServices(options: {
  dynamoEndpoint: string;
  secrets: Readonly<Record<string, string>>;
  log?: (line: string) => void;
}): Promise<RunningPartnerServices> {
  const children: ChildProcess[] = [];
  const endpoints: Record<string, PartnerEndpoint> = {};
  const stop = async () => void (await Promise.all(children.map(stopProcess)));
  try {
    for (const entry of routedSubgraphs().filter(isExternalPartner)) {
      if (!entry.localService) continue;
      const secret = options.secrets[entry.name]!;
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(entry.localService)], {
        env: {
          ...process.env,
          PORT: String(entry.port),
          DYNAMODB_ENDPOINT: options.dynamoEndpoint,
          [entry.secret.env]: secret,
          ...writePartnerDemoPeople(entry.name),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        let output = '';
        const collect = (chunk: Buffer) => {
          output += chunk.toString();
          if (/ready at /.test(output)) resolve();
        };
        child.stdout!.on('data', collect);
        child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
        child.once('exit', (code) => reject(new Error(`The ${entry.name} partner service exited (${code}) before it was ready:\n${output.trim()}`)));
      });
      options.log?.(`Partner subgraph ${entry.name}: its own service, process ${child.pid}, requests signed with its secret (${entry.secret.env}).`);
      endpoints[entry.name] = { url: localUrl(entry), secret };
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { endpoints, stop };
}
