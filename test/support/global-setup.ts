import type { TestProject } from 'vitest/node';
import { generateDevKeys, type DevKeys } from '../../scripts/dev-keys.js';
import { startDynamoDbLocal } from '../../scripts/dynamodb-local.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dynamoEndpoint: string;
    /** Key pairs made for this run: the gateway's and a development identity provider's. */
    keys: DevKeys;
  }
}

/** Starts one in-memory DynamoDB Local on a free port for the run (or uses DYNAMODB_ENDPOINT), and makes keys. */
export default async function setup(project: TestProject) {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  project.provide('keys', await generateDevKeys());
  if (process.env.DYNAMODB_ENDPOINT) {
    project.provide('dynamoEndpoint', process.env.DYNAMODB_ENDPOINT);
    return;
  }
  const dynamo = await startDynamoDbLocal();
  console.log(`DynamoDB Local answered ${dynamo.startupMs} ms after spawn (${dynamo.endpoint}).`);
  project.provide('dynamoEndpoint', dynamo.endpoint);
  return () => dynamo.stop();
}
