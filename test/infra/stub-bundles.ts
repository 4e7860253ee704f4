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
