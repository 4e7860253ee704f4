import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config, { WEB_GENERATED_DIR } from '../../codegen.js';

describe('generated resolver types', () => {
  it('match the subgraph SDL files (run `npm run codegen` when this fails)', async () => {
    // The web app's generated operations have a test of their own (test/web/typed-operations.test.ts).
    const generates = Object.fromEntries(Object.entries(config.generates).filter(([path]) => path !== WEB_GENERATED_DIR));
    const outputs = (await generate({ ...config, generates, silent: true }, false)) as { filename: string; content: string }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
  });
});
