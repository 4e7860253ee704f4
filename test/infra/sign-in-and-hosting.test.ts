/**
 * Sign-in and hosting in AWS (issue 18): the Cognito user pool with its groups and the web app's
 * client, the private bucket and the CloudFront distribution that serves the app and `/graphql` on
 * one origin, and the gateway trusting the pool's tokens. Read from the synthesized template.
 */
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { CachePolicy, OriginRequestPolicy, ResponseHeadersPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { provinceGroup } from '../../gateway/auth/cognito-claims.js';
import { LaborCooperationStack, listedPartnerSubgraphs, type LaborCooperationStackProps } from '../../infra/lib/labor-cooperation-stack.js';
import { ROLES } from '../../subgraphs/shared/auth/caller.js';
import { PROVINCE_DIVISIONS } from '../../subgraphs/shared/domain/provinces-data.js';
import { subgraphList } from '../../subgraphs/subgraph-list.js';
import { stubBundles, stubWebApp } from './stub-bundles.js';
import { referencedIds, resourcesOfType, type CfnResource, type CfnTemplate } from './template.js';

const bundles = stubBundles();
const webAppDirectory = stubWebApp();
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation reference as text() writes it, not a JS template
const ACCOUNT_REF = '${AWS::AccountId}';
// biome-ignore lint/suspicious/noTemplateCurlyInString: a CloudFormation reference as text() writes it, not a JS template
const REGION_REF = '${AWS::Region}';
const EXISTING_POOL = { userPoolId: 'cn-north-1_AbCdEfGhI', signInUrl: 'https://sign-in.labor.example.cn' };

interface Synthesized {
  readonly stack: LaborCooperationStack;
  readonly template: Template;
  readonly json: CfnTemplate;
}
const synthesized = new Map<string, Synthesized>();
/** Each distinct stack once per file: a synth costs seconds. */
const synth = (stage: 'dev' | 'prod', props: Partial<LaborCooperationStackProps> = {}) => {
  const key = `${stage}:${JSON.stringify(props)}`;
  if (!synthesized.has(key)) synthesized.set(key, synthesize(stage, props));
  return synthesized.get(key)!;
};
function synthesize(stage: 'dev' | 'prod', props: Partial<LaborCooperationStackProps>): Synthesized {
  const app = new App({ context: { 'aws:cdk:disable-asset-staging': true } });
  const stack = new LaborCooperationStack(app, `Hosting-${stage}-${synthesized.size}`, {
    stage,
    subgraphs: subgraphList,
    partnerSubgraphs: listedPartnerSubgraphs(),
    bundles,
    webAppDirectory,
    ...props,
  });
  const template = Template.fromStack(stack);
  return { stack, template, json: template.toJSON() as CfnTemplate };
}

const only = (json: CfnTemplate, type: string): [string, CfnResource] => {
  const found = resourcesOfType(json, type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};
const gatewayVariables = (json: CfnTemplate) =>
  resourcesOfType(json, 'AWS::Lambda::Function').find(([, fn]) => fn.Properties.Environment?.Variables?.SUBGRAPH_URLS)![1].Properties.Environment.Variables;
/** A value with Fn::Join flattened and each Ref / GetAtt written `${…}`. */
const text = (value: unknown): string => {
  if (typeof value === 'string') return value;
  const object = value as Record<string, any>;
  if (typeof object?.Ref === 'string') return `\${${object.Ref}}`;
  if (Array.isArray(object?.['Fn::Join'])) return (object['Fn::Join'][1] as unknown[]).map(text).join(object['Fn::Join'][0]);
  if (Array.isArray(object?.['Fn::GetAtt'])) return `\${${object['Fn::GetAtt'].join('.')}}`;
  return JSON.stringify(value);
};

describe('the user pool', () => {
  it('lets nobody sign up, asks for a strong password and an authenticator app, and blocks risky sign-ins', () => {
    const { json } = synth('dev');
    const [, pool] = only(json, 'AWS::Cognito::UserPool');
    expect(pool.Properties).toMatchObject({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: {
        PasswordPolicy: {
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
        },
      },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    });
  });

  it('keeps prod users when the stack goes, and lets a dev pool go', () => {
    expect(only(synth('prod').json, 'AWS::Cognito::UserPool')[1]).toMatchObject({ DeletionPolicy: 'Retain', Properties: { DeletionProtection: 'ACTIVE' } });
    expect(only(synth('dev').json, 'AWS::Cognito::UserPool')[1]).toMatchObject({ DeletionPolicy: 'Delete', Properties: { DeletionProtection: 'INACTIVE' } });
  });

  it('has a group per role and per province, and no other', () => {
    const { json } = synth('dev');
    const [poolId] = only(json, 'AWS::Cognito::UserPool');
    const groups = resourcesOfType(json, 'AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties);
    for (const group of groups) expect(group.UserPoolId).toEqual({ Ref: poolId });
    expect(groups.map((g) => g.GroupName).sort()).toEqual([...ROLES, ...PROVINCE_DIVISIONS.map(([code]) => provinceGroup(code))].sort());
  });

  it('signs in on its managed login domain, in Cognito’s look, for the web app client', () => {
    const { json } = synth('dev');
    const [, domain] = only(json, 'AWS::Cognito::UserPoolDomain');
    expect(domain.Properties.ManagedLoginVersion).toBe(2);
    expect(text(domain.Properties.Domain)).toBe(`labor-cooperation-dev-${ACCOUNT_REF}`);
    const [clientId] = only(json, 'AWS::Cognito::UserPoolClient');
    expect(only(json, 'AWS::Cognito::ManagedLoginBranding')[1].Properties).toMatchObject({ ClientId: { Ref: clientId }, UseCognitoProvidedValues: true });
  });
});

describe('the web app client', () => {
  it('uses the authorization code flow only (PKCE is the app’s), with no secret, back to the app’s own address', () => {
    const { json } = synth('dev');
    const [distributionId] = only(json, 'AWS::CloudFront::Distribution');
    const [, client] = only(json, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
    });
    expect(client.Properties.CallbackURLs.map(text)).toEqual([`https://\${${distributionId}.DomainName}/app/`]);
    expect(client.Properties.LogoutURLs.map(text)).toEqual([`https://\${${distributionId}.DomainName}/app/`]);
  });

  it('lets the user write no attribute but the name: what a user may do is in groups, which only administrators change', () => {
    const [, client] = only(synth('dev').json, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.WriteAttributes).toEqual(['name']);
  });
});

describe('the gateway and the pool', () => {
  it('trusts the pool’s tokens for the web app client, and reads roles and provinces from their groups', () => {
    const { json } = synth('dev');
    const [poolId] = only(json, 'AWS::Cognito::UserPool');
    const [clientId] = only(json, 'AWS::Cognito::UserPoolClient');
    const variables = gatewayVariables(json);
    expect(text(variables.JWT_ISSUER)).toBe(`https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${poolId}}`);
    expect(text(variables.JWT_JWKS_URL)).toBe(`https://cognito-idp.\${AWS::Region}.\${AWS::URLSuffix}/\${${poolId}}/.well-known/jwks.json`);
    expect(variables.JWT_AUDIENCE).toEqual({ Ref: clientId });
    expect(variables.JWT_CLAIMS).toBe('cognito');
  });
});

describe('an existing user pool', () => {
  it('creates no pool, group, domain or branding: only the web app client, in that pool, which the gateway trusts', () => {
    const { json } = synth('dev', { userPool: EXISTING_POOL });
    for (const type of ['AWS::Cognito::UserPool', 'AWS::Cognito::UserPoolGroup', 'AWS::Cognito::UserPoolDomain', 'AWS::Cognito::ManagedLoginBranding'])
      expect(resourcesOfType(json, type), type).toEqual([]);
    const [clientId, client] = only(json, 'AWS::Cognito::UserPoolClient');
    expect(client.Properties.UserPoolId).toBe(EXISTING_POOL.userPoolId);
    const variables = gatewayVariables(json);
    expect(text(variables.JWT_ISSUER)).toBe(`https://cognito-idp.cn-north-1.\${AWS::URLSuffix}/${EXISTING_POOL.userPoolId}`);
    expect(variables.JWT_AUDIENCE).toEqual({ Ref: clientId });
  });

  it('refuses a pool id or sign-in address that is not one', () => {
    expect(() => synthesize('dev', { userPool: { ...EXISTING_POOL, userPoolId: 'AbCdEfGhI' } })).toThrow(
      '-c userPoolId must be a Cognito user pool id such as cn-north-1_AbCdEfGhI, got "AbCdEfGhI".',
    );
    expect(() => synthesize('dev', { userPool: { ...EXISTING_POOL, signInUrl: 'http://sign-in.labor.example.cn/login' } })).toThrow(
      '-c userPoolSignInUrl must be the hosted sign-in\'s https:// origin with no path, got "http://sign-in.labor.example.cn/login".',
    );
  });
});

describe('the web app’s bucket', () => {
  const appBucket = (json: CfnTemplate) => {
    const [, distribution] = only(json, 'AWS::CloudFront::Distribution');
    const s3Origin = distribution.Properties.DistributionConfig.Origins.find((o: { S3OriginConfig?: unknown }) => o.S3OriginConfig);
    const [bucketId] = referencedIds(s3Origin.DomainName);
    return [bucketId!, json.Resources[bucketId!]!] as const;
  };

  it('is not public: all public access blocked, encrypted, and readable by this distribution only, over TLS', () => {
    const { json } = synth('prod');
    const [bucketId, bucket] = appBucket(json);
    const [distributionId] = only(json, 'AWS::CloudFront::Distribution');
    expect(bucket.Properties).toMatchObject({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    const [, policy] = resourcesOfType(json, 'AWS::S3::BucketPolicy').find(([, p]) => referencedIds(p.Properties.Bucket).includes(bucketId))!;
    const statements = policy.Properties.PolicyDocument.Statement as { Effect: string; Principal: unknown; Action: unknown; Condition?: any }[];
    expect(statements.filter((s) => s.Effect === 'Deny')).toEqual([
      expect.objectContaining({ Principal: { AWS: '*' }, Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    ]);
    // Allowed: CloudFront reading objects on behalf of this distribution, and the deployment's handler role (its own statements).
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toEqual([
      expect.objectContaining({
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Action: 's3:GetObject',
        Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
      }),
    ]);
    expect(text(allows[0]!.Condition.StringEquals['AWS:SourceArn'])).toContain(`distribution/\${${distributionId}}`);
    expect(JSON.stringify(statements)).not.toMatch(/"Principal":"\*"|"Principal":\{"AWS":"\*"\},"Action":"s3:GetObject"/);
    only(json, 'AWS::CloudFront::OriginAccessControl');
  });

  it('receives the built app under app/: hashed assets cached a year and kept, the rest revalidated, with config.json', () => {
    const { json } = synth('dev');
    const deployments = resourcesOfType(json, 'Custom::CDKBucketDeployment').map(([, d]) => d.Properties);
    expect(deployments).toHaveLength(2);
    const assets = deployments.find((d) => d.DestinationBucketKeyPrefix === 'app/assets/')!;
    expect(assets).toMatchObject({ Prune: false, SystemMetadata: { 'cache-control': 'public, max-age=31536000, immutable' } });
    const app = deployments.find((d) => d.DestinationBucketKeyPrefix === 'app/')!;
    expect(app).toMatchObject({ Prune: true, Exclude: ['assets/*'], SystemMetadata: { 'cache-control': 'no-cache' }, DistributionPaths: ['/app/*'] });
    expect(app.SourceObjectKeys).toHaveLength(2);
  });

  it('writes config.json with the sign-in address, the client and the app’s address, resolved at deploy', () => {
    const { json } = synth('dev');
    const [clientId] = only(json, 'AWS::Cognito::UserPoolClient');
    const [distributionId] = only(json, 'AWS::CloudFront::Distribution');
    const [domainId] = only(json, 'AWS::Cognito::UserPoolDomain');
    const app = resourcesOfType(json, 'Custom::CDKBucketDeployment').find(([, d]) => d.Properties.DestinationBucketKeyPrefix === 'app/')![1].Properties;
    // jsonData turns each token into a marker the deployment replaces: the markers are the values.
    const markers = (app.SourceMarkers as Record<string, unknown>[]).flatMap((m) => Object.values(m).map(text));
    expect(new Set(markers)).toEqual(new Set([`\${${domainId}}`, REGION_REF, `\${${clientId}}`, `\${${distributionId}.DomainName}`]));
  });
});

describe('the distribution', () => {
  const behaviours = (json: CfnTemplate) => {
    const [, distribution] = only(json, 'AWS::CloudFront::Distribution');
    const config = distribution.Properties.DistributionConfig;
    return { config, graphql: (config.CacheBehaviors as any[]).find((b) => b.PathPattern === '/graphql'), others: config.CacheBehaviors.length };
  };

  it('serves the app by default from the bucket, cached, with the app routes function and the security headers', () => {
    const { json } = synth('dev');
    const { config } = behaviours(json);
    const [functionId] = only(json, 'AWS::CloudFront::Function');
    const [headersId, headers] = only(json, 'AWS::CloudFront::ResponseHeadersPolicy');
    const s3Origin = config.Origins.find((o: { Id: string }) => o.Id === config.DefaultCacheBehavior.TargetOriginId);
    expect(s3Origin.S3OriginConfig).toBeDefined();
    expect(referencedIds(s3Origin.OriginAccessControlId)).toEqual([only(json, 'AWS::CloudFront::OriginAccessControl')[0]]);
    expect(config.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      CachePolicyId: CachePolicy.CACHING_OPTIMIZED.cachePolicyId,
      ResponseHeadersPolicyId: { Ref: headersId },
      FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } }],
    });
    // SPA fallback by the function, for app routes only: no error response turns a 403/404 (of /graphql too) into index.html.
    expect(config.CustomErrorResponses).toBeUndefined();
    const security = headers.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security).toMatchObject({
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63_072_000, IncludeSubdomains: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    const csp = text(security.ContentSecurityPolicy.ContentSecurityPolicy);
    const [domainId] = only(json, 'AWS::Cognito::UserPoolDomain');
    expect(csp).toMatch(
      /^default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self' https:\/\/\S+; frame-ancestors 'none'/,
    );
    expect(/connect-src ([^;]+);/.exec(csp)![1]).toContain(`\${${domainId}}`);
  });

  it('sends /graphql to the gateway’s HTTP API over TLS, uncached, with every viewer header but Host (Authorization included)', () => {
    const { json } = synth('dev');
    const { config, graphql, others } = behaviours(json);
    expect(others).toBe(1);
    const [apiId] = only(json, 'AWS::ApiGatewayV2::Api');
    const origin = config.Origins.find((o: { Id: string }) => o.Id === graphql.TargetOriginId);
    expect(text(origin.DomainName)).toBe(`\${${apiId}}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}`);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30 });
    expect(graphql).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ResponseHeadersPolicyId: ResponseHeadersPolicy.SECURITY_HEADERS.responseHeadersPolicyId,
    });
    expect(graphql.FunctionAssociations).toBeUndefined();
  });

  it('outputs the app’s address', () => {
    const { json } = synth('dev');
    const [distributionId] = only(json, 'AWS::CloudFront::Distribution');
    expect(text(json.Outputs!.AppUrl!.Value)).toBe(`https://\${${distributionId}.DomainName}/app/`);
  });

  it('raises no unacknowledged cdk-nag finding with an existing pool either', () => {
    const { stack } = synth('prod', { userPool: EXISTING_POOL });
    for (const pack of [new AwsSolutionsChecks(), new ServerlessChecks()])
      expect(pack.validateScope(stack).violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`)).toEqual([]);
  });
});

describe('the app routes function (CloudFront, viewer request)', () => {
  const code = readFileSync(join(import.meta.dirname, '../../infra/lib/functions/app-routes.js'), 'utf8');
  const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => { uri?: string; statusCode?: number; headers?: unknown };
  const request = (uri: string) => handler({ request: { uri, method: 'GET', querystring: {}, headers: {} } });

  it('gives a screen of the app index.html, the callback with its code included', () => {
    for (const uri of ['/app/', '/app/people', '/app/people/P-000123', '/app/programs/prog-1', '/app/fairs/f.1/'])
      expect(request(uri).uri, uri).toBe('/app/index.html');
  });

  it('serves files as they are, so a missing one stays a 404', () => {
    for (const uri of ['/app/assets/index-abc123.js', '/app/assets/people', '/app/config.json', '/app/persisted-documents.json', '/app/favicon.ico'])
      expect(request(uri).uri, uri).toBe(uri);
  });

  it('rewrites nothing outside the app, and sends the bare origin to the app', () => {
    for (const uri of ['/graphql', '/health', '/index.html', '/application']) expect(request(uri).uri, uri).toBe(uri);
    for (const uri of ['/', '/app'])
      expect(request(uri)).toEqual({ statusCode: 308, statusDescription: 'Permanent Redirect', headers: { location: { value: '/app/' } } });
  });
});
