import { z } from 'zod';
import { withSubgraphUrls } from './supergraph-urls.js';

const urlMap = z.record(z.string(), z.string().regex(/^(https?|lambda):\/\//, 'must start with https://, http:// or lambda://'));
const timeoutMap = z.record(z.string(), z.number().int().positive().max(30_000));

const json = <T extends z.ZodTypeAny>(schema: T) =>
  z
    .string()
    .transform((text, context) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        context.addIssue({ code: z.ZodIssueCode.custom, message: 'is not JSON' });
        return z.NEVER;
      }
    })
    .pipe(schema);

const gatewayEnv = z.object({
  NODE_ENV: z.string().optional(),
  /** e.g. {"people":"lambda://labor-people-fn/graphql"}: where each subgraph runs in this deployment. */
  SUBGRAPH_URLS: json(urlMap).optional(),
  /** e.g. {"default":5000,"programs":8000}. */
  SUBGRAPH_TIMEOUTS_MS: json(timeoutMap).optional(),
  /** Comma-separated browser origins allowed by CORS. */
  CORS_ORIGINS: z.string().optional(),
});

export interface GatewayConfig {
  readonly production: boolean;
  readonly subgraphUrls: Readonly<Record<string, string>>;
  readonly timeoutsMs: Readonly<Record<string, number>>;
  readonly corsOrigins: readonly string[];
}

/** Reads and checks the gateway's settings once, at start, naming the variable that is wrong. */
export function readGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const parsed = gatewayEnv.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  const { NODE_ENV, SUBGRAPH_URLS, SUBGRAPH_TIMEOUTS_MS, CORS_ORIGINS } = parsed.data;
  return {
    production: NODE_ENV === 'production',
    subgraphUrls: SUBGRAPH_URLS ?? {},
    timeoutsMs: SUBGRAPH_TIMEOUTS_MS ?? {},
    corsOrigins: (CORS_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean),
  };
}

/** The supergraph with this deployment's subgraph URLs in place of the ones composition wrote. */
export const deployedSupergraph = (supergraph: string, config: GatewayConfig) => withSubgraphUrls(supergraph, config.subgraphUrls);
