import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { LaborCooperationStack, listedPartnerSubgraphs, type LaborCooperationStackProps } from '../../infra/lib/labor-cooperation-stack.js';
import { parsePartnerUrls } from '../../infra/lib/stage.js';
import { INDEX_ACTIONS, ITEM_ACTIONS } from '../../infra/lib/subgraph-table.js';
import { createTableInput } from '../../subgraphs/shared/dynamodb/table-definition.js';
import { externalPartnerList, subgraphList } from '../../subgraphs/subgraph-list.js';
import { stubBundles, stubWebApp } from './stub-bundles.js';
import { actionsOf, referencedIds, resourcesOfType, roleOf, statementsOfRole, type CfnTemplate, type PolicyStatementJson } from './template.js';

const bundles = stubBundles();
const webAppDirectory = stubWebApp();

const synthesized = new Map<string, ReturnType<typeof synthesize>>();
/**
 * The stack as infra/bin/app.ts makes it: every subgraph and every routed partner of the list; each
 * distinct stack once per file (a synth costs seconds of CPU, and the tests only read it).
 */
function synth(stage: 'dev' | 'prod', props: Partial<LaborCooperationStackProps> = {}) {
  const key = `${stage} ${JSON.stringify(props)}`;
  if (!synthesized.has(key)) synthesized.set(key, synthesize(stage, props));
  return synthesized.get(key)!;
}

function synthesize(stage: 'dev' | 'prod', props: Partial<LaborCooperationStackProps>) {
  // Assets are referenced where the build put them instead of copied per synth: these tests read templates only.
  const app = new App({ context: { 'aws:cdk:disable-asset-staging': true } });
  const stack = new LaborCooperationStack(app, `Test-${stage}`, {
    stage,
    subgraphs: subgraphList,
    partnerSubgraphs: listedPartnerSubgraphs(),
    bundles,
    webAppDirectory,
    ...props,
  });
  const template = Template.fromStack(stack);
  return { app, stack, template, json: template.toJSON() as CfnTemplate };
}

/** The product's functions: every one but the handler CDK's BucketDeployment brings to copy the web app into its bucket. */
const functions = (json: CfnTemplate) => resourcesOfType(json, 'AWS::Lambda::Function').filter(([id]) => !id.startsWith('CustomCDKBucketDeployment'));
/** `SECRET FIELD @VERSION` of each Secrets Manager dynamic reference in a value (CloudFormation resolves them at deploy). */
const dynamicReferences = (value: unknown) =>
  [
    ...arnText(value).matchAll(
      /\{\{resolve:secretsmanager:\$\{(\w+)\}:SecretString:(\w*):(\w*):(\$\{\w+\}|[\w-]*)\}\}|\{\{resolve:secretsmanager:([^}]*?)\}\}/g,
    ),
  ].map((m) => (m[5] ? m[5] : `${m[1]} ${m[2]}${m[3] ? ` ${m[3]}` : ''}${m[4] ? ` @${m[4]}` : ''}`));
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation reference as the template writes it, not a JS template
const PUBLIC_KEY_REFERENCE = 'GatewaySigningKeySecretArn publicKey @${GatewaySigningKeyVersionId}';
/** A value with its Fn::Join flattened and each Ref written `${Name}`, for reading what it becomes. */
const arnText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const object = value as Record<string, any>;
  if (typeof object?.Ref === 'string') return `\${${object.Ref}}`;
  if (Array.isArray(object?.['Fn::Join'])) return (object['Fn::Join'][1] as unknown[]).map(arnText).join(object['Fn::Join'][0]);
  if (Array.isArray(object?.['Fn::GetAtt'])) return `\${${object['Fn::GetAtt'].join('.')}}`;
  return JSON.stringify(value);
};
/** Subgraph functions are the ones with a TABLE_NAME; the gateway's has SUBGRAPH_URLS. */
const subgraphFunctions = (json: CfnTemplate) => functions(json).filter(([, fn]) => fn.Properties.Environment?.Variables?.GATEWAY_PUBLIC_KEY);
/** The function serving a subgraph, by the description the subgraph service gives it. */
const subgraphFunction = (json: CfnTemplate, name: string) => functions(json).find(([, fn]) => fn.Properties.Description === `The ${name} subgraph`)!;
const gatewayFunction = (json: CfnTemplate) => {
  const found = functions(json).filter(([, fn]) => fn.Properties.Environment?.Variables?.SUBGRAPH_URLS);
  expect(found).toHaveLength(1);
  return found[0]!;
};

