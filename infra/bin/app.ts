import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { buildBundles } from '../../scripts/build.js';
import { buildWebApp } from '../../web/build.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { LaborCooperationStack, listedPartnerSubgraphs } from '../lib/labor-cooperation-stack.js';
import { parsePartnerUrls, parseStage } from '../lib/stage.js';

const app = new App();
const stage = parseStage(app.node.tryGetContext('stage') ?? 'dev');
const whole = (value: unknown) => {
  if (value === undefined || value === '') return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`-c demandControl… must be a positive whole number, got ${JSON.stringify(value)}.`);
  return number;
};
const list = (value: unknown) => (typeof value === 'string' && value ? value.split(',').map((s) => s.trim()) : undefined);
// `-c partnerUrls='{"shanxi":"https://…"}'` points a partner elsewhere than its production URL (a province's test system).
const partnerSubgraphs = listedPartnerSubgraphs((names) => parsePartnerUrls(app.node.tryGetContext('partnerUrls'), names));

// Built at every synth (a few seconds): the assets can never be older than the source.
const bundles = await buildBundles();
const webApp = await buildWebApp();
// `-c userPoolId=cn-north-1_… -c userPoolSignInUrl=https://…`: sign in with that pool instead of creating one.
const userPoolId: unknown = app.node.tryGetContext('userPoolId');
const userPoolSignInUrl: unknown = app.node.tryGetContext('userPoolSignInUrl');
if (!userPoolId !== !userPoolSignInUrl) throw new Error('-c userPoolId and -c userPoolSignInUrl go together: give both to bring a user pool, or neither.');

new LaborCooperationStack(app, `LaborCooperation-${stage}`, {
  stage,
  subgraphs: subgraphList,
  partnerSubgraphs,
  bundles,
  webAppDirectory: webApp.outdir,
  ...(userPoolId ? { userPool: { userPoolId: String(userPoolId), signInUrl: String(userPoolSignInUrl) } } : {}),
  corsOrigins: list(app.node.tryGetContext('corsOrigins')),
  alarmEmail: app.node.tryGetContext('alarmEmail'),
  // e.g. -c demandControlMaxCost=30000 -c demandControlAssumedListSize=10
  demandControl: {
    maxCost: whole(app.node.tryGetContext('demandControlMaxCost')),
    assumedListSize: whole(app.node.tryGetContext('demandControlAssumedListSize')),
  },
});
// An unacknowledged finding fails `cdk synth` (and so `cdk deploy`).
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
