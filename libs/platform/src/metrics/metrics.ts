// Prometheus metrics: HTTP latency per route template and status, and process metrics. The
// embedded runtime hands all five services one registry, so /metrics shows the whole process.
import { Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FastifyInstance } from 'fastify';

export const HTTP_DURATION_METRIC = 'grantline_http_request_duration_seconds';

/** One per process: process metrics are collected once, services add their own series. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

function httpDurationHistogram(
  registry: Registry,
): Histogram<'service' | 'method' | 'route' | 'status_code'> {
  const existing = registry.getSingleMetric(HTTP_DURATION_METRIC);
  if (existing) return existing as Histogram<'service' | 'method' | 'route' | 'status_code'>;
  return new Histogram({
    name: HTTP_DURATION_METRIC,
    help: 'HTTP request latency by service, route template and status',
    labelNames: ['service', 'method', 'route', 'status_code'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
}

/** Records every response; unmatched URLs share one label so clients can't blow up cardinality. */
export function instrumentHttp(server: FastifyInstance, registry: Registry, service: string): void {
  const histogram = httpDurationHistogram(registry);
  server.addHook('onResponse', async (request, reply) => {
    histogram.observe(
      {
        service,
        method: request.method,
        route: request.routeOptions?.url ?? 'unmatched',
        status_code: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
