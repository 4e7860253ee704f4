import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export type StageName = 'dev' | 'prod';

/** What differs between a disposable development stack and production. */
export interface StageSettings {
  readonly name: StageName;
  /** Tables keep deletion protection and outlive the stack; log groups outlive it too. */
  readonly retainData: boolean;
  /** For log groups (functions and the API's access log). */
  readonly removalPolicy: RemovalPolicy;
  readonly logRetention: RetentionDays;
  /** Dev alarms show their state in the console; only prod alarms notify the topic. */
  readonly alarmActionsEnabled: boolean;
  /** NODE_ENV of the gateway: production turns off the explorer, introspection and field suggestions. */
  readonly nodeEnv: 'production' | 'development';
}

export function stageSettings(name: StageName): StageSettings {
  if (name === 'prod') {
    return {
      name,
      retainData: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // A year of logs covers a yearly audit of who was registered and hired, and when.
      logRetention: RetentionDays.ONE_YEAR,
      alarmActionsEnabled: true,
      nodeEnv: 'production',
    };
  }
  return {
    name,
    retainData: false,
    // A dev stack is disposable: deleting it must leave nothing behind to pay for.
    removalPolicy: RemovalPolicy.DESTROY,
    logRetention: RetentionDays.ONE_WEEK,
    alarmActionsEnabled: false,
    nodeEnv: 'development',
  };
}

export function parseStage(value: unknown): StageName {
  if (value === 'dev' || value === 'prod') return value;
  throw new Error(`-c stage must be dev or prod, got ${JSON.stringify(value)}.`);
}

/** `-c partnerUrls='{"name":"https://…"}'`: another endpoint for a partner of the list, by name. */
export function parsePartnerUrls(value: unknown, partners: readonly string[]): Readonly<Record<string, string>> {
  if (value === undefined) return {};
  let parsed: unknown;
  try {
    parsed = typeof value === 'string' ? JSON.parse(value) : value;
  } catch {
    throw new Error(`-c partnerUrls must be JSON such as {"shanxi":"https://…"}, got ${JSON.stringify(value)}.`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
    throw new Error(`-c partnerUrls must be a JSON object of partner name to URL, got ${JSON.stringify(value)}.`);
  for (const [name, url] of Object.entries(parsed)) {
    if (!partners.includes(name))
      throw new Error(`-c partnerUrls names "${name}", which is not a routed partner subgraph of the list (${partners.join(', ')}).`);
    if (typeof url !== 'string') throw new Error(`-c partnerUrls gives ${name} ${JSON.stringify(url)}, not a URL.`);
  }
  return parsed as Record<string, string>;
}
