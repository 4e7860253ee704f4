import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // One graphql module, the one the libraries load (CommonJS): a schema built from the ES module
  // build would be refused by them as coming "from another module or realm".
  resolve: { alias: [{ find: /^graphql$/, replacement: createRequire(import.meta.url).resolve('graphql') }] },
  test: {
    include: ['test/**/*.test.ts'],
    // One DynamoDB Local for the whole run; each test file works in tables of its own.
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/keys-setup.ts'],
    env: {
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      GATEWAY_LOG_LEVEL: 'silent',
    },
    // One file at a time: every file shares one DynamoDB Local, whose transactions time out waiting
    // for locks when several files load data at once; alone, each file runs in seconds.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
