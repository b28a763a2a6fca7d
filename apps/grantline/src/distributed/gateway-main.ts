// The public origin in distributed mode without an Ingress (docker compose): the embedded runtime's
// gateway (same route table, same forwarded headers, same landing page) in front of services that
// run as their own processes.
//   node dist/apps/grantline/src/distributed/gateway-main.js
import 'reflect-metadata';
import {
  createMetricsRegistry,
  loadConfigOrExit,
  onShutdownSignal,
  tlsServerOptions,
} from '@grantline/platform';
import { buildGateway, type RoutedService } from '../gateway';
import { StandaloneGatewayConfig } from './gateway.config';

const say = (line: string) => process.stderr.write(`grantline-gateway: ${line}\n`);

export function upstreamsOf(config: StandaloneGatewayConfig): Record<RoutedService, string> {
  return {
    authorize: config.GATEWAY_AUTHORIZE_URL,
    token: config.GATEWAY_TOKEN_URL,
    consent: config.GATEWAY_CONSENT_URL,
    grants: config.GATEWAY_GRANTS_URL,
  };
}

async function main(): Promise<void> {
  const config = loadConfigOrExit('gateway', StandaloneGatewayConfig, process.env);
  const upstreams = upstreamsOf(config);
  const gateway = await buildGateway({
    tls: tlsServerOptions({
      TLS_CERT_FILE: config.GATEWAY_TLS_CERT_FILE,
      TLS_KEY_FILE: config.GATEWAY_TLS_KEY_FILE,
      TLS_CLIENT_CA_FILE: config.GATEWAY_TLS_CLIENT_CA_FILE,
    }),
    upstreams,
    readinessOf: {
      ...upstreams,
      ...(config.GATEWAY_AUDIT_URL ? { audit: config.GATEWAY_AUDIT_URL } : {}),
    },
    auditUrl: () => config.GATEWAY_AUDIT_URL ?? 'not exposed here',
    metrics: createMetricsRegistry(),
  });
  say(`listening on ${await gateway.listen({ host: config.HOST, port: config.PORT })}`);
  onShutdownSignal(() => gateway.close(), { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, log: say });
}

if (require.main === module) {
  main().catch((error: unknown) => {
    say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
