import { CreateTableCommand, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startDynamoDbLocal } from '../../scripts/dynamodb-local.js';
import { createDynamoClients } from '../../subgraphs/shared/dynamodb/client.js';

describe('DynamoDB Local lifecycle', () => {
  it('says how to install Java when `java` is not on the PATH', () => {
    const script = "import('./scripts/dynamodb-local.ts').then((m) => m.checkJava()).catch((e) => { console.log(e.message); })";
    const output = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], {
      env: { ...process.env, PATH: '/nonexistent' },
      encoding: 'utf8',
    });
    expect(output).toMatch(/^DynamoDB Local needs Java 17\+: install it \(Debian\/Ubuntu: sudo apt-get install -y openjdk-17-jre-headless/);
    expect(output).toMatch(/`java` was not found on the PATH/);
  });

  it('stops with the process that started it, even when that process crashes without stop()', async () => {
    const script = [
      "import { startDynamoDbLocal } from './scripts/dynamodb-local.ts';",
      // A hang guard, not a speed check: a JVM on a busy machine has taken 49 s to answer.
      'const dynamo = await startDynamoDbLocal({ timeoutMs: 120_000 });',
      'console.log(dynamo.endpoint);',
      "throw new Error('crash before stop()');",
    ].join('\n');
    let endpoint = '';
    let stderr = '';
    try {
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: join(import.meta.dirname, '../..'),
        encoding: 'utf8',
        stdio: 'pipe',
      });
    } catch (error) {
      endpoint = String((error as { stdout?: string }).stdout ?? '').trim();
      stderr = String((error as { stderr?: string }).stderr ?? '');
    }
    expect(endpoint, stderr).toMatch(/^http:\/\/localhost:\d+$/);
    // Nothing answers there any more: the Java process went with its parent.
    await expect(fetch(endpoint, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
  }, 150_000);

  // Two JVM starts; the timeout is a hang guard, not a speed check (each start has taken over 10 s on a busy machine).
  it('keeps data in its data folder across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'ddb-'));
    try {
      const first = await startDynamoDbLocal({ dataDir });
      const clients = createDynamoClients({ endpoint: first.endpoint, region: 'us-east-1' });
      await clients.client.send(
        new CreateTableCommand({
          TableName: 'kept',
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
          KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        }),
      );
      await clients.client.send(new PutItemCommand({ TableName: 'kept', Item: { pk: { S: 'a' }, note: { S: 'survives' } } }));
      clients.client.destroy();
      await first.stop();

      const second = await startDynamoDbLocal({ dataDir });
      const again = createDynamoClients({ endpoint: second.endpoint, region: 'us-east-1' });
      const { Item } = await again.client.send(new GetItemCommand({ TableName: 'kept', Key: { pk: { S: 'a' } } }));
      again.client.destroy();
      await second.stop();
      expect(Item).toEqual({ pk: { S: 'a' }, note: { S: 'survives' } });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it('refuses a port already in use, saying how to use what runs there', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '0.0.0.0', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      await expect(startDynamoDbLocal({ port })).rejects.toThrow(
        `Port ${port} is already in use. If a DynamoDB Local runs there, use it with DYNAMODB_ENDPOINT=http://localhost:${port}`,
      );
    } finally {
      blocker.close();
    }
  });
});
