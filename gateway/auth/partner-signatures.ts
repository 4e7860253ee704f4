/**
 * Signs every request to a partner subgraph with that partner's secret (HMAC-SHA256 over a
 * timestamp, a nonce, the method, path, query string and body, ../subgraphs/shared/gateway-signature.ts),
 * so the province can verify it comes from us, unchanged, once. Runs after every plugin that may touch the request: the body it signs is the
 * body sent.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GATEWAY_SIGNATURE_HEADER, signGatewayRequest } from '../../subgraphs/shared/auth/gateway-signature.js';
import type { GatewaySecrets } from './gateway-secrets.js';
import { subgraphEndpoints } from '../serving/readiness.js';

export interface PartnerSignatureOptions {
  /** The supergraph in use now (it changes when a new one is published), for its subgraph URLs. */
  readonly currentSupergraph: () => string;
  /**
   * The shared secret of each partner subgraph, asked at every request (it may have been rotated).
   * A partner without one gets unsigned requests, which it refuses.
   */
  readonly secrets: Pick<GatewaySecrets, 'partners' | 'partnerSecret' | 'partnerRefused'>;
}

export function usePartnerSignatures(options: PartnerSignatureOptions): GatewayPlugin {
  let seen = '';
  let partnerByUrl = new Map<string, string>();
  const partnerOf = (url: string) => {
    const supergraph = options.currentSupergraph();
    if (supergraph !== seen) {
      seen = supergraph;
      partnerByUrl = new Map(
        subgraphEndpoints(supergraph)
          .filter((e) => options.secrets.partners.includes(e.name))
          .map((e) => [e.url, e.name]),
      );
    }
    return partnerByUrl.get(url);
  };
  return {
    async onFetch({ url, options: init, setOptions }) {
      const partner = partnerOf(url);
      if (!partner) return;
      const secret = await options.secrets.partnerSecret(partner);
      if (!secret) return;
      const method = init.method ?? 'GET';
      // Fail closed: a body that is not text (a stream, bytes) is never signed as if it were empty.
      if (init.body != null && typeof init.body !== 'string') {
        throw new Error(`The request to the partner subgraph ${partner} has a body that is not text; it cannot be signed, so it is not sent.`);
      }
      const headers = new Headers(init.headers as HeadersInit | undefined);
      headers.set(GATEWAY_SIGNATURE_HEADER, signGatewayRequest(secret, { method, url, body: init.body ?? '' }));
      setOptions({ ...init, headers: Object.fromEntries(headers) });
      // A refusal of our signature: the partner may have rotated the secret before our copy lapsed.
      return ({ response }) => {
        if (response.status === 401) options.secrets.partnerRefused(partner);
      };
    },
  };
}
