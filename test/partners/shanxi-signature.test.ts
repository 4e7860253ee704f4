/**
 * The HMAC v2 scheme has one signer, the gateway's (subgraphs/shared/auth/gateway-signature.ts), and
 * a second, independent verifier in the Shanxi partner (partners/shanxi/gateway-signature.ts), which
 * a province copies. This differential test keeps the two in step: whatever the gateway signs the
 * partner accepts once, and any change to what was signed, or a second use, is refused.
 */
import { describe, expect, it } from 'vitest';
import { signGatewayRequest, type SignedRequest } from '../../subgraphs/shared/auth/gateway-signature.js';
import { SignatureReplayCache, SIGNATURE_TOLERANCE_SECONDS, verifyGatewaySignature } from '../../partners/shanxi/gateway-signature.js';
import { KNOWN_ANSWER } from '../../partners/shanxi/test/known-answer.js';

const SECRET = 'c0ffee'.repeat(10);
const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);
const body = JSON.stringify({ query: '{ shanxiLaborCompanies(first: 1) { edges { node { id } } } }', variables: { a: '中文 ünïcode' } });

const requests: Record<string, SignedRequest> = {
  'a POST with a body': { method: 'POST', url: '/graphql', body },
  'a POST to an absolute URL with a path prefix': { method: 'POST', url: 'https://graphql.rst.shanxi.example.cn/labor-cooperation/graphql', body },
  'a GET with its query in the query string': { method: 'GET', url: '/graphql?query=%7B__typename%7D&extensions=%7B%7D', body: '' },
  'a request without a body': { method: 'get', url: '/readiness', body: '' },
};

/** The partner sees what its server sees: the path and query string of the request line. */
const asReceived = (request: SignedRequest) => {
  const url = new URL(request.url, 'http://partner.invalid');
  return { method: request.method.toUpperCase(), url: `${url.pathname}${url.search}`, body: request.body };
};

describe("the Shanxi partner's verifier against the gateway's signer", () => {
  for (const [what, request] of Object.entries(requests)) {
    it(`accepts ${what} signed by the gateway, once`, () => {
      const replays = new SignatureReplayCache();
      const header = signGatewayRequest(SECRET, request, NOW);
      expect(verifyGatewaySignature(header, asReceived(request), SECRET, replays, NOW)).toEqual({ ok: true });
      expect(verifyGatewaySignature(header, asReceived(request), SECRET, replays, NOW + 1000)).toMatchObject({
        ok: false,
        reason: expect.stringContaining('used before'),
      });
    });
  }

  it('refuses each part of a signed request changed: method, path, query string, body, and the signature made with another secret', () => {
    const request = { method: 'POST', url: '/graphql?x=1', body };
    const header = signGatewayRequest(SECRET, request, NOW);
    const tampered: Record<string, [SignedRequest, string]> = {
      method: [{ ...request, method: 'PUT' }, SECRET],
      path: [{ ...request, url: '/graphql2?x=1' }, SECRET],
      'query string': [{ ...request, url: '/graphql?x=2' }, SECRET],
      'query string dropped': [{ ...request, url: '/graphql' }, SECRET],
      body: [{ ...request, body: body.replace('first: 1', 'first: 100') }, SECRET],
      'body emptied': [{ ...request, body: '' }, SECRET],
      secret: [request, `${SECRET}0`],
    };
    const results = Object.fromEntries(
      Object.entries(tampered).map(([what, [changed, secret]]) => [what, verifyGatewaySignature(header, changed, secret, new SignatureReplayCache(), NOW)]),
    );
    const refused = { ok: false, reason: expect.stringContaining('does not match') };
    expect(results).toEqual(Object.fromEntries(Object.keys(tampered).map((what) => [what, refused])));
  });

  it('refuses a signature edited in the header, a malformed one and none at all', () => {
    const request = { method: 'POST', url: '/graphql', body };
    const header = signGatewayRequest(SECRET, request, NOW);
    const [t, n, v2] = header.split(',') as [string, string, string];
    const flip = (hex: string) => hex.slice(0, -1) + (hex.endsWith('0') ? '1' : '0');
    const check = (value: string | undefined) => verifyGatewaySignature(value, request, SECRET, new SignatureReplayCache(), NOW).ok;
    expect({
      nonce: check([t, flip(n), v2].join(',')),
      timestamp: check([`t=${NOW / 1000 - 1}`, n, v2].join(',')),
      mac: check([t, n, flip(v2)].join(',')),
      malformed: check('v1=abc'),
      missing: check(undefined),
      intact: check(header),
    }).toEqual({ nonce: false, timestamp: false, mac: false, malformed: false, missing: false, intact: true });
  });

  it('refuses a signature older or newer than the tolerance, and accepts one at its edge', () => {
    const request = { method: 'POST', url: '/graphql', body };
    const at = (offsetSeconds: number) =>
      verifyGatewaySignature(signGatewayRequest(SECRET, request, NOW - offsetSeconds * 1000), request, SECRET, new SignatureReplayCache(), NOW).ok;
    expect([
      at(SIGNATURE_TOLERANCE_SECONDS),
      at(SIGNATURE_TOLERANCE_SECONDS + 1),
      at(-SIGNATURE_TOLERANCE_SECONDS),
      at(-SIGNATURE_TOLERANCE_SECONDS - 1),
    ]).toEqual([true, false, true, false]);
  });

  it("agrees with the known answer the partner's own tests use, so a province's copy checks the same scheme", () => {
    const { secret, request, now, nonce, header } = KNOWN_ANSWER;
    expect(signGatewayRequest(secret, request, now, nonce)).toBe(header);
  });
});
