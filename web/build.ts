/**
 * Builds the web app into web/dist/ with Vite: static files the local gateway serves at /app/, with
 * no CDN at run time. `npm run build` builds it with the Lambda bundles; `npm start` builds it when
 * web/dist is missing or older than its sources (a hash of them is kept beside the build).
 */
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WEB_APP_DIR = join(ROOT, 'web');
export const WEB_APP_DIST = join(WEB_APP_DIR, 'dist');
/** Hash → document of every operation the app sends, emitted by `npm run codegen` (checked in). */
export const PERSISTED_DOCUMENTS_FILE = join(WEB_APP_DIR, 'src', 'generated', 'persisted-documents.json');
const SOURCE_HASH_FILE = join(WEB_APP_DIST, '.source-hash');

const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

/** Everything the build reads from this repository (the app imports the product's region list). */
function sourceHash(): string {
  const files = [
    ...filesUnder(join(WEB_APP_DIR, 'src')),
    join(WEB_APP_DIR, 'index.html'),
    join(WEB_APP_DIR, 'vite.config.ts'),
    join(ROOT, 'subgraphs', 'shared', 'domain', 'regions.ts'),
    join(ROOT, 'package-lock.json'),
  ].sort();
  const hash = createHash('sha256');
  for (const file of files) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export const webAppIsFresh = () => existsSync(SOURCE_HASH_FILE) && readFileSync(SOURCE_HASH_FILE, 'utf8') === sourceHash();

export async function buildWebApp(): Promise<{ outdir: string; ms: number }> {
  const started = performance.now();
  const hash = sourceHash();
  const { build } = await import('vite');
  await build({ configFile: join(WEB_APP_DIR, 'vite.config.ts'), logLevel: 'warn' });
  // The manifest ships with the app: a deployment registers it with the gateway that serves the app.
  copyFileSync(PERSISTED_DOCUMENTS_FILE, join(WEB_APP_DIST, 'persisted-documents.json'));
  writeFileSync(SOURCE_HASH_FILE, hash);
  return { outdir: WEB_APP_DIST, ms: Math.round(performance.now() - started) };
}

/** Builds the app unless web/dist already holds a build of the current sources. */
export async function ensureWebAppBuilt(log: (line: string) => void = () => undefined): Promise<void> {
  if (webAppIsFresh()) return;
  log(existsSync(WEB_APP_DIST) ? 'Web app: sources changed, rebuilding…' : 'Web app: building…');
  const { ms } = await buildWebApp();
  log(`Web app: built into web/dist/ in ${(ms / 1000).toFixed(1)} s.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { outdir, ms } = await buildWebApp();
  console.log(`Web app built into ${relative(process.cwd(), outdir)}/ in ${ms} ms.`);
}
