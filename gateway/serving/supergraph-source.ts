/**
 * Where the gateway gets newer supergraphs without a redeploy: the S3 object
 * `npm run publish-supergraph` writes (AWS), or the supergraph file `npm run compose` writes
 * (locally). The gateway runtime polls `load()`; an unchanged supergraph is skipped by the runtime,
 * and a failed or unreadable fetch keeps the last good one, so a bad moment at S3 never takes the
 * API down.
 */
import { GetObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { parse } from 'graphql';
import { readFileSync, statSync } from 'node:fs';

export interface SupergraphSource {
  /** The newest supergraph (or the last good one when the newest cannot be read). */
  load(): Promise<string>;
  readonly pollingIntervalMs: number;
}

/** The newest published text, or null when it has not changed since the last call. */
export type FetchNewest = () => Promise<string | null>;

export function polledSupergraph(options: {
  readonly initial: string;
  readonly fetchNewest: FetchNewest;
  /** Applied to each new text, e.g. this deployment's subgraph URLs (config.ts, deployedSupergraph). */
  readonly transform?: (supergraph: string) => string;
  readonly pollingIntervalMs: number;
  readonly log?: (message: string) => void;
}): SupergraphSource {
  let current = options.initial;
  return {
    pollingIntervalMs: options.pollingIntervalMs,
    async load() {
      try {
        const newest = await options.fetchNewest();
        if (newest === null) return current;
        // A half-written file or a truncated object must not replace a working supergraph.
        parse(newest);
        current = options.transform ? options.transform(newest) : newest;
      } catch (error) {
        options.log?.(`Keeping the current supergraph: the newest could not be used (${(error as Error).message}).`);
      }
      return current;
    },
  };
}

/** Locally: the file `npm run compose` writes, read again whenever its modification time changes. */
export function watchedSupergraphFile(file: string): FetchNewest {
  let seen = statSync(file).mtimeMs;
  return async () => {
    const modified = statSync(file).mtimeMs;
    if (modified === seen) return null;
    seen = modified;
    return readFileSync(file, 'utf8');
  };
}

export interface PublishedSupergraphLocation {
  readonly bucket: string;
  readonly key: string;
}

/** In AWS: the published S3 object, fetched only when its ETag changed (a 304 costs no transfer). */
export function publishedSupergraphObject(
  location: PublishedSupergraphLocation,
  // Bounded: the first request after a cold start waits for this read, and a slow S3 must cost it seconds at most.
  s3: Pick<S3Client, 'send'> = new S3Client({ maxAttempts: 2, requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000 } }),
): FetchNewest {
  let etag: string | undefined;
  return async () => {
    try {
      const object = await s3.send(new GetObjectCommand({ Bucket: location.bucket, Key: location.key, ...(etag ? { IfNoneMatch: etag } : {}) }));
      const text = await object.Body!.transformToString('utf8');
      etag = object.ETag;
      return text;
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 304) return null;
      // Nothing published yet: the supergraph bundled with the function serves.
      if (error instanceof S3ServiceException && error.name === 'NoSuchKey') return null;
      throw error;
    }
  };
}
