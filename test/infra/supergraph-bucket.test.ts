import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_OBJECT_KEY } from '../../infra/lib/gateway-service.js';
import { LaborCooperationStack, type PartnerSubgraphConfig } from '../../infra/lib/labor-cooperation-stack.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { stubBundles, stubWebApp } from './stub-bundles.js';
import { referencedIds, resourcesOfType, roleOf, statementsOfRole, type CfnTemplate } from './template.js';

const bundles = stubBundles();
const webAppDirectory = stubWebApp();

const shanxi: PartnerSubgraphConfig = {
  name: 'shanxi',
  url: 'https://graphql.shanxi.example.cn/graphql',
  secret: { secretsManagerName: 'labor-cooperation/partners/shanxi' },
};
const synthesized = new Map<string, ReturnType<typeof synthesize>>();
/** Each distinct stack once per file: a synth costs seconds. */
const synth = (stage: 'dev' | 'prod', partnerSubgraphs: PartnerSubgraphConfig[] = []) => {
  const key = `${stage}:${JSON.stringify(partnerSubgraphs)}`;
  if (!synthesized.has(key)) synthesized.set(key, synthesize(stage, partnerSubgraphs));
  return synthesized.get(key)!;
};
function synthesize(stage: 'dev' | 'prod', partnerSubgraphs: PartnerSubgraphConfig[]) {
  const app = new App({ context: { 'aws:cdk:disable-asset-staging': true } });
  const stack = new LaborCooperationStack(app, `Bucket-${stage}-${partnerSubgraphs.length}`, {
    stage,
    subgraphs: subgraphList,
    bundles,
    webAppDirectory,
    partnerSubgraphs,
  });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as CfnTemplate };
}
const gatewayOf = (json: CfnTemplate) => resourcesOfType(json, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties.Environment?.Variables?.SUBGRAPH_URLS)!;
/** The bucket the gateway polls (the stack's other bucket holds the web app: web-app-hosting.test.ts). */
const supergraphBucketOf = (json: CfnTemplate) => {
  const [bucketId] = referencedIds(gatewayOf(json)[1].Properties.Environment.Variables.SUPERGRAPH_BUCKET);
  return [bucketId!, json.Resources[bucketId!]!] as const;
};

describe('the supergraph bucket (delivery without redeploying the core)', () => {
  it('is private, encrypted, TLS-only and versioned, and kept in every stage', () => {
    for (const stage of ['dev', 'prod'] as const) {
      const { template, json } = synth(stage);
      const [bucketId, bucket] = supergraphBucketOf(json);
      expect(bucket).toMatchObject({
        Type: 'AWS::S3::Bucket',
        DeletionPolicy: 'Retain',
        Properties: {
          VersioningConfiguration: { Status: 'Enabled' },
          BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        },
      });
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
      expect(Object.values(json.Outputs!).some((output) => referencedIds(output.Value).includes(bucketId))).toBe(true);
    }
  });

  it('tells the gateway where to poll, and lets it read that object only', () => {
    const { json } = synth('dev');
    const [bucketId] = supergraphBucketOf(json);
    const [, gateway] = gatewayOf(json);
    expect(referencedIds(gateway.Properties.Environment.Variables.SUPERGRAPH_BUCKET)).toEqual([bucketId]);
    expect(gateway.Properties.Environment.Variables.SUPERGRAPH_KEY).toBe(SUPERGRAPH_OBJECT_KEY);
    const s3 = statementsOfRole(json, roleOf(gateway)).filter((s) => [s.Action].flat().some((a) => a.startsWith('s3:')));
    expect(s3.map((s) => s.Action)).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(JSON.stringify(s3[0]!.Resource)).toContain(`/${SUPERGRAPH_OBJECT_KEY}`);
    expect(referencedIds(s3[0]!.Resource)).toEqual([bucketId]);
    expect((s3[1] as unknown as { Condition: unknown }).Condition).toEqual({ StringEquals: { 's3:prefix': SUPERGRAPH_OBJECT_KEY } });
  });

  it("names each partner's HMAC secret to the gateway (PARTNER_SECRET_IDS), never its value", () => {
    const { json } = synth('dev', [shanxi]);
    const [, gateway] = gatewayOf(json);
    expect(JSON.parse(gateway.Properties.Environment.Variables.PARTNER_SECRET_IDS)).toEqual({ shanxi: 'labor-cooperation/partners/shanxi' });
    expect(gateway.Properties.Environment.Variables.PARTNER_SECRETS).toBeUndefined();
  });

  it('leaves which subgraphs are partners to the subgraph list: no PARTNER_SUBGRAPHS setting, even with an in-repo partner', () => {
    const app = new App({ context: { 'aws:cdk:disable-asset-staging': true } });
    const withPartner = subgraphList.map((s) => (s.name === 'programs' ? { ...s, partner: { namespace: 'Programs' } } : s));
    const stack = new LaborCooperationStack(app, 'Bucket-in-repo-partner', {
      stage: 'dev',
      subgraphs: withPartner,
      bundles,
      webAppDirectory,
      partnerSubgraphs: [shanxi],
    });
    const [, gateway] = gatewayOf(Template.fromStack(stack).toJSON() as CfnTemplate);
    expect(gateway.Properties.Environment.Variables.PARTNER_SUBGRAPHS).toBeUndefined();
  });

  it('raises no unacknowledged cdk-nag finding on the gateway, its bucket and its grants (stack.test.ts checks the whole stack)', () => {
    const { stack } = synth('prod');
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()]) {
      const findings = pack.validateScope(stack).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} at ${r.constructPath}`));
      expect(findings.filter((finding) => finding.includes('/Gateway/'))).toEqual([]);
    }
  });
});
