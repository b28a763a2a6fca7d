// The public origin of the embedded runtime: the same path routing the Kubernetes Ingress uses,
// in front of the services' own ports. It also answers for the whole process at /health/* and
// /metrics, and serves a landing page for people who open the URL in a browser.
import type { ServerOptions as HttpsServerOptions } from 'node:https';
import type { TLSSocket } from 'node:tls';
import httpProxy from '@fastify/http-proxy';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import {
  assignRequestIdentity,
  clientErrorAnswerer,
  instrumentHttp,
  oauthErrorFormat,
  openBankingErrorFormat,
  requestIdentity,
} from '@grantline/platform';
import { registerDemoTppCallback } from './demo-tpp-callback';
import { checkBodyLimit } from './gateway-body-limit';
import { renderLandingPage } from './landing-page';

export type RoutedService = 'authorize' | 'token' | 'consent' | 'grants';

/** Path prefixes per service, as the Ingress routes them. */
export const PUBLIC_ROUTES: ReadonlyArray<{ prefix: string; service: RoutedService }> = [
  { prefix: '/.well-known', service: 'authorize' },
  { prefix: '/jwks', service: 'authorize' },
  { prefix: '/par', service: 'authorize' },
  { prefix: '/authorize', service: 'authorize' },
  { prefix: '/interaction', service: 'authorize' },
  { prefix: '/account', service: 'authorize' },
  { prefix: '/token', service: 'token' },
  { prefix: '/introspect', service: 'token' },
  { prefix: '/revoke', service: 'token' },
  { prefix: '/open-banking/v4.0', service: 'consent' },
  { prefix: '/grants', service: 'grants' },
  // Each service's API reference (libs/platform apiReferencePath): its own prefix, no collisions.
  { prefix: '/docs/authorize', service: 'authorize' },
  { prefix: '/docs/token', service: 'token' },
  { prefix: '/docs/consent', service: 'consent' },
  { prefix: '/docs/grants', service: 'grants' },
];

/**
 * The header the gateway forwards the client certificate in (base64 DER). It always replaces what
 * a client sent under that name, so only the gateway can set it; services believe it from
 * loopback only (CLIENT_CERT_TRUSTED_PROXIES), MTLS-1.
 */
export const GATEWAY_CLIENT_CERT_HEADER = 'x-grantline-client-cert';

export interface GatewayOptions {
  /** Serve HTTPS, asking clients for certificates (libs/platform tlsServerOptions); else plain HTTP. */
  tls?: HttpsServerOptions;
  /**
   * Base URL per service, read on every request: the runtime binds the gateway first (its port is
   * the issuer's) and fills these in as the services come up. Until then a route answers 503.
   */
  upstreams: Record<RoutedService, string>;
  /** Every service whose readiness makes the process ready, by name → base URL. */
  readinessOf: Record<string, string>;
  /**
   * The largest body any routed service accepts (their HTTP_BODY_LIMIT_BYTES; 64 KiB by default).
   * A bigger declared body is refused here with 413: sent on, the service would refuse it mid-stream
   * and the proxy would see a broken upstream (503) instead of the service's 413.
   */
  bodyLimitBytes?: number;
  /** The audit API's internal origin for the landing page, read per request like `upstreams`. */
  auditUrl(): string;
  metrics: Registry;
}

/** The presented client certificate as base64 DER, when TLS ends here and the client sent one. */
function clientCertificateOf(request: FastifyRequest): string | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate !== 'function') return undefined;
  const raw = socket.getPeerCertificate(false)?.raw;
  return raw && raw.length > 0 ? raw.toString('base64') : undefined;
}

function forwardedHeaders(
  request: FastifyRequest,
  headers: Record<string, unknown>,
): Record<string, unknown> {
  const identity = requestIdentity(request.raw);
  const tls = (request.raw.socket as Partial<TLSSocket>).encrypted === true;
  return {
    ...headers,
    // Never what the client claimed: the certificate of this connection, or nothing.
    [GATEWAY_CLIENT_CERT_HEADER]: clientCertificateOf(request),
    // The gateway is the edge here: it states the client address instead of appending to one given.
    'x-forwarded-for': request.ip,
    'x-forwarded-proto': tls ? 'https' : 'http',
    'x-forwarded-host': request.headers.host,
    'x-fapi-interaction-id': identity?.interactionId,
    'x-request-id': identity?.requestId,
  };
}

