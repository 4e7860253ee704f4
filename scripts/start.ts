/**
 * `npm start`: DynamoDB Local (unless DYNAMODB_ENDPOINT is set), tables, demo data, every subgraph
 * and the gateway on this machine. Ctrl-C stops all of it.
 */
import { parseArgs } from 'node:util';
import { subgraphList } from '../subgraphs/subgraph-list.js';
import { DEFAULT_GATEWAY_PORT } from '../gateway/serving/server.js';
import { loadOrCreateDevKeys } from './dev-keys.js';
import { existsSync, readdirSync } from 'node:fs';
import { startDynamoDbLocal, withStagedDynamoDbLocal, type DynamoDbLocal } from './dynamodb-local.js';
import { createTablesWithDemoData, startLocalSystem, tableNamesFor, type LocalSystem } from './local-system.js';
import { loadOrCreatePartnerSecrets, startPartnerServices, type RunningPartnerServices } from './partner-services.js';
import { ensureWebAppBuilt } from '../web/build.js';

// Lambda runs Node 22; on this Node 20 development machine the SDK's upgrade notice is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const DYNAMODB_LOCAL_PORT = 8000;
const DATA_DIR = '.data/dynamodb';

async function main() {
  const { values } = parseArgs({ options: { 'allow-remote': { type: 'boolean', default: false } } });
  const log = (line: string) => console.log(line);
  const began = Date.now();

  let dynamo: DynamoDbLocal | undefined;
  let system: LocalSystem | undefined;
  let partners: RunningPartnerServices | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('\nStopping…');
    await system?.stop();
    await partners?.stop();
    await dynamo?.stop();
    process.exit(code);
  };
  // Installed first, so Ctrl-C during start-up also stops DynamoDB Local cleanly.
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  try {
    let endpoint = process.env.DYNAMODB_ENDPOINT;
    if (endpoint) {
      log(`Using DynamoDB at ${endpoint} (DYNAMODB_ENDPOINT).`);
    } else {
      // The first start loads the demo into a staging copy on tmpfs (on disk every item costs four
      // fsyncs); later starts find it and only add what is missing.
      if (!existsSync(DATA_DIR) || readdirSync(DATA_DIR).length === 0) {
        const staged = await withStagedDynamoDbLocal(DATA_DIR, (loader) => createTablesWithDemoData(loader.endpoint, tableNamesFor(), log), {
          prefix: 'labor-demo-',
          log,
        });
        log(`Demo data loaded in ${((Date.now() - began) / 1000).toFixed(1)} s (${staged.copySeconds.toFixed(1)} s copying it into ${DATA_DIR}/).`);
      }
      dynamo = await startDynamoDbLocal({ port: DYNAMODB_LOCAL_PORT, dataDir: DATA_DIR });
      endpoint = dynamo.endpoint;
      log(`DynamoDB Local started at ${endpoint} in ${(dynamo.startupMs / 1000).toFixed(1)} s (data kept in ${DATA_DIR}/).`);
    }
    // Only when web/dist is missing or older than the app's sources (a few seconds).
    await ensureWebAppBuilt(log);
    const keys = await loadOrCreateDevKeys();
    // Partner provinces' subgraphs run as services of their own, as the provinces host them.
    partners = await startPartnerServices({ dynamoEndpoint: endpoint, secrets: loadOrCreatePartnerSecrets(), log });
    system = await startLocalSystem({
      partners: partners.endpoints,
      watchSupergraph: true,
      keys,
      dynamoEndpoint: endpoint,
      gatewayPort: Number(process.env.PORT || DEFAULT_GATEWAY_PORT),
      loadDemoData: true,
      streamProjections: true,
      allowRemoteTables: values['allow-remote'],
      log,
    });
  } catch (error) {
    console.error(`npm start failed: ${(error as Error).message}`);
    await stop(1);
    return;
  }

  log('');
  for (const entry of subgraphList) log(`  ${entry.name.padEnd(10)} subgraph  ${system.subgraphUrls[entry.name]}`);
  for (const [name, partner] of Object.entries(partners!.endpoints)) log(`  ${name.padEnd(10)} partner   ${partner.url}  (its own process; PARTNERS.md)`);
  log(`  gateway              ${system.gatewayUrl}`);
  log(`  health               ${system.gatewayUrl.replace(/\/graphql$/, '/health')}`);
  log(`  web app              ${system.gatewayUrl.replace(/\/graphql$/, '/app/')}  (people: sign in with a token, see below)`);
  log('');
  log(`Ready in ${((Date.now() - began) / 1000).toFixed(1)} s. Job postings are public:`);
  log(`  curl -s ${system.gatewayUrl} -H 'content-type: application/json' \\`);
  log(`    -d '{"query":"{ jobPostings(first: 2) { edges { node { title monthlyWageMinYuan employer { name } } } } }"}'`);
  log('People need a token:');
  log('  TOKEN=$(npm run -s token -- --role caseworker --province 500000)');
  log(`  curl -s ${system.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\`);
  log(`    -d '{"query":"{ people(first: 2) { edges { node { id name hometown { county } } } } }"}'`);
  log('Press Ctrl-C to stop.');
}

main().catch((error: Error) => {
  console.error(`npm start failed: ${error.message}`);
  process.exit(1);
});
