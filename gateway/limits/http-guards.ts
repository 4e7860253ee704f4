/**
 * What the gateway refuses about a request before GraphQL sees it, on both paths (the local HTTP
 * server and the Lambda handler, which both end in the engine's fetch):
 * - a body larger than LIMITS.bodyBytes, counted on the stream when no Content-Length announces it
 *   (a chunked upload): 413, and the rest of the body is never read;
 * - POST bodies a cross-site HTML form can send without a CORS preflight (form-urlencoded,
 *   multipart, text/plain): 415, send application/json;
 * - an `x-request-id` that is not a short token: replaced by a fresh id before it reaches a log
 *   line, a subgraph or an audit item.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { randomUUID } from 'node:crypto';
import { REQUEST_ID_HEADER, requestIdOf } from '../../subgraphs/shared/graphql/request-id.js';
import { LIMITS } from './operation-limits.js';
import { trace } from '@opentelemetry/api';
import { REQUEST_ID_ATTRIBUTE, tracingEnabled } from '../../subgraphs/shared/telemetry/tracing.js';

/** Read once: without tracing, the request path makes no OpenTelemetry call. */
const TRACING = tracingEnabled();

const refusal = (status: number, message: string, code: string, headers: Record<string, string> = {}) =>
  Response.json({ errors: [{ message, extensions: { code } }] }, { status, headers });

/** The same words as the Content-Length check of operation-limits.ts: one refusal, however the size was told. */
export const BODY_TOO_LARGE = 'The request body is too large.';

/**
 * A body with a Content-Length is held to it by the HTTP parser (Node, API Gateway), and one
 * longer than the limit is refused from that header alone (operation-limits.ts). A body without
 * one is read here, at most LIMITS.bodyBytes + 1 bytes of it, and handed on as read.
 */
export function useBodySizeLimit(maxBytes: number = LIMITS.bodyBytes): GatewayPlugin {
  return {
    onRequest({ request, setRequest, endResponse }) {
      if (!request.body || request.headers.has('content-length')) return;
      return readAtMost(request.body, maxBytes).then((bytes) => {
        if (!bytes) {
          // The unread rest is not drained: the connection closes after the answer.
          endResponse(refusal(413, BODY_TOO_LARGE, 'BAD_REQUEST', { connection: 'close' }));
          return;
        }
        const headers = new Headers(request.headers);
        headers.delete('transfer-encoding');
        headers.set('content-length', String(bytes.byteLength));
        setRequest(new Request(request.url, { method: request.method, headers, body: new Uint8Array(bytes), signal: request.signal }));
      });
    },
  };
}

/** The whole stream, or null as soon as it passes `maxBytes` (and then it is cancelled). */
async function readAtMost(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Buffer | null> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The content types of HTML forms, which browsers send cross-site without asking the server first. */
const FORM_CONTENT_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\s*(;|$)/i;

/**
 * GraphQL POSTs are JSON (GraphQL over HTTP). A form post carries the victim's cookies to us
 * without a preflight (CSRF); nothing of ours sends one, so it is refused whatever it holds.
 */
export function useJsonPostsOnly(): GatewayPlugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST') return;
      const type = request.headers.get('content-type') ?? '';
      if (!FORM_CONTENT_TYPES.test(type)) return;
      endResponse(
        refusal(
          415,
          `POST requests must send the operation as JSON: content-type application/json, not ${type.split(';')[0]!.trim().toLowerCase()}.`,
          'UNSUPPORTED_MEDIA_TYPE',
          {
            accept: 'application/json',
          },
        ),
      );
    },
  };
}

/**
 * The request id of each request: the client's `x-request-id` when it is a short token
 * (requestIdOf), else a fresh one. It is put on the request's log lines, sent to every subgraph the
 * request calls and returned in the response. Replaces the runtime's own request-id plugin
 * (`requestId: false` in gateway.ts), which takes the header as it comes.
 */
export function useRequestIds(): GatewayPlugin {
  const idByRequest = new WeakMap<Request, string>();
  return {
    onRequest({ request, serverContext }) {
      const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER)) ?? randomUUID();
      idByRequest.set(request, requestId);
      if (TRACING) trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
      const context = serverContext as { log?: { child(attributes: Record<string, unknown>): unknown } };
      if (context.log) context.log = context.log.child({ requestId }) as typeof context.log;
    },
    onFetch({ context, options, setOptions }) {
      const request = (context as { request?: Request } | undefined)?.request;
      const requestId = request && idByRequest.get(request);
      if (requestId && TRACING) trace.getActiveSpan()?.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
      if (requestId) setOptions({ ...options, headers: { ...(options.headers as Record<string, string> | undefined), [REQUEST_ID_HEADER]: requestId } });
    },
    onResponse({ request, response }) {
      const requestId = idByRequest.get(request);
      if (requestId) response.headers.set(REQUEST_ID_HEADER, requestId);
    },
  };
}
