/**
 * Template assertions need folders to point the functions at, not real bundles: those are built,
 * synthesized and run by deploy-fidelity.test.ts. One folder per function, removed after the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { LAMBDA_ARCHITECTURE, type Bundles } from '../../scripts/build.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';

export function stubBundles(): Bundles {
  const outdir = mkdtempSync(join(tmpdir(), 'labor-bundles-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));
  const stubBundle = (name: string) => {
    mkdirSync(join(outdir, name));
    writeFileSync(join(outdir, name, 'index.mjs'), `export const handler = () => ${JSON.stringify(name)};\n`);
    return join(outdir, name);
  };
  return {
    architecture: LAMBDA_ARCHITECTURE,
    gateway: stubBundle('gateway'),
    subgraphs: Object.fromEntries(subgraphList.map((s) => [s.name, stubBundle(s.name)])),
    streamHandlers: Object.fromEntries(subgraphList.filter((s) => s.projections).map((s) => [s.name, stubBundle(`${s.name}-projections`)])),
  };
}

/** A web app build's shape (web/build.ts: index.html, assets/, the persisted-documents manifest), for templates only. */
export function stubWebApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'labor-web-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><script type="module" src="/app/assets/index.js"></script>\n');
  writeFileSync(join(dir, 'assets', 'index.js'), 'export {};\n');
  writeFileSync(join(dir, 'persisted-documents.json'), '{}\n');
  return dir;
}
