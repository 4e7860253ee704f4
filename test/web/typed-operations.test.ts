import { generate } from '@graphql-codegen/cli';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config, { WEB_GENERATED_DIR } from '../../codegen.js';
import { readWebAppManifest } from '../../gateway/limits/persisted-documents.js';
import * as operations from '../../web/src/generated/graphql.js';

describe('the web app’s typed operations', () => {
  it('match the supergraph’s API schema and the app’s .graphql operations (run `npm run codegen` when this fails)', async () => {
    const outputs = (await generate({ ...config, generates: { [WEB_GENERATED_DIR]: config.generates[WEB_GENERATED_DIR]! }, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.map((o) => o.filename).sort()).toEqual(
      ['gql.ts', 'graphql.ts', 'index.ts', 'persisted-documents.json'].map((name) => `${WEB_GENERATED_DIR}${name}`),
    );
    for (const output of outputs) expect(readFileSync(output.filename, 'utf8'), output.filename).toBe(output.content);
  });

  it('name every operation the app sends by the SHA-256 of the document the gateway’s manifest holds for it', () => {
    const manifest = readWebAppManifest();
    for (const [id, document] of Object.entries(manifest)) expect(id).toBe(`sha256:${createHash('sha256').update(document).digest('hex')}`);
    const sent = Object.entries(operations)
      .filter(([name]) => name.endsWith('Document'))
      .map(([name, document]) => [name, (document as { __meta__?: { hash?: string } }).__meta__?.hash] as const);
    // One typed document per operation written in web/src/operations/*.graphql, and nothing else.
    const written = readdirSync('web/src/operations')
      .filter((file) => file.endsWith('.graphql'))
      .flatMap((file) => [...readFileSync(`web/src/operations/${file}`, 'utf8').matchAll(/^(?:query|mutation) (\w+)/gm)].map((m) => `${m[1]}Document`));
    expect(sent.map(([name]) => name).sort()).toEqual(written.sort());
    for (const [name, hash] of sent) expect(manifest[hash!], name).toMatch(/^(fragment|query|mutation) /);
    expect(Object.keys(manifest)).toHaveLength(sent.length);
  });
});
