import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';
import SharedDemoLastSequencer from './test/support/sequencer.js';
import { INTEGRATION_WORKERS } from './test/support/shared-demo.js';

/**
 * The pure tests: logic, schemas, composition, CDK templates; no Java, no DynamoDB Local, no
 * network. Everything else (test/**\/*.test.ts minus these and the browser tests) is integration.
 * The unit project's global setup starts no DynamoDB Local, so a file listed here that reaches for
 * it (useTables, useLocalSystem) fails at once, saying so: the list cannot silently lie.
 */
export const UNIT_TESTS = [
  'test/unit/**/*.test.ts',
  'test/contracts/**/*.test.ts',
  'test/infra/stack.test.ts',
  'test/infra/supergraph-bucket.test.ts',
  'test/infra/bundle-contents.test.ts',
  'test/infra/sign-in-and-hosting.test.ts',
  'test/partners/partner-policy.test.ts',
  'test/partners/publish-supergraph.test.ts',
  'test/security/masking.test.ts',
  'test/security/partner-personal-data.test.ts',
  'test/web/typed-operations.test.ts',
  'test/web/hosted-sign-in.test.ts',
  'test/architecture/**/*.test.ts',
  'test/partners/shanxi-standalone.test.ts',
  'test/partners/shanxi-signature.test.ts',
  // The Shanxi service's own tests, as the province runs them (partners/shanxi: npm test).
  'partners/shanxi/test/**/*.test.ts',
];
/** Real Chromium (Debian's, driven by playwright-core) against the local system. */
export const BROWSER_TESTS = ['test/**/*.browser.test.ts'];

export default defineConfig({
  // One graphql module, the one the libraries load (CommonJS): a schema built from the ES module
  // build would be refused by them as coming "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    setupFiles: ['test/support/keys-setup.ts'],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      GATEWAY_LOG_LEVEL: 'silent',
    },
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Files reading the shared demo last: global-setup loads it while the others run.
    sequence: { sequencer: SharedDemoLastSequencer },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: UNIT_TESTS,
          // A hang guard, not a speed check: synthesizing the CDK stages takes tens of seconds of CPU
          // when the unit files run side by side on two busy cores.
          testTimeout: 120_000,
          isolate: false,
          // Keys only: no DynamoDB Local.
          globalSetup: ['test/support/keys-global-setup.ts'],
          // vitest's default on 2 cores is 1 worker (cores − 1); the same number as the integration
          // project's, so the two run side by side in one group of workers.
          maxWorkers: INTEGRATION_WORKERS,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          exclude: [...UNIT_TESTS, ...BROWSER_TESTS],
          // An empty DynamoDB Local per worker for the file's own tables, and one with the demo data
          // global-setup loads once, in the background (the browser project uses the same).
          globalSetup: ['test/support/global-setup.ts'],
          // Files side by side, each writing to its worker's DynamoDB Local: on a shared one, their
          // transactions time out waiting for its SQLite lock.
          maxWorkers: INTEGRATION_WORKERS,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: BROWSER_TESTS,
          globalSetup: ['test/support/global-setup.ts'],
          fileParallelism: false,
        },
      },
    ],
  },
});
