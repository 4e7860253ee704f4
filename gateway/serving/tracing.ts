/**
 * The gateway's OpenTelemetry spans (HTTP request, GraphQL phases, each subgraph fetch, with the
 * trace context passed on to the subgraphs in `traceparent`), from Hive Gateway's own plugin, when
 * OTEL_TRACES_EXPORTER asks for them (subgraphs/shared/telemetry/tracing.ts). Off, the plugin is
 * neither loaded nor in the plugin list: the request path is the same as without tracing.
 */
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { setUpTracing, tracingEnabled } from '../../subgraphs/shared/telemetry/tracing.js';

export const tracingPlugins: readonly GatewayPlugin[] = tracingEnabled()
  ? await (async () => {
      await setUpTracing('gateway');
      const { useOpenTelemetry } = await import('@graphql-hive/plugin-opentelemetry');
      // The plugin brings its own Logger type (GATEWAY-ENGINE.md: the known TypeScript trap).
      return [useOpenTelemetry({ traces: true, inheritContext: true, propagateContext: true }) as unknown as GatewayPlugin];
    })()
  : [];
