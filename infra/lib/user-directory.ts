import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  CfnUserPoolGroup,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolClient,
  UserPoolClientIdentityProvider,
  type IUserPool,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ROLES } from '../../subgraphs/shared/auth/caller.js';
import { PROVINCE_DIVISIONS } from '../../subgraphs/shared/domain/provinces-data.js';
import { provinceGroup } from '../../gateway/auth/cognito-claims.js';
import type { StageSettings } from './stage.js';

/** A user pool this stack does not own (a province's, or one shared by several stacks). */
export interface ExistingUserPool {
  /** e.g. `cn-north-1_AbCdEfGhI`: its region is the part before `_`. */
  readonly userPoolId: string;
  /** The base URL of its hosted sign-in, e.g. `https://sign-in.example.cn` or `https://PREFIX.auth.REGION.amazoncognito.com`. */
  readonly signInUrl: string;
}

export interface UserDirectoryProps {
  readonly stage: StageSettings;
  /**
   * Use this pool instead of creating one: no pool, group or domain is created, only this app's
   * client in it (its callback address is this stack's distribution). Its groups follow the
   * convention of gateway/auth/cognito-claims.ts.
   * @default - a pool created here, with the groups and a hosted sign-in domain
   */
  readonly existing?: ExistingUserPool;
  /**
   * The hosted sign-in's domain prefix (`PREFIX.auth.REGION.amazoncognito.com`), unique in the region.
   * @default `labor-cooperation-STAGE-ACCOUNT`
   */
  readonly domainPrefix?: string;
}

/** What the app client of the web app needs to know of the app. */
export interface WebAppClientOptions {
  /** Where the hosted sign-in sends the user back with the authorization code. */
  readonly callbackUrl: string;
  /** Where it sends the user after signing out. */
  readonly logoutUrl: string;
}

const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d)_[0-9A-Za-z]+$/;

/**
 * Who may sign in: a Cognito user pool (created here unless one is given) with a group per role and
 * per province, its hosted sign-in, and the token issuer the gateway trusts.
 */
export class UserDirectory extends Construct {
  readonly userPool: IUserPool;
  /** The `iss` of the pool's tokens, what the gateway verifies (JWT_ISSUER). */
  readonly issuer: string;
  /** Where the pool publishes its signing keys (JWT_JWKS_URL). */
  readonly jwksUrl: string;
  /** The hosted sign-in's base URL: `/oauth2/authorize`, `/oauth2/token` and `/logout` are under it. */
  readonly signInUrl: string;
  /** The groups created here, by name (none for an existing pool). */
  readonly groups: readonly string[];
  private readonly created: boolean;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    if (props.existing) {
      const region = POOL_ID.exec(props.existing.userPoolId)?.[1];
      if (!region)
        throw new Error(`-c userPoolId must be a Cognito user pool id such as cn-north-1_AbCdEfGhI, got ${JSON.stringify(props.existing.userPoolId)}.`);
      if (!/^https:\/\/[^/]+$/.test(props.existing.signInUrl))
        throw new Error(`-c userPoolSignInUrl must be the hosted sign-in's https:// origin with no path, got ${JSON.stringify(props.existing.signInUrl)}.`);
      this.userPool = UserPool.fromUserPoolId(this, 'UserPool', props.existing.userPoolId);
      this.issuer = `https://cognito-idp.${region}.${Aws.URL_SUFFIX}/${props.existing.userPoolId}`;
      this.signInUrl = props.existing.signInUrl;
      this.groups = [];
      this.created = false;
    } else {
      const pool = new UserPool(this, 'UserPool', {
        // Accounts are made by a province's administrator (docs/deploy.md), never by whoever finds the page.
        selfSignUpEnabled: false,
        signInAliases: { username: true, email: true },
        signInCaseSensitive: false,
        autoVerify: { email: true },
        standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
        passwordPolicy: {
          minLength: 12,
          requireLowercase: true,
          requireUppercase: true,
          requireDigits: true,
          requireSymbols: true,
          tempPasswordValidity: Duration.days(3),
        },
        // Caseworkers and officers see whole ID and phone numbers: a password alone is not enough.
        // An authenticator app only: SMS needs an SNS spending limit and reaches Chinese numbers unreliably.
        mfa: Mfa.REQUIRED,
        mfaSecondFactor: { otp: true, sms: false },
        accountRecovery: AccountRecovery.EMAIL_ONLY,
        // Plus: threat protection blocks sign-ins with leaked passwords and risky sign-ins (cdk-nag COG3).
        featurePlan: FeaturePlan.PLUS,
        standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
        deletionProtection: props.stage.retainData,
        // A dev pool is disposable like the dev tables; prod users outlive the stack.
        removalPolicy: props.stage.retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      const region = Stack.of(this).region;
      this.userPool = pool;
      this.issuer = `https://cognito-idp.${region}.${Aws.URL_SUFFIX}/${pool.userPoolId}`;
      const domain = pool.addDomain('Domain', {
        cognitoDomain: { domainPrefix: props.domainPrefix ?? `labor-cooperation-${props.stage.name}-${Aws.ACCOUNT_ID}` },
        // Managed login speaks Simplified Chinese (lang=zh-CN); the classic hosted UI English only.
        managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
      });
      this.signInUrl = domain.baseUrl();
      const groups = [
        ...ROLES.map((role) => ({ name: role, description: `The ${role} role (subgraphs/shared/auth/caller.ts, ROLE_SCOPES).` })),
        ...PROVINCE_DIVISIONS.map(([code, name, nameEn]) => ({
          name: provinceGroup(code),
          description: `Responsible for ${nameEn} (${name}, ${code}): with caseworker or program_officer.`,
        })),
      ];
      for (const group of groups)
        new CfnUserPoolGroup(this, `Group-${group.name}`, { userPoolId: pool.userPoolId, groupName: group.name, description: group.description });
      this.groups = groups.map((g) => g.name);
      this.created = true;
    }
    this.jwksUrl = `${this.issuer}/.well-known/jwks.json`;
  }

  /**
   * The web app's client: authorization code with PKCE, no secret (a browser keeps none), and no
   * attribute the user may write (what a user may do is in groups; see cognito-claims.ts).
   */
  addWebAppClient(id: string, options: WebAppClientOptions): UserPoolClient {
    const client = new UserPoolClient(this, id, {
      userPool: this.userPool,
      generateSecret: false,
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [options.callbackUrl],
        logoutUrls: [options.logoutUrl],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      readAttributes: new ClientAttributes().withStandardAttributes({ email: true, emailVerified: true, fullname: true }),
      writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
    });
    if (this.created) {
      // Managed login shows a client only with a branding; Cognito's own look is enough here.
      new CfnManagedLoginBranding(this, `${id}Branding`, {
        userPoolId: this.userPool.userPoolId,
        clientId: client.userPoolClientId,
        useCognitoProvidedValues: true,
      });
    }
    return client;
  }
}
