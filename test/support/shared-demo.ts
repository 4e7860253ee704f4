/** Table prefix of the demo data global-setup loads once per run for every test file to read. */
export const SHARED_DEMO_PREFIX = 'demo-';

/** Written into the run's demo status folder when the shared demo load ends: `{ loaded, error? }`. */
export const DEMO_STATUS_FILE = 'demo-status.json';

/**
 * Integration test files that run at once, each on an empty DynamoDB Local of its own (global-setup.ts
 * starts this many, plus one for the demo data): one DynamoDB Local serializes its writers on one
 * SQLite lock, so two files loading data into one time out waiting for it.
 */
export const INTEGRATION_WORKERS = 2;
