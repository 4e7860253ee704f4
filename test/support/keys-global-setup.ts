import type { TestProject } from 'vitest/node';
import { generateDevKeys } from '../../scripts/dev-keys.js';

/**
 * The unit project's global setup: key pairs for the run, and nothing else — no DynamoDB Local,
 * no demo data (see global-setup.ts for the integration and browser projects).
 */
export default async function setup(project: TestProject) {
  project.provide('keys', await generateDevKeys());
}
