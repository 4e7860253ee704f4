// Runs before `npm start` and `npm test` (npm `pre` scripts), so it may use nothing but Node itself:
// on a fresh clone node_modules does not exist yet.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..');
const lockfile = join(root, 'package-lock.json');
// npm writes this file on every install; it is older than the lockfile when the lockfile changed since.
const installed = join(root, 'node_modules', '.package-lock.json');

const reason = !existsSync(installed)
  ? 'node_modules is missing'
  : statSync(installed).mtimeMs < statSync(lockfile).mtimeMs
    ? 'package-lock.json is newer than node_modules'
    : null;

if (reason) {
  console.log(`Installing dependencies with npm ci (${reason})…`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('npm ci failed; fix the error above and run the command again.');
    process.exit(result.status ?? 1);
  }
}
