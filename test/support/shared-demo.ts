/** Table prefix of the demo data global-setup loads once per run for every test file to read. */
export const SHARED_DEMO_PREFIX = 'demo-';
