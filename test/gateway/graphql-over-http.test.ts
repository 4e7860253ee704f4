import { serverAudits } from 'graphql-http';
import { beforeAll, describe, expect, it } from 'vitest';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;

beforeAll(async () => {
  system = await useLocalSystem({ loadDemoData: false });
});

/**
 * SHOULD-level audits the gateway fails, each for a reason (see the gateway issue's note). A MUST
 * never belongs here.
 */
const KNOWN_SHOULD_FAILURES: Record<string, string> = {};

describe('GraphQL over HTTP (graphql-http server audits)', () => {
  const audits = serverAudits({ url: () => system.gatewayUrl });

  it.each(audits.filter((audit) => audit.name.startsWith('MUST')).map((audit) => [audit.name, audit] as const))('%s', async (_, audit) => {
    const result = await audit.fn();
    expect(result.status === 'ok' ? 'ok' : `${result.status}: ${result.reason}`).toBe('ok');
  });

  it('passes every SHOULD and MAY audit but the known ones', async () => {
    const failed: Record<string, string> = {};
    for (const audit of audits.filter((a) => !a.name.startsWith('MUST'))) {
      const result = await audit.fn();
      if (result.status !== 'ok') failed[audit.name] = `${result.status}: ${result.reason}`;
    }
    expect(Object.keys(failed)).toEqual(Object.keys(KNOWN_SHOULD_FAILURES));
  });
});
