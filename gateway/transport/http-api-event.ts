/**
 * API Gateway HTTP API (payload format 2.0) events and results, to and from Fetch API requests and
 * responses. One translation serves the gateway's Lambda handler, its Lambda-invoke transport and
 * the local runner that serves Lambda handlers over HTTP, so all three agree with each other.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { randomUUID } from 'node:crypto';

const TEXT_TYPES = /json|text|graphql|x-www-form-urlencoded|javascript|xml|svg/;

export async function eventFromRequest(request: Request, options: { sourceIp?: string } = {}): Promise<APIGatewayProxyEventV2> {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'cookie') headers[name.toLowerCase()] = value;
  });
  const bytes = Buffer.from(await request.arrayBuffer());
  const isText = bytes.length === 0 || TEXT_TYPES.test(headers['content-type'] ?? '');
  const queryStringParameters: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    queryStringParameters[name] = name in queryStringParameters ? `${queryStringParameters[name]},${value}` : value;
  }
  const cookie = request.headers.get('cookie');
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookie ? { cookies: cookie.split(/;\s*/) } : {}),
    headers,
    ...(url.search ? { queryStringParameters } : {}),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: url.hostname.split('.')[0] ?? url.hostname,
      http: {
        method: request.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: options.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(bytes.length > 0 ? { body: isText ? bytes.toString('utf8') : bytes.toString('base64') } : {}),
    isBase64Encoded: !isText,
  };
}

/** The request an HTTP API event stands for. */
export function requestFromEvent(event: APIGatewayProxyEventV2): Request {
  const host = event.headers.host ?? event.requestContext.domainName;
  const url = `https://${host}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
  const headers = new Headers();
  for (const [name, value] of Object.entries(event.headers)) if (value !== undefined) headers.set(name, value);
  if (event.cookies?.length) headers.set('cookie', event.cookies.join('; '));
  const method = event.requestContext.http.method;
  const body =
    event.body === undefined || method === 'GET' || method === 'HEAD' ? undefined : event.isBase64Encoded ? Buffer.from(event.body, 'base64') : event.body;
  // The length of the body the event holds, not whatever header the client sent (or left out, for
  // a chunked upload): the gateway's size limit reads it.
  headers.delete('transfer-encoding');
  if (body === undefined) headers.delete('content-length');
  else headers.set('content-length', String(Buffer.byteLength(body)));
  return new Request(url, { method, headers, body });
}

/** What API Gateway makes of a handler's result: a bare string or object is a 200 JSON response. */
export function structuredResult(result: APIGatewayProxyResultV2): APIGatewayProxyStructuredResultV2 {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) return result;
  return { statusCode: 200, body: typeof result === 'string' ? result : JSON.stringify(result), headers: { 'content-type': 'application/json' } };
}

export function responseFromResult(result: APIGatewayProxyResultV2): Response {
  const structured = structuredResult(result);
  const headers = new Headers();
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers.set(name, String(value));
  for (const cookie of structured.cookies ?? []) headers.append('set-cookie', cookie);
  const body = structured.body === undefined ? null : structured.isBase64Encoded ? Buffer.from(structured.body, 'base64') : structured.body;
  return new Response(body, { status: structured.statusCode ?? 200, headers });
}

export async function resultFromResponse(response: Response): Promise<APIGatewayProxyStructuredResultV2> {
  const headers: Record<string, string> = {};
  // Lower-cased: the engine's Headers keep the case they were set with, API Gateway's do not.
  response.headers.forEach((value, name) => {
    if (name.toLowerCase() !== 'set-cookie') headers[name.toLowerCase()] = value;
  });
  const cookies = response.headers.getSetCookie();
  const bytes = Buffer.from(await response.arrayBuffer());
  const isText = TEXT_TYPES.test(headers['content-type'] ?? '') && !headers['content-encoding'];
  return {
    statusCode: response.status,
    headers,
    ...(cookies.length > 0 ? { cookies } : {}),
    body: isText ? bytes.toString('utf8') : bytes.toString('base64'),
    isBase64Encoded: !isText,
  };
}
