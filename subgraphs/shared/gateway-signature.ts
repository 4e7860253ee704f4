/**
 * How a partner province knows a request comes from our gateway: every request to a partner
 * subgraph carries `x-gateway-signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`
 * made with the secret the province and we share. The timestamp bounds replays to a few minutes
 * and the body is signed whole, so neither can be edited.
 *
 * Partners verify with `verifyGatewaySignature` (this file needs nothing but node:crypto: copy it
 * into any Node service; PARTNERS.md shows the same check in a few lines for other languages).
 *
 * Why HMAC and not the ES256 tokens core subgraphs verify: those carry no body, so a captured
 * token could be replayed with another query for its 60 seconds; a per-partner secret also means
 * one leaked secret exposes one partner, and a partner cannot sign requests to anyone else.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** How old a signature may be: clocks drift, and a slow gateway-to-partner hop takes seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

const hmac = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The header value the gateway sends with `body`. */
export function signGatewayRequest(secret: string, body: string, now = Date.now()): string {
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether `header` signs exactly `body` (the raw bytes received, as text) with `secret`, recently enough. */
export function verifyGatewaySignature(header: string | null | undefined, body: string, secret: string, now = Date.now()): SignatureCheck {
  if (!header) return { ok: false, reason: `the request has no ${GATEWAY_SIGNATURE_HEADER} header: only the gateway may call this service.` };
  const parts = Object.fromEntries(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !/^[0-9a-f]{64}$/.test(parts.v1 ?? '')) {
    return { ok: false, reason: `${GATEWAY_SIGNATURE_HEADER} must read t=<unix seconds>,v1=<64 hex digits>.` };
  }
  const age = Math.floor(now / 1000) - timestamp;
  if (Math.abs(age) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: `the signature is ${age} s old; more than ${SIGNATURE_TOLERANCE_SECONDS} s apart from this clock is refused (a replay, or a clock to fix).` };
  }
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(parts.v1!, 'hex'))) {
    return { ok: false, reason: 'the signature does not match the body: it was made with another secret or the body was changed.' };
  }
  return { ok: true };
}
