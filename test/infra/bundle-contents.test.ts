/**
 * What the Lambda bundles may hold: no development-only package ever ships (the composition and
 * codegen tools, @apollo/gateway of the benchmark, test tools), a subgraph starts from its prebuilt
 * schema instead of the federation library, and the gateway runtime's imports for features we do not
 * configure are left out (scripts/build.ts). Built for x86_64 into a folder of this file's own.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, LEFT_OUT_OF_GATEWAY, type Bundles } from '../../scripts/build.js';

const ROOT = join(import.meta.dirname, '../..');
const devDependencies = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { devDependencies: object }).devDependencies);

let bundles: Bundles;
let outdir: string;
beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'labor-bundle-contents-'));
  bundles = await buildBundles({ outdir, architecture: 'x86_64' });
});
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

const packagesOf = (dir: string) => {
  const packages = bundles.packages?.[dir];
  if (!packages) throw new Error(`buildBundles reported no packages for ${dir}`);
  return packages;
};

describe('the Lambda bundles', () => {
  it('hold no development-only package', () => {
    const folders = [bundles.gateway, ...Object.values(bundles.subgraphs), ...Object.values(bundles.streamHandlers)];
    const shipped = Object.fromEntries(folders.map((dir) => [dir.slice(outdir.length + 1), packagesOf(dir).filter((p) => devDependencies.includes(p))]));
    expect(shipped).toEqual(Object.fromEntries(Object.keys(shipped).map((name) => [name, []])));
    // The lists are real: the gateway holds its engine, each subgraph Apollo Server.
    expect(packagesOf(bundles.gateway)).toContain('@graphql-hive/gateway-runtime');
    for (const dir of Object.values(bundles.subgraphs)) expect(packagesOf(dir)).toContain('@apollo/server');
  });

  it('start each subgraph from its prebuilt schema, without the federation library', () => {
    for (const dir of Object.values(bundles.subgraphs)) {
      expect(packagesOf(dir)).toContain('@apollo/subgraph');
      expect(packagesOf(dir)).not.toContain('@apollo/federation-internals');
    }
  });

  it("leave the gateway runtime's unused features out of the gateway", () => {
    const gateway = packagesOf(bundles.gateway);
    // The OpenTelemetry plugin needs @graphql-hive/core for real; it is imported only when
    // OTEL_TRACES_EXPORTER asks for tracing (gateway/serving/tracing.ts), into a chunk of its own.
    const neededByTracing = Object.keys(
      (JSON.parse(readFileSync(join(ROOT, 'node_modules/@graphql-hive/plugin-opentelemetry/package.json'), 'utf8')) as { dependencies: object }).dependencies,
    );
    expect(Object.keys(LEFT_OUT_OF_GATEWAY).filter((name) => gateway.includes(name) && !neededByTracing.includes(name))).toEqual([]);
  });
});
