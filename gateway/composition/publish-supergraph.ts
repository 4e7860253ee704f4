/**
 * `npm run publish-supergraph`: delivers a new supergraph to the running gateways without a
 * deployment. It composes the subgraph list with the partners' production URLs, and uploads to the
 * S3 object the gateways poll (SUPERGRAPH_BUCKET / SUPERGRAPH_KEY, outputs of the stack) only when
 * the partner policy, composition and the breaking-change check against the supergraph published
 * now all pass. `--allow-breaking "reason"` and the kill switch (DISABLED_SUBGRAPHS=name) work as
 * in `npm run compose`; `--dry-run` checks without uploading.
 */
import { GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  appendToChangelog,
  CHANGELOG_FILE,
  composeSupergraph,
  compositionFailure,
  listedSubgraphs,
  reviewChanges,
  switchedOffSubgraphs,
  type ComposableSubgraph,
} from './compose.js';

export interface PublishTarget {
  /** Where it goes, for messages, e.g. s3://bucket/supergraph.graphql. */
  readonly name: string;
  /** The supergraph published now, or null when nothing is. */
  download(): Promise<string | null>;
  upload(supergraph: string): Promise<void>;
}

export interface PublishOptions {
  readonly target: PublishTarget;
  readonly subgraphs?: readonly ComposableSubgraph[];
  readonly switchedOff?: readonly ComposableSubgraph[];
  readonly changelogFile?: string;
  readonly today?: Date;
}

/** The whole command, with where it publishes as an argument so tests can run it. */
export async function runPublish(argv: readonly string[], options: PublishOptions): Promise<{ exitCode: number; lines: string[] }> {
  const { values } = parseArgs({ args: [...argv], options: { 'allow-breaking': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } } });
  const subgraphs = options.subgraphs ?? listedSubgraphs('production');
  const switchedOff = options.switchedOff ?? switchedOffSubgraphs();
  const result = composeSupergraph(subgraphs);
  if (!result.ok) return { exitCode: 1, lines: [...compositionFailure(result), `Nothing was published to ${options.target.name}.`] };
  const published = await options.target.download();
  if (published === result.supergraph) return { exitCode: 0, lines: [`${options.target.name} already holds this supergraph; nothing to publish.`] };
  const review = reviewChanges(published, result.supergraph, {
    reason: values['allow-breaking'],
    switchedOff,
    core: subgraphs,
    today: options.today,
    target: options.target.name,
  });
  if (!review.ok) return { exitCode: 1, lines: [...review.lines, `Nothing was published to ${options.target.name}.`] };
  const names = subgraphs.map((s) => s.name).join(', ');
  if (values['dry-run'])
    return { exitCode: 0, lines: [...review.lines, `Checks passed for ${subgraphs.length} subgraph(s) (${names}); --dry-run: not published.`] };
  await options.target.upload(result.supergraph);
  if (review.changelogEntry) appendToChangelog(options.changelogFile ?? CHANGELOG_FILE, review.changelogEntry);
  const off = switchedOff.length > 0 ? `; switched off: ${switchedOff.map((s) => s.name).join(', ')}` : '';
  return {
    exitCode: 0,
    lines: [...review.lines, `Published ${subgraphs.length} subgraph(s) (${names}) to ${options.target.name}${off}. Gateways pick it up at their next poll.`],
  };
}

/** The S3 object the stack's gateway polls. */
export function s3Target(bucket: string, key: string, s3 = new S3Client({})): PublishTarget {
  return {
    name: `s3://${bucket}/${key}`,
    async download() {
      try {
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return await object.Body!.transformToString('utf8');
      } catch (error) {
        if (error instanceof NoSuchKey) return null;
        throw error;
      }
    },
    async upload(supergraph) {
      await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: supergraph, ContentType: 'text/plain; charset=utf-8' }));
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bucket = process.env.SUPERGRAPH_BUCKET;
  if (!bucket) {
    console.error('Environment variable SUPERGRAPH_BUCKET is required: the SupergraphBucketName output of the stack (npx cdk deploy prints it).');
    process.exit(1);
  }
  runPublish(process.argv.slice(2), { target: s3Target(bucket, process.env.SUPERGRAPH_KEY || 'supergraph.graphql') })
    .then((outcome) => {
      for (const line of outcome.lines) (outcome.exitCode === 0 ? console.log : console.error)(line);
      process.exitCode = outcome.exitCode;
    })
    .catch((error: Error) => {
      console.error(`publish-supergraph failed: ${error.message}`);
      process.exitCode = 1;
    });
}
