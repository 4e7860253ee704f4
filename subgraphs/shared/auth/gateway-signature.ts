/**
 * How a partner province knows a request comes from our gateway: every request to a partner
 * subgraph carries `x-gateway-signature: t=<unix seconds>,n=<nonce>,v2=<hex HMAC-SHA256>` made with
 * the secret the province and we share, over
 *
 *     v2 \n <t> \n <nonce> \n <METHOD> \n <path> \n <query string> \n <body>
 *
 * so nothing of the request can be edited: not the body, not the method, not the path or the query
 * string (a GET query travels in it). The timestamp bounds a signature's life to a few minutes and
 * the nonce makes each one single-use within them: the partner remembers the nonces it accepted
 * until their signatures are too old anyway (SignatureReplayCache), and refuses one seen before.
 *
 * Partners verify with `verifyGatewaySignature` (this file needs nothing but node:crypto: copy it
 * into any Node service; PARTNERS.md shows the same check in a few lines for other languages).
 *
 * Why HMAC and not the ES256 tokens core subgraphs verify: those carry no body, so a captured
 * token could be replayed with another query for its 60 seconds; a per-partner secret also means
 * one leaked secret exposes one partner, and a partner cannot sign requests to anyone else.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const GATEWAY_SIGNATURE_HEADER = 'x-gateway-signature';

/** How old a signature may be: clocks drift, and a slow gateway-to-partner hop takes seconds. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** What a signature covers. `url` is the URL the request goes to (absolute, or path and query as a server sees it). */
export interface SignedRequest {
  readonly method: string;
  readonly url: string;
  /** The body exactly as sent, as text; '' only for a request without one. */
  readonly body: string;
}

function canonical(timestamp: number, nonce: string, request: SignedRequest): string {
  const url = new URL(request.url, 'http://partner.invalid');
  return ['v2', String(timestamp), nonce, request.method.toUpperCase(), url.pathname, url.search.replace(/^\?/, ''), request.body].join('\n');
}

const hmac = (secret: string, timestamp: number, nonce: string, request: SignedRequest) =>
  createHmac('sha256', secret)
    .update(canonical(timestamp, nonce, request))
    .digest('hex');

/** The header value the gateway sends with `request`; a fresh nonce each time. */
export function signGatewayRequest(secret: string, request: SignedRequest, now = Date.now(), nonce = randomBytes(16).toString('hex')): string {
  if (typeof request.body !== 'string') throw new TypeError('A gateway signature covers the body as text; this request has none to sign.');
  const timestamp = Math.floor(now / 1000);
  return `t=${timestamp},n=${nonce},v2=${hmac(secret, timestamp, nonce, request)}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * The nonces of the signatures accepted in the last SIGNATURE_TOLERANCE_SECONDS (and as far
 * ahead, for clocks that run fast). One per process: a partner running several instances shares
 * one store instead (e.g. Redis `SET nonce 1 NX EX 600`), or a replay sent to another instance passes.
 */
export class SignatureReplayCache {
  /** Nonce → when it may be forgotten (ms); in insertion order, which is nearly expiry order. */
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 1_000_000) {}

  /**
   * Records `nonce` of a signature made at `timestamp` (seconds). `replay` when it was recorded
   * before; `full` when the cache holds only live entries (nothing can be checked then: fail closed).
   */
  record(nonce: string, timestamp: number, now = Date.now()): 'first' | 'replay' | 'full' {
    this.prune(now);
    if (this.seen.has(nonce)) return 'replay';
    if (this.seen.size >= this.maxEntries) return 'full';
    this.seen.set(nonce, (timestamp + SIGNATURE_TOLERANCE_SECONDS + 1) * 1000);
    return 'first';
  }

  private prune(now: number): void {
    for (const [nonce, forgetAt] of this.seen) {
      if (forgetAt > now) break;
      this.seen.delete(nonce);
    }
  }
}

const SIGNATURE_FORMAT = `${GATEWAY_SIGNATURE_HEADER} must read t=<unix seconds>,n=<nonce, 16 to 64 hex digits>,v2=<64 hex digits>.`;

/**
 * Whether `header` signs exactly `request` (the method, path, query string and raw body received)
 * with `secret`, recently enough, for the first time. `replays` remembers the nonces accepted.
 */
export function verifyGatewaySignature(
  header: string | null | undefined,
  request: SignedRequest,
  secret: string,
  replays: SignatureReplayCache,
  now = Date.now(),
): SignatureCheck {
  if (!header) return { ok: false, reason: `the request has no ${GATEWAY_SIGNATURE_HEADER} header: only the gateway may call this service.` };
  if (typeof request.body !== 'string') return { ok: false, reason: 'the request body could not be read as text to check its signature.' };
  const parts = Object.fromEntries(header.split(',').map((part) => part.trim().split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  const nonce = parts.n ?? '';
  if (!/^\d{1,12}$/.test(parts.t ?? '') || !/^[0-9a-f]{16,64}$/.test(nonce) || !/^[0-9a-f]{64}$/.test(parts.v2 ?? ''))
    return { ok: false, reason: SIGNATURE_FORMAT };
  const age = Math.floor(now / 1000) - timestamp;
  if (Math.abs(age) > SIGNATURE_TOLERANCE_SECONDS) {
    return {
      ok: false,
      reason: `the signature is ${age} s old; more than ${SIGNATURE_TOLERANCE_SECONDS} s apart from this clock is refused (a replay, or a clock to fix).`,
    };
  }
  const expected = Buffer.from(hmac(secret, timestamp, nonce, request), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(parts.v2!, 'hex'))) {
    return {
      ok: false,
      reason: 'the signature does not match the request: it was made with another secret, or the method, path, query string or body was changed.',
    };
  }
  // Only a valid signature is remembered: nobody without the secret can fill the cache or burn a nonce.
  const use = replays.record(nonce, timestamp, now);
  if (use === 'replay') return { ok: false, reason: 'this signature was used before: the gateway signs every request it sends once (a replay).' };
  if (use === 'full') return { ok: false, reason: 'too many signed requests within the signature window to check this one for a replay; retry shortly.' };
  return { ok: true };
}
