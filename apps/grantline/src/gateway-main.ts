// The public origin on its own, in front of services that each run as their own process:
//   GRANTLINE_UPSTREAMS='{"authorize":"http://10.0.0.1:8181",…}' node dist/apps/grantline/src/gateway-main.js
// In a cluster the Kubernetes Ingress routes these paths; the distributed tests and the revocation
// bench start this instead, so they route exactly as the embedded runtime does (same PUBLIC_ROUTES).
import 'reflect-metadata';
import { createMetricsRegistry, onShutdownSignal } from '@grantline/platform';
import { buildGateway, PUBLIC_ROUTES, type RoutedService } from './gateway';

const say = (line: string) => process.stderr.write(`grantline-gateway: ${line}\n`);

function fail(message: string): never {
  say(message);
  process.exit(1);
}

/** The upstream base URL of every routed service, plus the audit API's (named on the landing page). */
function upstreamsFrom(raw: string | undefined): Record<RoutedService | 'audit', string> {
  if (!raw) fail('GRANTLINE_UPSTREAMS is required: {"authorize":"http://host:port",…} per routed service');
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    fail('GRANTLINE_UPSTREAMS must be a JSON object of service name → base URL');
  }
  const given = (parsed ?? {}) as Record<string, unknown>;
  const wanted = [...new Set(PUBLIC_ROUTES.map((route) => route.service)), 'audit'] as const;
  const upstreams: Record<string, string> = {};
  for (const service of wanted) {
    const url = given[service];
    if (typeof url !== 'string' || !/^https?:\/\/[^/]+$/.test(url))
      fail(`GRANTLINE_UPSTREAMS.${service} must be a base URL such as http://127.0.0.1:8181`);
    upstreams[service] = url;
  }
  return upstreams as Record<RoutedService | 'audit', string>;
}

async function main(): Promise<void> {
  const { audit, ...routed } = upstreamsFrom(process.env['GRANTLINE_UPSTREAMS']);
  const gateway = await buildGateway({
    upstreams: routed,
    readinessOf: { ...routed, audit },
    auditUrl: () => audit,
    metrics: createMetricsRegistry(),
  });
  const url = await gateway.listen({
    host: process.env['HOST'] ?? '127.0.0.1',
    port: Number(process.env['PORT'] ?? 8080),
  });
  say(`listening on ${url}`);
  onShutdownSignal(() => gateway.close(), { timeoutMs: 4500, log: say });
}

main().catch((error: unknown) =>
  fail(`failed to start: ${error instanceof Error ? error.message : String(error)}`),
);
