/**
 * OpenTelemetry through the whole local system: with OTEL_TRACES_EXPORTER set, one request makes
 * one trace, from the gateway's spans through the subgraph's handler span to a span per DynamoDB
 * call, each carrying the request id. The spans are collected in memory here instead of printed.
 */
import type { InMemorySpanExporter, ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { makeResidentId } from '../../subgraphs/people/resident-id.js';
import { REQUEST_ID_ATTRIBUTE } from '../../subgraphs/shared/telemetry/tracing.js';
import { useLocalSystem } from '../support/local-system.js';
import type { Execute } from '../support/graphql.js';

// Before any module reads it: tracing is decided once, at start-up.
const exporter: InMemorySpanExporter = await vi.hoisted(async () => {
  process.env.OTEL_TRACES_EXPORTER = 'console';
  const { InMemorySpanExporter } = await import('@opentelemetry/sdk-trace-base');
  const { setUpTracing } = await import('../../subgraphs/shared/telemetry/tracing.js');
  const memory = new InMemorySpanExporter();
  await setUpTracing('tracing-test', process.env, memory);
  return memory;
});

let caseworker: Execute;

beforeAll(async () => {
  const system = await useLocalSystem({ loadDemoData: false });
  caseworker = system.executeAs({ roles: ['caseworker'], provinces: ['510000'], subject: 'tracing-caseworker' });
});

const spansOf = (traceId: string) => exporter.getFinishedSpans().filter((s: ReadableSpan) => s.spanContext().traceId === traceId);

describe('tracing (OTEL_TRACES_EXPORTER set)', () => {
  it('follows a mutation from the gateway through the people subgraph to DynamoDB in one trace, every span with the request id', async () => {
    // Act
    const requestId = 'trace-test-register-1';
    const response = await caseworker(
      'mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }',
      {
        input: {
          name: '吉克曲布',
          idNumber: makeResidentId('513431', '1994-02-03', 31),
          phone: '13981230000',
          hometownCountyCode: '513431',
        },
      },
      { 'x-request-id': requestId },
    );
    expect(response.errors).toBeUndefined();

    // Assess: the subgraph's span is in the trace the gateway started, its DynamoDB calls below it.
    await vi.waitFor(() => expect(exporter.getFinishedSpans().some((s) => s.name === 'people subgraph')).toBe(true));
    const subgraphSpan = exporter.getFinishedSpans().find((s) => s.name === 'people subgraph' && s.attributes[REQUEST_ID_ATTRIBUTE] === requestId)!;
    expect(subgraphSpan).toBeDefined();
    const traceSpans = spansOf(subgraphSpan.spanContext().traceId);
    const gatewaySpans = traceSpans.filter((s) => s.instrumentationScope.name === 'gateway');
    expect(gatewaySpans.length).toBeGreaterThan(0);
    const parentIds = new Set(gatewaySpans.map((s) => s.spanContext().spanId));
    expect(parentIds.has(subgraphSpan.parentSpanContext?.spanId ?? '')).toBe(true);
    expect(gatewaySpans.some((s) => s.attributes[REQUEST_ID_ATTRIBUTE] === requestId)).toBe(true);

    const dynamoSpans = traceSpans.filter((s) => s.name.startsWith('DynamoDB.'));
    expect(dynamoSpans.map((s) => s.name)).toEqual(expect.arrayContaining(['DynamoDB.GetItem', 'DynamoDB.TransactWriteItems']));
    for (const span of dynamoSpans) {
      expect(span.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
      expect(span.attributes['aws.dynamodb.table_names']).toEqual([expect.stringMatching(/people$/)]);
    }
  });
});