async function readiness(
  services: Record<string, string>,
): Promise<{ ready: boolean; services: Record<string, string> }> {
  const entries = await Promise.all(
    Object.entries(services).map(async ([name, url]) => {
      try {
        const response = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) });
        return [name, response.ok ? 'up' : 'down'] as const;
      } catch {
        return [name, 'down'] as const;
      }
    }),
  );
  return { ready: entries.every(([, state]) => state === 'up'), services: Object.fromEntries(entries) };
}

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  const gateway = Fastify({
    ...(options.tls ? { https: options.tls } : {}),
    logger: false,
    genReqId: assignRequestIdentity,
    forceCloseConnections: true,
    clientErrorHandler: clientErrorAnswerer((requestLine) =>
      /^[A-Z]+ \/open-banking\//.test(requestLine) ? openBankingErrorFormat : oauthErrorFormat,
    ),
    // A URL that does not decode is refused before routing: in our format, not Fastify's.
    frameworkErrors: (_error, _request, reply) => void sendProblem('bad_request', reply),
  });
  instrumentHttp(gateway, options.metrics, 'gateway');
  const bodyLimitBytes = options.bodyLimitBytes ?? 64 * 1024;
  const sendProblem = (
    kind: 'not_found' | 'unavailable' | 'bad_request' | 'payload_too_large' | 'internal',
    reply: FastifyReply,
  ) => {
    // The OB API's errors keep the OB body even when the gateway answers for the consent service.
    const format = reply.request.url.startsWith('/open-banking/') ? openBankingErrorFormat : oauthErrorFormat;
    const problem = format.render(kind, { interactionId: requestIdentity(reply.request.raw)?.interactionId });
    return reply.status(problem.status).headers({ 'cache-control': 'no-store' }).send(problem.body);
  };
  // Before the proxies register: a plugin keeps the error handler in force when it was registered,
  // and the proxy's own refusals (a `..` segment in the path) must not get Fastify's default body.
  gateway.setErrorHandler((error, _request, reply) => {
    const status = (error as { statusCode?: number }).statusCode;
    return sendProblem(status && status < 500 ? 'bad_request' : 'internal', reply);
  });

  for (const route of PUBLIC_ROUTES) {
    await gateway.register(httpProxy, {
      upstream: '',
      prefix: route.prefix,
      rewritePrefix: route.prefix,
      preHandler: async (request: FastifyRequest, reply: FastifyReply) => {
        if (!options.upstreams[route.service]) return sendProblem('unavailable', reply);
        if ((await checkBodyLimit(request, bodyLimitBytes)) === 'too_large') {
          return sendProblem('payload_too_large', reply.header('connection', 'close'));
        }
      },
      replyOptions: {
        getUpstream: () => options.upstreams[route.service],
        rewriteRequestHeaders: (request: FastifyRequest, headers: Record<string, unknown>) =>
          forwardedHeaders(request, headers),
        onError: (reply: FastifyReply) => sendProblem('unavailable', reply),
      },
    } as Parameters<typeof httpProxy>[1]);
  }

  gateway.get('/', async (_request, reply) =>
    reply
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        'x-frame-options': 'DENY',
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
      })
      .send(renderLandingPage({ routes: PUBLIC_ROUTES, auditUrl: options.auditUrl() })),
  );
  // /docs on the public origin: the index of the per-service references on the landing page.
  gateway.get('/docs', async (_request, reply) => reply.redirect('/#api-reference', 303));
  registerDemoTppCallback(gateway);
  gateway.get('/health/live', async () => ({ status: 'ok' }));
  gateway.get('/health/ready', async (_request, reply) => {
    const state = await readiness(options.readinessOf);
    return reply
      .status(state.ready ? 200 : 503)
      .send({ status: state.ready ? 'ok' : 'error', services: state.services });
  });
  gateway.get('/metrics', async (_request, reply) =>
    reply.header('content-type', options.metrics.contentType).send(await options.metrics.metrics()),
  );
  gateway.setNotFoundHandler((_request, reply) => sendProblem('not_found', reply));
  return gateway;
}
