/**
 * Calls in-account subgraphs by Lambda invoke instead of HTTP: no public subgraph endpoints. A
 * subgraph whose supergraph URL is `lambda://<function name or ARN>/graphql` gets an API Gateway
 * v2 event, exactly what its handler receives behind an HTTP API, so the handler is unchanged.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2 } from 'aws-lambda';
import { eventFromRequest, responseFromResult } from './http-api-event.js';

export const LAMBDA_SCHEME = 'lambda:';

/** Runs a subgraph function with an HTTP API event and returns what it returned. */
export type LambdaInvoker = (functionName: string, event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyResultV2>;

/** The invoker for AWS: one client per process, reused by every request. */
export function awsLambdaInvoker(client = new LambdaClient({})): LambdaInvoker {
  return async (functionName, event) => {
    const result = await client.send(new InvokeCommand({ FunctionName: functionName, Payload: new TextEncoder().encode(JSON.stringify(event)) }));
    const payload = result.Payload ? new TextDecoder().decode(result.Payload) : '';
    if (result.FunctionError) {
      // The payload names the error and may carry a stack: it stays in the gateway's log.
      throw new Error(`Lambda function failed (${result.FunctionError}): ${payload.slice(0, 500)}`);
    }
    return JSON.parse(payload) as APIGatewayProxyResultV2;
  };
}

export function functionNameOf(url: URL): string {
  return decodeURIComponent(url.hostname || url.pathname.replace(/^\/+/, '').split('/')[0]!);
}

/** A fetch that invokes the function a `lambda://` URL names. */
export function lambdaFetch(invoke: LambdaInvoker) {
  return async (input: string | URL, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(String(input));
    const signal = init.signal ?? undefined;
    signal?.throwIfAborted();
    // The event is built as for an HTTPS request to the same path: what API Gateway would send.
    const request = new Request(`https://${url.host}${url.pathname}${url.search}`, { ...init, signal: undefined });
    const invocation = eventFromRequest(request)
      .then((event) => invoke(functionNameOf(url), event))
      .then(responseFromResult);
    if (!signal) return invocation;
    // An invoke cannot be called back; the gateway stops waiting for it when its timeout fires.
    return Promise.race([invocation, new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }))]);
  };
}
