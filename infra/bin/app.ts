import { App } from 'aws-cdk-lib';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { LaborCooperationStack } from '../lib/labor-cooperation-stack.js';

const app = new App();
const stage = app.node.tryGetContext('stage') ?? 'dev';
if (stage !== 'dev' && stage !== 'prod') throw new Error(`-c stage must be dev or prod, got ${JSON.stringify(stage)}.`);
new LaborCooperationStack(app, `LaborCooperation-${stage}`, { stage, subgraphs: subgraphList });
app.synth();
