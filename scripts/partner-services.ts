/**
 * Partner subgraphs hosted by provinces, on this machine: each example service (`localService` in
 * the subgraph list) runs as a process of its own, with its own table and the secret it shares
 * with the gateway, exactly as the province would run it. `npm start` uses this; tests start the
 * Shanxi service in-process with startShanxiService.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { externalPartnerList, localUrl, routedSubgraphs, isExternalPartner } from '../subgraphs/subgraph-list.js';
import { DEV_KEYS_DIR } from './dev-keys.js';

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
export async function startPartnerServices(options: { dynamoEndpoint: string; secrets: Readonly<Record<string, string>>; log?: (line: string) => void }): Promise<RunningPartnerServices> {
  const children: ChildProcess[] = [];
  const endpoints: Record<string, PartnerEndpoint> = {};
  const stop = async () => void (await Promise.all(children.map(stopProcess)));
  try {
    for (const entry of routedSubgraphs().filter(isExternalPartner)) {
      if (!entry.localService) continue;
      const secret = options.secrets[entry.name]!;
      const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(entry.localService)], {
        env: { ...process.env, PORT: String(entry.port), DYNAMODB_ENDPOINT: options.dynamoEndpoint, [entry.secret.env]: secret },
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
