/**
 * Key pairs for running the system on this machine: the gateway's (it signs tokens to subgraphs)
 * and a development identity provider's (`npm run token` signs client tokens the local gateway
 * accepts). In AWS neither exists: the gateway key comes from Secrets Manager and client tokens
 * from the user pool's JWKS.
 */
import { exportPKCS8, exportSPKI, generateKeyPair, importPKCS8, SignJWT } from 'jose';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../subgraphs/shared/auth/caller.js';

export const DEV_ISSUER = 'labor-cooperation-dev';
export const DEV_AUDIENCE = 'labor-cooperation-api';
export const DEV_KEYS_DIR = '.data/keys';

export interface DevKeys {
  readonly gatewayPrivateKey: string;
  readonly gatewayPublicKey: string;
  readonly issuerPrivateKey: string;
  readonly issuerPublicKey: string;
}

async function pemPair() {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return { privateKey: await exportPKCS8(privateKey), publicKey: await exportSPKI(publicKey) };
}

export async function generateDevKeys(): Promise<DevKeys> {
  const [gateway, issuer] = await Promise.all([pemPair(), pemPair()]);
  return { gatewayPrivateKey: gateway.privateKey, gatewayPublicKey: gateway.publicKey, issuerPrivateKey: issuer.privateKey, issuerPublicKey: issuer.publicKey };
}

/** The keys kept in `.data/keys/` (git-ignored), created on first use. */
export async function loadOrCreateDevKeys(dir = DEV_KEYS_DIR): Promise<DevKeys> {
  const file = join(dir, 'dev-keys.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DevKeys;
  const keys = await generateDevKeys();
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(keys, null, 2), { mode: 0o600 });
  return keys;
}

export interface DevTokenClaims {
  readonly roles: readonly Role[];
  readonly provinces?: readonly string[];
  readonly employerId?: string;
  readonly subject?: string;
  readonly expiresIn?: string;
}

/** A client token as the identity provider would issue it. */
export async function signDevToken(issuerPrivateKey: string, claims: DevTokenClaims): Promise<string> {
  const key = await importPKCS8(issuerPrivateKey, 'ES256');
  return new SignJWT({
    roles: claims.roles,
    ...(claims.provinces?.length ? { provinces: claims.provinces } : {}),
    ...(claims.employerId ? { employerId: claims.employerId } : {}),
  })
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(DEV_ISSUER)
    .setAudience(DEV_AUDIENCE)
    .setSubject(claims.subject ?? `dev-${claims.roles.join('-') || 'user'}`)
    .setIssuedAt()
    .setExpirationTime(claims.expiresIn ?? '12h')
    .sign(key);
}
