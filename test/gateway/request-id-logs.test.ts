import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { useLocalSystem } from '../support/local-system.js';

let system: Awaited<ReturnType<typeof useLocalSystem>>;
const previousLevel = process.env.POWERTOOLS_LOG_LEVEL;

beforeAll(async () => {
  // Loggers read their level when the handlers are built: turn logging on for this file's system.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  system = await useLocalSystem({ loadDemoData: false });
});
afterAll(() => {
  process.env.POWERTOOLS_LOG_LEVEL = previousLevel;
});

/** The JSON log lines written to stdout while `work` runs. */
async function logLinesDuring(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(
      ...String(chunk)
        .split('\n')
        .filter((line) => line.startsWith('{')),
    );
    return write(chunk, ...(rest as [])) as boolean;
  });
  try {
    await work();
  } finally {
    spy.mockRestore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('request ids in the logs', () => {
  it("puts the client's x-request-id in every log line of the gateway and of each subgraph it called", async () => {
    const lines = await logLinesDuring(() =>
      fetch(system.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-1' },
        body: JSON.stringify({ query: '{ region(code: "500230") { name } jobPosting(id: "jp_none") { id } }' }),
      }).then((r) => r.json()),
    );
    const services = new Set(lines.map((line) => line.service));
    expect(services).toEqual(new Set(['gateway', 'people', 'employers']));
    for (const line of lines) expect(line).toMatchObject({ requestId: 'trace-me-1' });
    expect(lines.find((line) => line.service === 'gateway')).toMatchObject({ message: 'request', status: 200, path: '/graphql' });
    expect(lines.find((line) => line.service === 'people')).toMatchObject({ message: 'graphql request', errorCount: 0 });
  });
});
