/**
 * Child processes of the benchmark: each subgraph and each gateway engine runs in a Node process of
 * its own (as in production, where each is a function of its own), started through tsx and ready
 * when it prints its `ready` line. Stopped by handle, never by name.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface BenchProcess {
  readonly name: string;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const running = new Set<ChildProcess>();

/** Starts `tsx FILE ARGS…` and resolves once it prints a line starting with `ready`. */
export async function startProcess(name: string, file: string, args: readonly string[], env: Record<string, string>, timeoutMs = 60_000): Promise<BenchProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', POWERTOOLS_LOG_LEVEL: 'SILENT', GATEWAY_LOG_LEVEL: 'silent', NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${output}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      if (!chunk.toString().split('\n').some((line) => line.startsWith('ready'))) return;
      clearTimeout(timer);
      // From now on its output (an access log line per request) is drained unread.
      child.stdout!.off('data', onData);
      child.stdout!.resume();
      resolve();
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (code ${code}) before it was ready:\n${output}`));
    });
  });
  return {
    name,
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => (kill(), process.exit(130)));
}
