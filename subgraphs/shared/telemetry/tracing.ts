/**
 * OpenTelemetry tracing, for following one request from the gateway through each subgraph to
 * DynamoDB (a soak failure, a slow query). Off unless OTEL_TRACES_EXPORTER names an exporter
 * (`console` writes every finished span to stdout); off, nothing here runs on a request's path:
 * the callers check `tracingEnabled()` once and add no plugin, wrapper or middleware.
 *
 * Every span of a request carries its request id (`labor.request_id`), the id its log lines and
 * audit items carry, so a trace, the logs and the tables can be joined.
 */
import { context, createContextKey, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Context, type Span } from '@opentelemetry/api';
// Types only: the SDK is imported when tracing is set up, so a cold start without tracing loads
// only the small API package (the Lambda bundles split the SDK into a chunk of its own).
import type { BasicTracerProvider, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context as LambdaContext } from 'aws-lambda';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/** The attribute every span of a request carries: the request id of its logs and audit items. */
export const REQUEST_ID_ATTRIBUTE = 'labor.request_id';
const REQUEST_ID_KEY = createContextKey('labor.request_id');

const EXPORTERS: Readonly<Record<string, () => Promise<SpanExporter>>> = {
  console: async () => new (await import('@opentelemetry/sdk-trace-base')).ConsoleSpanExporter(),
};

/** True when OTEL_TRACES_EXPORTER asks for spans (`none`, the OpenTelemetry default, and unset mean no). */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const exporter = env.OTEL_TRACES_EXPORTER?.trim();
  if (!exporter || exporter === 'none') return false;
  if (!EXPORTERS[exporter])
    throw new Error(`OTEL_TRACES_EXPORTER=${exporter} is not an exporter this service has: use ${Object.keys(EXPORTERS).join(', ')}, or none.`);
  return true;
}

let registered: Promise<BasicTracerProvider> | undefined;

/**
 * Registers the tracer provider, the async context manager and the W3C trace-context propagator
 * once per process, for `serviceName`. Later calls (another subgraph in the same process) reuse it.
 */
export function setUpTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env, exporter?: SpanExporter): Promise<BasicTracerProvider> {
  registered ??= (async () => {
    const [{ BasicTracerProvider, SimpleSpanProcessor }, { AsyncLocalStorageContextManager }, { W3CTraceContextPropagator }] = await Promise.all([
      import('@opentelemetry/sdk-trace-base'),
      import('@opentelemetry/context-async-hooks'),
      import('@opentelemetry/core'),
    ]);
    const chosen = exporter ?? (await (EXPORTERS[env.OTEL_TRACES_EXPORTER?.trim() ?? 'console'] ?? EXPORTERS.console!)());
    // Each span as it ends: a Lambda may freeze right after answering, before a batch would go out.
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(chosen)] });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    trace.setGlobalTracerProvider(provider);
    trace.getTracer(serviceName);
    return provider;
  })();
  return registered;
}

/** The request id the active span's request carries, if any. */
export const activeRequestId = (active: Context = context.active()) => active.getValue(REQUEST_ID_KEY) as string | undefined;

type HttpApiHandler = (event: APIGatewayProxyEventV2, context: LambdaContext) => Promise<APIGatewayProxyResultV2>;

/**
 * Wraps a subgraph's Lambda handler in a server span, a child of the gateway's span when the
 * request carries a `traceparent` header, with the request id in the context for the spans below.
 */
export function tracedHandler(subgraph: string, handler: HttpApiHandler, requestIdOf: (event: APIGatewayProxyEventV2) => string): HttpApiHandler {
  const tracer = trace.getTracer(`${subgraph}-subgraph`);
  return async (event, lambdaContext) => {
    const requestId = requestIdOf(event);
    const parent = propagation.extract(ROOT_CONTEXT, event.headers ?? {}).setValue(REQUEST_ID_KEY, requestId);
    return tracer.startActiveSpan(
      `${subgraph} subgraph`,
      { kind: SpanKind.SERVER, attributes: { [REQUEST_ID_ATTRIBUTE]: requestId, 'faas.invocation_id': lambdaContext.awsRequestId } },
      parent,
      async (span: Span) => {
        try {
          const result = await handler(event, lambdaContext);
          const status = typeof result === 'object' ? result.statusCode : undefined;
          if (status !== undefined) span.setAttribute('http.response.status_code', status);
          return result;
        } catch (error) {
          span.recordException(error as Error);
          span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  };
}

/**
 * A client span per DynamoDB call (every attempt's time, retries included), named for the
 * operation, with the table and the request id: the AWS SDK instrumentation for our one client
 * module. Added as SDK middleware rather than by patching modules, which bundled Lambda code defeats.
 */
export function traceDynamoDb(client: DynamoDBClient): void {
  const tracer = trace.getTracer('dynamodb');
  client.middlewareStack.add(
    (next, handlerContext) => async (args) => {
      const operation = String(handlerContext.commandName ?? 'Command').replace(/Command$/, '');
      const input = args.input as { TableName?: string; TransactItems?: Record<string, { TableName?: string }>[]; RequestItems?: Record<string, unknown> };
      const tables = input.TableName
        ? [input.TableName]
        : input.RequestItems
          ? Object.keys(input.RequestItems)
          : [...new Set((input.TransactItems ?? []).flatMap((item) => Object.values(item).map((write) => write.TableName ?? '')))].filter(Boolean);
      return tracer.startActiveSpan(
        `DynamoDB.${operation}`,
        {
          kind: SpanKind.CLIENT,
          attributes: {
            'rpc.system': 'aws-api',
            'rpc.service': 'DynamoDB',
            'rpc.method': operation,
            ...(tables.length > 0 ? { 'aws.dynamodb.table_names': tables } : {}),
            ...(input.TransactItems ? { 'labor.dynamodb.transact_items': input.TransactItems.length } : {}),
            ...(activeRequestId() ? { [REQUEST_ID_ATTRIBUTE]: activeRequestId()! } : {}),
          },
        },
        async (span: Span) => {
          try {
            const output = await next(args);
            const metadata = (output.output as { $metadata?: { attempts?: number; requestId?: string } }).$metadata;
            if (metadata?.attempts !== undefined) span.setAttribute('aws.attempts', metadata.attempts);
            if (metadata?.requestId) span.setAttribute('aws.request_id', metadata.requestId);
            return output;
          } catch (error) {
            span.recordException(error as Error);
            span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).name });
            throw error;
          } finally {
            span.end();
          }
        },
      );
    },
    { step: 'initialize', name: 'laborTracing' },
  );
}
