/**
 * A request signed by the gateway, with everything that went into the signature: what this
 * service's verifier must accept. Computed with the gateway's signer, and equal to
 *
 *   printf 'v2\n1796299200\n0123456789abcdef0123456789abcdef\nPOST\n/graphql\ntrace=0\n{"query":"{ __typename }"}' \
 *     | openssl dgst -sha256 -hmac shanxi-known-answer-secret
 *
 * The core's test/partners/shanxi-signature.test.ts checks the gateway still signs it so.
 */
export const KNOWN_ANSWER = {
  secret: 'shanxi-known-answer-secret',
  request: { method: 'POST', url: '/graphql?trace=0', body: '{"query":"{ __typename }"}' },
  /** 2026-12-03T12:00:00Z, in ms. */
  now: 1_796_299_200_000,
  nonce: '0123456789abcdef0123456789abcdef',
  header: 't=1796299200,n=0123456789abcdef0123456789abcdef,v2=547a1668b4ca5948aa3151c032e63a7b3a5290d971333f1be3e549dcdf737ff9',
} as const;
