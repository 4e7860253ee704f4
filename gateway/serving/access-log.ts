import { Logger } from '@aws-lambda-powertools/logger';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * One structured JSON line per request, with the request id the runtime assigned (the client's
 * `x-request-id`, or a new one) and passed on to every subgraph, so one id finds a request's lines
 * in the gateway's and every subgraph's logs.
 */
export function useAccessLog(logger = new Logger({ serviceName: 'gateway' })): GatewayPlugin {
  const started = new WeakMap<Request, number>();
  return {
    onRequest({ request }) {
      started.set(request, Date.now());
    },
    onResponse({ request, response }) {
      const url = new URL(request.url);
      logger.info('request', {
        requestId: response.headers.get('x-request-id'),
        method: request.method,
        path: url.pathname,
        status: response.status,
        durationMs: Date.now() - (started.get(request) ?? Date.now()),
      });
    },
  };
}
