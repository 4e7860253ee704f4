/**
 * Development sign-in: the local gateway signs a client token for a role and provinces picked in the
 * web app, with the development identity provider's key (scripts/dev-keys.ts), so nobody pastes
 * tokens on this machine. createGateway installs it only outside production and only when it is
 * given that key; in AWS tokens come from the user pool's hosted sign-in and this route is a 404.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { importPKCS8, SignJWT } from 'jose';
import { z } from 'zod';
import { ROLES } from '../../subgraphs/shared/auth/caller.js';

export const DEV_SIGN_IN_PATH = '/dev/sign-in';

export interface DevSignInOptions {
  /** PKCS8 PEM of the development identity provider's key: the key the gateway's JWT check trusts locally. */
  readonly issuerPrivateKey: string;
  readonly issuer: string;
  readonly audience: string;
}

/** admin is left out: the development sign-in is for trying the app as its users would. */
const SIGN_IN_ROLES = ROLES.filter((role) => role !== 'admin');

const request = z.object({
  role: z.enum(SIGN_IN_ROLES as [string, ...string[]]),
  provinces: z
    .array(z.string().regex(/^\d{2}0000$/, 'must be province codes such as 510000'))
    .max(34)
    .default([]),
  employerId: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .optional(),
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });

export function useDevSignIn(options: DevSignInOptions): GatewayPlugin {
  const key = importPKCS8(options.issuerPrivateKey, 'ES256');
  return {
    onRequest({ request: incoming, url, endResponse }) {
      if (url.pathname !== DEV_SIGN_IN_PATH) return;
      if (incoming.method === 'GET') return endResponse(json(200, { roles: SIGN_IN_ROLES }));
      if (incoming.method !== 'POST') return endResponse(json(405, { error: 'GET or POST only' }));
      return (async () => {
        let parsed: ReturnType<typeof request.safeParse>;
        try {
          parsed = request.safeParse(await incoming.json());
        } catch {
          return endResponse(json(400, { error: 'The body must be JSON: {"role": "caseworker", "provinces": ["510000"]}.' }));
        }
        if (!parsed.success) return endResponse(json(400, { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') }));
        const { role, provinces, employerId } = parsed.data;
        const subject = ['dev', role, ...provinces, ...(employerId ? [employerId] : [])].join('-');
        const token = await new SignJWT({ roles: [role], ...(provinces.length ? { provinces } : {}), ...(employerId ? { employerId } : {}) })
          .setProtectedHeader({ alg: 'ES256' })
          .setIssuer(options.issuer)
          .setAudience(options.audience)
          .setSubject(subject)
          .setIssuedAt()
          .setExpirationTime('12h')
          .sign(await key);
        endResponse(json(200, { token }));
      })();
    },
  };
}
