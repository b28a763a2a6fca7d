// What every Grantline HTTP server does before a handler runs: request and interaction ids, security
// headers, no caching of responses, rate limiting. Failures before Nest's handlers (malformed
// bodies, size limits, rate limits) reach the one exception filter through Nest's error handler.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isOperationalPath } from './operational-paths';
import { requestIdentity } from './request-identity';
import { SECURITY_HEADERS } from './security-headers';

export interface RateLimitHook {
  /** What a limit is counted against; the client IP when absent. Later: the authenticated client_id. */
  keyFor?(request: FastifyRequest): string;
}

export interface HardeningOptions {
  requestsPerMinute: number;
  rateLimit?: RateLimitHook;
}

// Fastify plugins are registered on the instance Nest wraps; their types are structurally the same.
type PluginHost = { register(plugin: unknown, options?: unknown): Promise<unknown> | unknown };

export async function hardenHttp(
  server: FastifyInstance,
  host: PluginHost,
  options: HardeningOptions,
): Promise<void> {
  server.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADERS);
    const identity = requestIdentity(request.raw);
    if (identity) {
      reply.header('x-request-id', identity.requestId);
      reply.header('x-fapi-interaction-id', identity.interactionId);
    }
    done();
  });
  server.addHook('onSend', (_request, reply, payload, done) => {
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    done(null, payload);
  });
  await host.register(rateLimit, {
    max: options.requestsPerMinute,
    timeWindow: 60_000,
    allowList: (request: FastifyRequest) => isOperationalPath(request.url),
    keyGenerator: (request: FastifyRequest) => options.rateLimit?.keyFor?.(request) ?? request.ip,
    errorResponseBuilder: () => Object.assign(new Error('rate limit exceeded'), { statusCode: 429 }),
  });
}
