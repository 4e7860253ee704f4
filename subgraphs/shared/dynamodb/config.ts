import { z } from 'zod';

/** Used locally when AWS_REGION is not set; in AWS the Lambda runtime always sets it. */
export const LOCAL_REGION = 'us-east-1';

const dynamoEnv = z.object({
  DYNAMODB_ENDPOINT: z.string().url().optional(),
  AWS_REGION: z.string().min(1).default(LOCAL_REGION),
});

export interface DynamoConfig {
  /** Unset in AWS; DynamoDB Local's URL locally. */
  readonly endpoint?: string;
  readonly region: string;
}

/** Reads and validates the DynamoDB settings once; fails naming the bad variable. */
export function readDynamoConfig(env: NodeJS.ProcessEnv = process.env): DynamoConfig {
  const parsed = dynamoEnv.safeParse({
    DYNAMODB_ENDPOINT: env.DYNAMODB_ENDPOINT || undefined,
    AWS_REGION: env.AWS_REGION || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Invalid environment variable ${issue.path.join('.')}: ${issue.message}`);
  }
  return { endpoint: parsed.data.DYNAMODB_ENDPOINT, region: parsed.data.AWS_REGION };
}

/** Reads a required variable at cold start, failing with its name rather than later with `undefined`. */
export function requireEnv(name: string, env: NodeJS.ProcessEnv = process.env): string {
  const value = env[name];
  if (!value) throw new Error(`Environment variable ${name} is required but not set.`);
  return value;
}
