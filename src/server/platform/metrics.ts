/**
 * Prometheus metrics at /metrics: process defaults plus request counts and durations by
 * route pattern (never by raw URL, which would explode the label set).
 */
import fp from 'fastify-plugin';
import client from 'prom-client';

export const registry = new client.Registry();
client.collectDefaultMetrics({ register: registry, prefix: 'prima_' });

const httpDuration = new client.Histogram({
  name: 'prima_http_request_duration_seconds',
  help: 'HTTP request duration by method, route and status',
  labelNames: ['method', 'route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers: [registry],
});

export const jobCounter = new client.Counter({
  name: 'prima_jobs_total',
  help: 'Jobs run by name and outcome',
  labelNames: ['name', 'outcome'] as const,
  registers: [registry],
});

export const metricsPlugin = fp(async (app) => {
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions?.url ?? 'unmatched';
    httpDuration.observe({ method: req.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.type(registry.contentType);
    return registry.metrics();
  });
});