describe('LaborCooperationStack', () => {
  describe('subgraph services', () => {
    it('has one table per subgraph, with the keys, indexes and stream of its table definition, and point-in-time recovery', () => {
      const { template } = synth('dev');
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', subgraphList.length);
      for (const subgraph of subgraphList) {
        const local = createTableInput(subgraph.table, subgraph.table.name);
        template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
          KeySchema: local.KeySchema,
          AttributeDefinitions: Match.arrayEquals(local.AttributeDefinitions!),
          GlobalSecondaryIndexes: local.GlobalSecondaryIndexes!.map((index) => ({
            IndexName: index.IndexName,
            KeySchema: index.KeySchema,
            Projection: index.Projection,
          })),
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { SSEEnabled: true },
          ...(local.StreamSpecification ? { StreamSpecification: { StreamViewType: local.StreamSpecification.StreamViewType } } : {}),
          Replicas: [Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })],
        });
      }
    });

    it('has one function per subgraph, its handler given its own table in TABLE_NAME', () => {
      const { json } = synth('dev');
      const tables = resourcesOfType(json, 'AWS::DynamoDB::GlobalTable').map(([id]) => id);
      const named = subgraphFunctions(json).map(([, fn]) => referencedIds(fn.Properties.Environment.Variables.TABLE_NAME));
      expect(named.flat().sort()).toEqual([...tables].sort());
      // Beside them: the gateway and the stream projections of the programs and employers subgraphs.
      expect(functions(json)).toHaveLength(subgraphList.length + 1 + subgraphList.filter((s) => s.projections).length);
    });

    it('lets each subgraph role reach only its own table and its indexes, with no Scan and no table administration', () => {
      const { json } = synth('dev');
      for (const [, fn] of subgraphFunctions(json)) {
        const [ownTable] = referencedIds(fn.Properties.Environment.Variables.TABLE_NAME);
        const dynamo = statementsOfRole(json, roleOf(fn)).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
        expect(dynamo.length).toBeGreaterThan(0);
        for (const statement of dynamo) {
          expect(referencedIds(statement.Resource)).toEqual(expect.arrayContaining([ownTable]));
          expect(new Set(referencedIds(statement.Resource))).toEqual(new Set([ownTable]));
          expect(JSON.stringify(statement.Resource)).not.toMatch(/"\*"|index\/\*/);
          for (const action of actionsOf(statement)) expect([...ITEM_ACTIONS, ...INDEX_ACTIONS]).toContain(action);
        }
      }
    });

    it('grants every DynamoDB operation the subgraph code performs', () => {
      // The SDK command classes each subgraph's code sends, and the IAM actions DynamoDB checks for them.
      const needs: Record<string, string[]> = {
        Get: ['dynamodb:GetItem'],
        BatchGet: ['dynamodb:BatchGetItem'],
        Query: ['dynamodb:Query'],
        Put: ['dynamodb:PutItem'],
        Update: ['dynamodb:UpdateItem'],
        Delete: ['dynamodb:DeleteItem'],
        BatchWrite: ['dynamodb:BatchWriteItem'],
        TransactWrite: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
        TransactGet: ['dynamodb:GetItem'],
        Scan: ['dynamodb:Scan'],
      };
      const sources = (dir: string): string[] =>
        readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
          entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
        );
      // The code of the subgraphs in the list and what they share; a subgraph folder joins when its entry does.
      const folders = [join(import.meta.dirname, '../../subgraphs/shared'), ...subgraphList.map((s) => fileURLToPath(new URL('.', s.schemaFile)))];
      const used = new Set(
        folders
          .flatMap(sources)
          // Table administration (create/delete tables locally) is the CDK app's job in AWS.
          .filter((file) => !file.endsWith('table-definition.ts'))
          .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bnew (\w+)Command\(/g)].map((m) => m[1]!)),
      );
      expect(used.size).toBeGreaterThan(0);
      for (const command of used) {
        expect(
          needs,
          `${command}Command is sent by subgraph code: add its IAM actions to this map and, if it belongs in a request path, to ITEM_ACTIONS`,
        ).toHaveProperty(command);
        for (const action of needs[command]!) expect(ITEM_ACTIONS as readonly string[], `${command}Command needs ${action}`).toContain(action);
      }
    });

    it('runs every function on Node.js 22 or later, on the architecture its bundle was built for', () => {
      const { json } = synth('dev');
      for (const [id, fn] of functions(json)) {
        const [, major] = /^nodejs(\d+)\.x$/.exec(fn.Properties.Runtime) ?? [];
        expect(Number(major), id).toBeGreaterThanOrEqual(22);
        expect(fn.Properties.Architectures, id).toEqual([bundles.architecture]);
        expect(fn.Properties).toMatchObject({ Handler: 'index.handler', MemorySize: expect.any(Number), Timeout: expect.any(Number) });
        expect(fn.Properties.FunctionName, 'CloudFormation names functions').toBeUndefined();
      }
    });
  });

  describe('the subgraphs’ stream projections', () => {
    /** The tables each projection reads, by the items it reads there: the programs subgraph's and the employers subgraph's. */
    const PROJECTIONS = {
      programs: [
        ['people', 'PERSON'],
        ['employers', 'POSTING'],
      ],
      employers: [['people', 'PERSON']],
    } as const;
    const projectionFunction = (json: CfnTemplate, name: string) =>
      functions(json).find(([, fn]) => fn.Properties.Description?.startsWith(`The ${name} subgraph's projections`))!;

    it('are fed by the streams they read, filtered to the items they read, retried, bisected and dead-lettered', () => {
      const { json } = synth('dev');
      const tableOf = (name: string) => referencedIds(subgraphFunction(json, name)[1].Properties.Environment.Variables.TABLE_NAME)[0]!;
      const mappings = resourcesOfType(json, 'AWS::Lambda::EventSourceMapping').map(([, m]) => m.Properties);
      expect(mappings).toHaveLength(3);
      for (const [target, sources] of Object.entries(PROJECTIONS)) {
        const [functionId] = projectionFunction(json, target);
        const own = mappings.filter((m) => referencedIds(m.FunctionName).includes(functionId));
        expect(own, `the ${target} projections' mappings`).toHaveLength(sources.length);
        const bySource = Object.fromEntries(own.map((m) => [referencedIds(m.EventSourceArn)[0], m]));
        for (const [subgraph, sortKey] of sources) {
          const mapping = bySource[tableOf(subgraph)];
          expect(mapping, `a mapping of the ${target} projections on the ${subgraph} table's stream`).toBeDefined();
          expect(JSON.parse(mapping.FilterCriteria.Filters[0].Pattern)).toEqual({ dynamodb: { NewImage: { sk: { S: [sortKey] } } } });
          expect(mapping).toMatchObject({ StartingPosition: 'TRIM_HORIZON', BisectBatchOnFunctionError: true, MaximumRetryAttempts: 10 });
          expect(resourcesOfType(json, 'AWS::SQS::Queue').map(([id]) => id)).toContain(referencedIds(mapping.DestinationConfig.OnFailure.Destination)[0]);
        }
      }
    });

    it('each write only their own subgraph’s table and read only the other tables’ streams, never their items', () => {
      const { json } = synth('dev');
      const tableOf = (name: string) => referencedIds(subgraphFunction(json, name)[1].Properties.Environment.Variables.TABLE_NAME)[0]!;
      for (const [target, sources] of Object.entries(PROJECTIONS)) {
        const [, projections] = projectionFunction(json, target);
        expect(referencedIds(projections.Properties.Environment.Variables.TABLE_NAME)).toEqual([tableOf(target)]);
        const dynamo = statementsOfRole(json, roleOf(projections)).filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
        for (const statement of dynamo) {
          const itemActions = actionsOf(statement).filter((a) => (ITEM_ACTIONS as readonly string[]).includes(a));
          if (itemActions.length > 0) expect(new Set(referencedIds(statement.Resource))).toEqual(new Set([tableOf(target)]));
          else expect([...sources.map(([source]) => tableOf(source)), tableOf(target)]).toEqual(expect.arrayContaining(referencedIds(statement.Resource)));
        }
        const streamReads = dynamo.filter((s) => actionsOf(s).includes('dynamodb:GetRecords')).flatMap((s) => referencedIds(s.Resource));
        expect(new Set(streamReads)).toEqual(new Set(sources.map(([source]) => tableOf(source))));
      }
    });

    it('the employers projection: one mapping from the people table’s stream, person records only (hire’s “person exists”)', () => {
      const { template, json } = synth('dev');
      const peopleTable = referencedIds(subgraphFunction(json, 'people')[1].Properties.Environment.Variables.TABLE_NAME)[0]!;
      const [functionId] = projectionFunction(json, 'employers');
      template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
        FunctionName: { Ref: functionId },
        EventSourceArn: { 'Fn::GetAtt': [peopleTable, 'StreamArn'] },
        FilterCriteria: { Filters: [{ Pattern: JSON.stringify({ dynamodb: { NewImage: { sk: { S: ['PERSON'] } } } }) }] },
        StartingPosition: 'TRIM_HORIZON',
      });
    });
  });

  describe('the gateway service', () => {
    it('is the only one that may invoke the subgraph functions, and it may invoke nothing else', () => {
      const { json } = synth('dev');
      const [gatewayId, gateway] = gatewayFunction(json);
      const subgraphIds = subgraphFunctions(json).map(([id]) => id);
      const invokers = resourcesOfType(json, 'AWS::IAM::Policy').flatMap(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as { Action: string | string[]; Resource: unknown }[])
          .filter((s) => [s.Action].flat().some((a) => a.startsWith('lambda:') || a === '*'))
          .map((s) => ({ roles: referencedIds(policy.Properties.Roles), actions: [s.Action].flat(), resources: referencedIds(s.Resource), raw: s.Resource })),
      );
      expect(invokers).toEqual([{ roles: [roleOf(gateway)], actions: ['lambda:InvokeFunction'], resources: subgraphIds, raw: expect.anything() }]);
      // Resource policies: API Gateway may invoke the gateway function, and nothing may invoke a subgraph.
      const permissions = resourcesOfType(json, 'AWS::Lambda::Permission').map(([, p]) => ({
        target: referencedIds(p.Properties.FunctionName),
        principal: p.Properties.Principal,
      }));
      expect(permissions).toEqual([{ target: [gatewayId], principal: 'apigateway.amazonaws.com' }]);
    });

    it('gives no subgraph a public URL: no function URL, and every API integration is the gateway', () => {
      const { json } = synth('dev');
      const [gatewayId] = gatewayFunction(json);
      expect(resourcesOfType(json, 'AWS::Lambda::Url')).toEqual([]);
      const integrations = resourcesOfType(json, 'AWS::ApiGatewayV2::Integration');
      expect(integrations.map(([, i]) => referencedIds(i.Properties.IntegrationUri))).toEqual([[gatewayId]]);
      expect(resourcesOfType(json, 'AWS::ApiGateway::RestApi')).toEqual([]);
    });

    it('tells the gateway to invoke each subgraph function by name, waiting as long as that function may run', () => {
      const { json } = synth('dev');
      const [, gateway] = gatewayFunction(json);
      const variables = gateway.Properties.Environment.Variables;
      const join = variables.SUBGRAPH_URLS['Fn::Join'][1] as unknown[];
      const timeouts = JSON.parse(variables.SUBGRAPH_TIMEOUTS_MS) as Record<string, number>;
      for (const [id, fn] of subgraphFunctions(json)) {
        const index = join.findIndex((part) => referencedIds(part)[0] === id);
        const name = /"(\w+)":"lambda:\/\/$/.exec(String(join[index - 1]))?.[1];
        expect(subgraphList.map((s) => s.name)).toContain(name);
        expect(join[index + 1]).toMatch(/^\/graphql"/);
        expect(timeouts[name!]).toBe(fn.Properties.Timeout * 1000);
      }
      expect(Object.keys(timeouts).sort()).toEqual(subgraphList.map((s) => s.name).sort());
    });

    it('takes the signing key as a deploy parameter, names it to the gateway and its public half to the subgraphs', () => {
      const { json } = synth('dev');
      expect(
        Object.keys((json as { Parameters?: object }).Parameters ?? {})
          .filter((p) => !p.startsWith('BootstrapVersion'))
          .sort(),
      ).toEqual(['GatewaySigningKeySecretArn', 'GatewaySigningKeyVersionId']);
      const [, gateway] = gatewayFunction(json);
      expect(gateway.Properties.Environment.Variables).toMatchObject({ GATEWAY_SIGNING_KEY_SECRET_ARN: { Ref: 'GatewaySigningKeySecretArn' } });
      // A public key is no secret: CloudFormation resolves it into the subgraphs' configuration at deploy,
      // at the version GatewaySigningKeyVersionId names (a new one makes it read a rotated key).
      expect((json as unknown as { Parameters: Record<string, unknown> }).Parameters.GatewaySigningKeyVersionId).toMatchObject({ Type: 'String', Default: '' });
      for (const [id, fn] of subgraphFunctions(json))
        expect(dynamicReferences(fn.Properties.Environment.Variables.GATEWAY_PUBLIC_KEY), id).toEqual([PUBLIC_KEY_REFERENCE]);
    });

    it("puts no secret value in any function's configuration: no private key, no partner secret, no secret reference but the public key", () => {
      const { json } = synth('prod');
      for (const [id, fn] of functions(json)) {
        for (const [name, value] of Object.entries(fn.Properties.Environment?.Variables ?? {})) {
          const text = JSON.stringify(value);
          expect(text, `${id} ${name}`).not.toMatch(/PRIVATE KEY|ssm-secure/);
          // Dynamic references are resolved into the configuration at deploy: only a public key may be one.
          expect(dynamicReferences(value), `${id} ${name}`).toEqual(name === 'GATEWAY_PUBLIC_KEY' ? [PUBLIC_KEY_REFERENCE] : []);
        }
        expect(Object.keys(fn.Properties.Environment?.Variables ?? {}), id).not.toEqual(expect.arrayContaining(['GATEWAY_PRIVATE_KEY']));
        expect(Object.keys(fn.Properties.Environment?.Variables ?? {}), id).not.toEqual(expect.arrayContaining(['PARTNER_SECRETS']));
      }
    });

    it("lets the gateway read exactly its signing key and each partner's secret, and no other function any secret", () => {
      const { json } = synth('dev');
      const [, gateway] = gatewayFunction(json);
      const secretStatements = resourcesOfType(json, 'AWS::IAM::Policy').flatMap(([, policy]) =>
        (policy.Properties.PolicyDocument.Statement as PolicyStatementJson[])
          .filter((s) => actionsOf(s).some((a) => a.startsWith('secretsmanager:') || a === '*'))
          .map((s) => ({ roles: referencedIds(policy.Properties.Roles), actions: actionsOf(s), resources: [s.Resource].flat().map(arnText) })),
      );
      expect(secretStatements).toEqual([
        {
          roles: [roleOf(gateway)],
          actions: ['secretsmanager:GetSecretValue'],
          resources: [
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation reference as the template writes it, not a JS template
            '${GatewaySigningKeySecretArn}',
            // By name: IAM matches the six characters Secrets Manager appends to the name in the ARN.
            ...externalPartnerList.map(
              (p) => `arn:\${AWS::Partition}:secretsmanager:\${AWS::Region}:\${AWS::AccountId}:secret:${p.secret.secretsManagerName}-??????`,
            ),
          ],
        },
      ]);
    });

    it('wires every partner of the subgraph list into the gateway: its URL, no client claims, its secret by name', () => {
      const { json } = synth('dev');
      const [, gateway] = gatewayFunction(json);
      const variables = gateway.Properties.Environment.Variables;
      const urls = JSON.parse(arnText(variables.SUBGRAPH_URLS)) as Record<string, string>;
      expect(externalPartnerList.length).toBeGreaterThan(0);
      for (const partner of externalPartnerList) expect(urls[partner.name], partner.name).toBe(partner.url);
      // Which subgraphs are partners is the subgraph list's to say (gateway/core-subgraphs.ts), never the deployment's.
      expect(variables.PARTNER_SUBGRAPHS).toBeUndefined();
      expect(JSON.parse(variables.PARTNER_SECRET_IDS)).toEqual(Object.fromEntries(externalPartnerList.map((p) => [p.name, p.secret.secretsManagerName])));
      // Switched off (the kill switch): neither routed nor given a secret.
      expect(listedPartnerSubgraphs(undefined, { DISABLED_SUBGRAPHS: externalPartnerList.map((p) => p.name).join(',') })).toEqual([]);
    });

    it('points a partner at another HTTPS endpoint when told (-c partnerUrls), and refuses plain HTTP and names not in the list', () => {
      const app = new App({ context: { 'aws:cdk:disable-asset-staging': true } });
      const partnerStack = (urls: string) =>
        new LaborCooperationStack(app, `Test-partner-${urls.length}`, {
          stage: 'dev',
          subgraphs: subgraphList,
          bundles,
          webAppDirectory,
          partnerSubgraphs: listedPartnerSubgraphs((names) => parsePartnerUrls(urls, names)),
        });
      const json = Template.fromStack(partnerStack('{"shanxi":"https://graphql-test.shanxi.example.cn/graphql"}')).toJSON() as CfnTemplate;
      expect(JSON.parse(arnText(gatewayFunction(json)[1].Properties.Environment.Variables.SUBGRAPH_URLS)).shanxi).toBe(
        'https://graphql-test.shanxi.example.cn/graphql',
      );
      expect(() => partnerStack('{"shanxi":"http://graphql.shanxi.example.cn/graphql"}')).toThrow(
        'Partner subgraph shanxi must be reached over https://, got "http://graphql.shanxi.example.cn/graphql".',
      );
      expect(() => partnerStack('{"henan":"https://graphql.henan.example.cn/graphql"}')).toThrow(
        '-c partnerUrls names "henan", which is not a routed partner subgraph of the list (shanxi).',
      );
    });

    it('serves the API on a throttled $default stage with JSON access logs', () => {
      const { template } = synth('dev');
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GatewayAccessLogs'), 'Arn'] },
          Format: Match.stringLikeRegexp('"requestId":"\\$context.requestId"'),
        },
      });
      template.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    });

    it('answers CORS preflight for the configured origins, and passes the same origins to the gateway', () => {
      const { template } = synth('dev', { corsOrigins: ['https://jobs.example.cn'] });
      template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({ AllowOrigins: ['https://jobs.example.cn'], AllowMethods: ['GET', 'POST'] }),
      });
      template.hasResourceProperties('AWS::Lambda::Function', { Environment: { Variables: Match.objectLike({ CORS_ORIGINS: 'https://jobs.example.cn' }) } });
      synth('dev').template.hasResourceProperties('AWS::ApiGatewayV2::Api', { CorsConfiguration: Match.absent() });
    });
  });

  describe('stages', () => {
    it('retains prod tables with deletion protection, and lets dev tables go', () => {
      for (const [, table] of resourcesOfType(synth('prod').json, 'AWS::DynamoDB::GlobalTable')) {
        expect(table.DeletionPolicy).toBe('Retain');
        expect(table.Properties.Replicas[0].DeletionProtectionEnabled).toBe(true);
      }
      for (const [, table] of resourcesOfType(synth('dev').json, 'AWS::DynamoDB::GlobalTable')) expect(table.DeletionPolicy).toBe('Delete');
    });

    it('names no table: CloudFormation does, so stages and accounts never collide', () => {
      for (const [, table] of resourcesOfType(synth('dev').json, 'AWS::DynamoDB::GlobalTable')) expect(table.Properties.TableName).toBeUndefined();
    });

    it('keeps logs a week in dev and a year in prod, and keeps prod logs when the stack goes', () => {
      const groups = (stage: 'dev' | 'prod') =>
        resourcesOfType(synth(stage).json, 'AWS::Logs::LogGroup').map(([, g]) => [g.Properties.RetentionInDays, g.DeletionPolicy]);
      // A log group per function (subgraphs, projections, gateway), the API's access log, and the web app deployments'.
      const count = subgraphList.length + subgraphList.filter((s) => s.projections).length + 3;
      expect(groups('dev')).toEqual(Array(count).fill([7, 'Delete']));
      expect(groups('prod')).toEqual(Array(count).fill([365, 'Retain']));
    });

    it('runs the gateway in production mode in prod only', () => {
      expect(gatewayFunction(synth('prod').json)[1].Properties.Environment.Variables.NODE_ENV).toBe('production');
      expect(gatewayFunction(synth('dev').json)[1].Properties.Environment.Variables.NODE_ENV).toBe('development');
    });
  });

  describe('alarms', () => {
    it('watch every function, every table and the API, and notify one topic (in prod; dev alarms page nobody)', () => {
      const { json } = synth('prod');
      const [topicId] = resourcesOfType(json, 'AWS::SNS::Topic').map(([id]) => id);
      const alarms = resourcesOfType(json, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
      for (const alarm of alarms) {
        expect(referencedIds(alarm.AlarmActions)).toEqual([topicId]);
        expect(alarm.ActionsEnabled).toBe(true);
      }
      const watched = (metric: string) =>
        alarms
          .filter((a) => a.MetricName === metric || JSON.stringify(a.Metrics ?? []).includes(`"MetricName":"${metric}"`))
          .flatMap((a) => referencedIds(a.Dimensions ?? a.Metrics));
      const functionIds = functions(json)
        .map(([id]) => id)
        .sort();
      const tableIds = resourcesOfType(json, 'AWS::DynamoDB::GlobalTable')
        .map(([id]) => id)
        .sort();
      const [apiId] = resourcesOfType(json, 'AWS::ApiGatewayV2::Api').map(([id]) => id);
      expect(watched('Errors').sort()).toEqual(functionIds);
      expect(watched('Throttles').sort()).toEqual(functionIds);
      expect([...new Set(watched('ThrottledRequests'))].sort()).toEqual(tableIds);
      expect(watched('5xx')).toEqual([apiId]);
      expect(watched('Latency')).toEqual([apiId]);
      for (const alarm of resourcesOfType(synth('dev').json, 'AWS::CloudWatch::Alarm')) expect(alarm[1].Properties.ActionsEnabled).toBe(false);
    });
  });

  it('outputs the GraphQL URL of the API', () => {
    const { json } = synth('dev');
    const [apiId] = resourcesOfType(json, 'AWS::ApiGatewayV2::Api').map(([id]) => id);
    expect(json.Outputs!.GraphqlUrl!.Value).toEqual({
      'Fn::Join': ['', ['https://', { Ref: apiId }, '.execute-api.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/graphql']],
    });
  });

  describe('cdk-nag', () => {
    for (const stage of ['dev', 'prod'] as const) {
      it(`finds nothing unacknowledged in ${stage} (AwsSolutions and Serverless packs)`, () => {
        const { stack } = synth(stage);
        for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
          const report = pack.validateScope(stack);
          expect(report.violations.map((v) => `${v.ruleName} ${v.severity} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
        }
      });
    }

    it('gives every acknowledgment a reason', () => {
      const { stack } = synth('prod');
      const acknowledged = (scope: IConstruct): { id: string; reason: string }[] => [
        ...scope.node.metadata
          .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
          .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ id, reason }))),
        ...scope.node.children.flatMap(acknowledged),
      ];
      const all = acknowledged(stack);
      expect(all.length).toBeGreaterThan(0);
      for (const { id, reason } of all) expect(reason.length, id).toBeGreaterThanOrEqual(40);
    });
  });
});
