/**
 * The service's settings, read once at start from the environment; a bad one fails the start,
 * naming the variable.
 *
 *   SHANXI_GATEWAY_SECRET    required: the HMAC secret shared with the gateway (32 random bytes, hex)
 *   PORT                     default 4010
 *   TABLE_NAME               default `shanxi`
 *   DYNAMODB_ENDPOINT        DynamoDB Local's URL locally (the table is then created); unset for AWS
 *   AWS_REGION               default us-east-1
 *   SHANXI_DEMO_PEOPLE_FILE  optional: demo workers to load at start (demo-data.ts); unset in production
 */
import { shanxiTable } from './table.js';

export interface ServiceConfig {
  readonly port: number;
  readonly tableName: string;
  readonly dynamo: { readonly endpoint?: string; readonly region: string };
  readonly gatewaySecret: string;
  readonly demoPeopleFile?: string;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const invalid = (name: string, why: string) => new Error(`Environment variable ${name} ${why}, got ${JSON.stringify(env[name])}.`);
  const gatewaySecret = env.SHANXI_GATEWAY_SECRET;
  if (!gatewaySecret) throw new Error('Environment variable SHANXI_GATEWAY_SECRET is required but not set (the secret the gateway signs requests with).');
  const port = Number(env.PORT || 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw invalid('PORT', 'must be a port number');
  const endpoint = env.DYNAMODB_ENDPOINT || undefined;
  if (endpoint !== undefined && !URL.canParse(endpoint)) throw invalid('DYNAMODB_ENDPOINT', 'must be a URL such as http://localhost:8000');
  return {
    port,
    tableName: env.TABLE_NAME || shanxiTable.name,
    dynamo: { endpoint, region: env.AWS_REGION || 'us-east-1' },
    gatewaySecret,
    demoPeopleFile: env.SHANXI_DEMO_PEOPLE_FILE || undefined,
  };
}
