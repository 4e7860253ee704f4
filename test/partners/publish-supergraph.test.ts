import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, listedSubgraphs, switchedOffSubgraphs } from '../../gateway/composition/compose.js';
import { runPublish, type PublishTarget } from '../../gateway/composition/publish-supergraph.js';
import { externalPartnerList } from '../../subgraphs/subgraph-list.js';
import { subgraphTypeDefs } from '../../subgraphs/shared/graphql/shared-types.js';

/** Where a publication goes, held in memory: the S3 client cannot reach a local endpoint here, so the upload is injected. */
function bucket(published: string | null) {
  const uploads: string[] = [];
  const target: PublishTarget = {
    name: 's3://supergraph-bucket/supergraph.graphql',
    download: async () => uploads.at(-1) ?? published,
    upload: async (text) => void uploads.push(text),
  };
  return { target, uploads };
}

const production = listedSubgraphs('production');
const current = composeSupergraph(production);
if (!current.ok) throw new Error(current.errors.join('\n'));
const changelogFile = () => join(mkdtempSync(join(tmpdir(), 'changelog-')), 'schema-changelog.md');
const today = new Date('2026-11-29T00:00:00Z');

describe('npm run publish-supergraph', () => {
  it("uploads the composed supergraph with the partners' production URLs when every check passes", async () => {
    const { target, uploads } = bucket(null);
    const outcome = await runPublish([], { target, subgraphs: production, switchedOff: [] });
    expect(outcome).toEqual({
      exitCode: 0,
      lines: [
        'Published 4 subgraph(s) (people, employers, programs, shanxi) to s3://supergraph-bucket/supergraph.graphql. Gateways pick it up at their next poll.',
      ],
    });
    expect(uploads).toEqual([current.supergraph]);
    expect(uploads[0]).toContain(`@join__graph(name: "shanxi", url: "${externalPartnerList[0]!.url}")`);
    expect(await runPublish([], { target, subgraphs: production, switchedOff: [] })).toEqual({
      exitCode: 0,
      lines: ['s3://supergraph-bucket/supergraph.graphql already holds this supergraph; nothing to publish.'],
    });
    expect(uploads).toHaveLength(1);
  });

  it('uploads nothing when the partner policy refuses a subgraph', async () => {
    const { target, uploads } = bucket(current.supergraph);
    const sdl = join(mkdtempSync(join(tmpdir(), 'sdl-')), 'schema.graphql');
    writeFileSync(
      sdl,
      readFileSync(new URL('../../partners/shanxi/schema.graphql', import.meta.url), 'utf8')
        .replace('type ShanxiInsuranceEnrolment {', 'type InsuranceEnrolment {')
        .replaceAll('[ShanxiInsuranceEnrolment!]!', '[InsuranceEnrolment!]!'),
    );
    const subgraphs = production.map((s) => (s.name === 'shanxi' ? { ...s, typeDefs: subgraphTypeDefs(pathToFileURL(sdl)) } : s));
    const outcome = await runPublish([], { target, subgraphs, switchedOff: [] });
    expect(outcome.exitCode).toBe(1);
    expect(outcome.lines[0]).toBe('Refused by the partner policy with 1 problem(s) (PARTNERS.md explains each):');
    expect(outcome.lines.at(-1)).toBe('Nothing was published to s3://supergraph-bucket/supergraph.graphql.');
    expect(uploads).toEqual([]);
  });

  it('refuses a breaking change against what is published, and publishes it given a reason, kept in the changelog', async () => {
    // What is published serves a field the subgraphs no longer have.
    const published = current.supergraph.replace('  monthlyPayYuan: Int!\n', '  monthlyPayYuan: Int!\n  monthlyPayFen: Int!\n');
    expect(published).not.toBe(current.supergraph);
    const { target, uploads } = bucket(published);
    const refused = await runPublish([], { target, subgraphs: production, switchedOff: [] });
    expect(refused.exitCode).toBe(1);
    expect(refused.lines).toEqual([
      'Refusing to write s3://supergraph-bucket/supergraph.graphql: 1 breaking change(s) to the API clients use:',
      '  - FIELD_REMOVED: ShanxiLaborContract.monthlyPayFen was removed.',
      'Keep the old field or value (deprecate it with @deprecated) until no client uses it,',
      'or, if breaking clients is intended, run: npm run publish-supergraph -- --allow-breaking "why this is acceptable"',
      'Nothing was published to s3://supergraph-bucket/supergraph.graphql.',
    ]);
    expect(uploads).toEqual([]);
    const file = changelogFile();
    const allowed = await runPublish(['--allow-breaking', 'Shanxi never filled monthlyPayFen'], {
      target,
      subgraphs: production,
      switchedOff: [],
      changelogFile: file,
      today,
    });
    expect(allowed.exitCode).toBe(0);
    expect(uploads).toEqual([current.supergraph]);
    expect(readFileSync(file, 'utf8')).toContain(
      '## 2026-11-29: Shanxi never filled monthlyPayFen\n\n- FIELD_REMOVED: ShanxiLaborContract.monthlyPayFen was removed.\n',
    );
  });

  it('publishes a partner switched off (DISABLED_SUBGRAPHS) without --allow-breaking, leaving it out of routing', async () => {
    const { target, uploads } = bucket(current.supergraph);
    const env = { DISABLED_SUBGRAPHS: 'shanxi' };
    const outcome = await runPublish([], { target, subgraphs: listedSubgraphs('production', env), switchedOff: switchedOffSubgraphs(env) });
    expect(outcome.exitCode).toBe(0);
    expect(outcome.lines.at(-1)).toBe(
      'Published 3 subgraph(s) (people, employers, programs) to s3://supergraph-bucket/supergraph.graphql; switched off: shanxi. Gateways pick it up at their next poll.',
    );
    expect(uploads[0]).not.toMatch(/graph: SHANXI\b|SHANXI @join__graph/);
  });

  it('checks without uploading with --dry-run', async () => {
    const { target, uploads } = bucket(null);
    expect((await runPublish(['--dry-run'], { target, subgraphs: production, switchedOff: [] })).lines).toEqual([
      'Checks passed for 4 subgraph(s) (people, employers, programs, shanxi); --dry-run: not published.',
    ]);
    expect(uploads).toEqual([]);
  });
});
