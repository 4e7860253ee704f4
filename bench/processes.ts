/**
 * Child processes of the benchmark: each subgraph and each gateway engine runs in a Node process of
 * its own (as in production, where each is a function of its own), started through tsx and ready
 * when it prints its `ready` line. Stopped by handle, never by name.
 *
 * A process writes its standard output (ours: an access log line per request, as deployed) straight
 * to a file of .data/bench/logs/, never to a pipe this process reads: Node writes to a pipe
 * synchronously, so a gateway would stall whenever the pipe is full and this process, busy sending
 * load, has not drained it yet, and its slowest answers would measure the benchmark, not the engine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchProcess {
  readonly name: string;
  /** CPU time (user + system, ms) the process has used so far; undefined where /proc is not there. */
  cpuMs(): number | undefined;
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat's times (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const LOG_DIR = join(ROOT, '.data/bench/logs');
const running = new Set<ChildProcess>();

/** Starts `tsx FILE ARGS…` and resolves once it prints a line starting with `ready` (its output goes to LOG_DIR). */
export async function startProcess(
  name: string,
  file: string,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 180_000,
): Promise<BenchProcess> {
  mkdirSync(LOG_DIR, { recursive: true });
  const logFile = join(LOG_DIR, `${name.replace(/[^\w.-]+/g, '-')}.log`);
  const stdout = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      GATEWAY_LOG_LEVEL: 'silent',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', stdout, 'pipe'],
  });
  closeSync(stdout);
  running.add(child);
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      clearInterval(poll);
      child.off('exit', exited);
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s (its output: ${logFile}):\n${output}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      if (
        readFileSync(logFile, 'utf8')
          .split('\n')
          .some((line) => line.startsWith('ready'))
      ) {
        done();
        resolve();
      }
    }, 50);
    const exited = (code: number | null) => {
      done();
      reject(new Error(`${name} exited (code ${code}) before it was ready (its output: ${logFile}):\n${output}`));
    };
    child.once('exit', exited);
  });
  return {
    name,
    cpuMs: () => cpuMsOf(child.pid),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(forced);
      running.delete(child);
    },
  };
}

/** Kills what is still running when the benchmark exits early (Ctrl-C, a failure). */
export function stopAllOnExit(): void {
  const kill = () => {
    for (const child of running) child.kill('SIGKILL');
  };
  process.once('exit', kill);
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => {
      kill();
      process.exit(130);
    });
}
