/**
 * Verifies that a request comes from the labor cooperation gateway: every request carries
 * `x-gateway-signature: t=<unix seconds>,n=<nonce>,v2=<hex>`, where v2 is HMAC-SHA256, with the
 * secret the gateway and Shanxi share, of these seven lines joined by `\n`:
 *
 *     v2, <t>, <n>, <METHOD>, <path>, <query string without ?>, <raw body>
 *
 * (the scheme PARTNERS.md documents). Refused: a missing or malformed header, a signature that does
 * not match, one more than 300 s from this clock, and a nonce accepted before. Only node:crypto.
 *
 * BEWARE: the gateway's signer (in the core repository) is the one definition of this wire format;
 * this is its verifier. The core's test/partners/shanxi-signature.test.ts signs with the gateway's
 * signer and checks this file accepts it and refuses it tampered or replayed, so the two cannot drift.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** How far a signature's time may be from this clock: clocks drift, and the hop takes seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** The request as received: the method, the path and query string of the request line, the raw body as text ('' without one). */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly body: string;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The nonces of the signatures accepted within the tolerance window (either side of the clock).
 * One per process: several instances of the service must share one store instead (e.g. Redis
 * `SET <n> 1 NX EX 600`), or a replay sent to another instance passes.
 */
export class SignatureReplayCache {
  /** Nonce → when it may be forgotten (ms), in insertion order (nearly expiry order). */
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 1_000_000) {}

  /** `replay` when `nonce` was recorded before; `full` when only live entries fill the cache (fail closed). */
  record(nonce: string, timestamp: number, now = Date.now()): 'first' | 'replay' | 'full' {
    for (const [seenNonce, forgetAt] of this.seen) {
      if (forgetAt > now) break;
      this.seen.delete(seenNonce);
    }
    if (this.seen.has(nonce)) return 'replay';
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(nonce, (timestamp + SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    return 'first';
  }
}

function signedLines(timestamp: string, nonce: string, request: ReceivedRequest): string {
  const url = new URL(request.url, 'http://partner.invalid');
  return ['v2', timestamp, nonce, request.method.toUpperCase(), url.pathname, url.search.replace(/^\?/, ''), request.body].join('\n');
}

const FORMAT = `${GATEWAY_SIGNATURE_HEADER} must read t=<unix seconds>,n=<nonce, 16 to 64 hex digits>,v2=<64 hex digits>.`;

/** Whether `header` signs exactly `request` with `secret`, recently enough, for the first time. */
export function verifyGatewaySignature(
  header: string | null | undefined,
  request: ReceivedRequest,
  secret: string,
  replays: SignatureReplayCache,
  now = Date.now(),
): SignatureCheck {
  if (!header) return { ok: false, reason: `the request has no ${GATEWAY_SIGNATURE_HEADER} header: only the gateway may call this service.` };
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
  const t = parts.get('t') ?? '';
  const n = parts.get('n') ?? '';
  const v2 = parts.get('v2') ?? '';
  if (!/^\d{1,12}$/.test(t) || !/^[0-9a-f]{16,64}$/.test(n) || !/^[0-9a-f]{64}$/.test(v2)) return { ok: false, reason: FORMAT };
  const age = Math.floor(now / 1000) - Number(t);
  if (Math.abs(age) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      ok: false,
      reason: `the signature is ${age} s old; more than ${SIGNATURE_TOLERANCE_SECONDS} s apart from this clock is refused (a replay, or a clock to fix).`,
    };
  }
  const expected = createHmac('sha256', secret)
    .update(signedLines(t, n, request))
    .digest();
  if (!timingSafeEqual(expected, Buffer.from(v2, 'hex'))) {
    return {
      ok: false,
      reason: 'the signature does not match the request: it was made with another secret, or the method, path, query string or body was changed.',
    };
  }
  // Only a matching signature is remembered: without the secret nobody can fill the cache or burn a nonce.
  const use = replays.record(n, Number(t), now);
  if (use === 'replay') return { ok: false, reason: 'this signature was used before: the gateway signs every request it sends once (a replay).' };
  if (use === 'full') return { ok: false, reason: 'too many signed requests within the signature window to check this one for a replay; retry shortly.' };
  return { ok: true };
}
