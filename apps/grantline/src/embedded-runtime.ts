// All five services in one process: an embedded PostgreSQL (unless DATABASE_URL is given), the
// in-process event transport, each service on its own port, and the gateway as the public origin.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { authorizeService } from '@grantline/authorize-service';
import { auditService } from '@grantline/audit-service';
import { consentService } from '@grantline/consent-service';
import { grantsService } from '@grantline/grants-service';
import { tokenService } from '@grantline/token-service';
import { InProcessTransport } from '@grantline/messaging';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import { EmbeddedPostgres } from '@grantline/embedded-postgres';
import {
  ServiceLogger,
  createMetricsRegistry,
  createServiceApp,
  createServiceLogger,
  loadConfig,
  type Environment,
  type ServiceDefinition,
} from '@grantline/platform';
import { SECURITY_SETTING_VARIABLES } from '@grantline/oauth';
import { type DemoTpp, prepareDevCredentials } from './dev-credentials';
import { buildGateway, type RoutedService } from './gateway';
import { gatewayTlsOptions, servicesBehindTlsGateway } from './gateway-tls';
import type { RuntimeConfig } from './runtime.config';

export const EMBEDDED_SERVICES: readonly ServiceDefinition[] = [
  authorizeService,
  tokenService,
  consentService,
  grantsService,
  auditService,
] as ServiceDefinition[];

/** Settings an operator may give one service in embedded mode, as <SERVICE>_<VARIABLE>. */
export const PER_SERVICE_VARIABLES = [
  'HTTP_BODY_LIMIT_BYTES',
  'RATE_LIMIT_PER_MINUTE',
  'SHUTDOWN_TIMEOUT_MS',
];

/** Settings every service reads alike: the security profile, keys, login policy. */
const SHARED_VARIABLES = [
  ...Object.values(SECURITY_SETTING_VARIABLES),
  'SIGNING_KEYS',
  'LOGIN_MAX_FAILURES',
  'LOGIN_LOCKOUT_SECONDS',
  'PSU_SESSION_SECONDS',
];

export interface RunningGrantline {
  publicUrl: string;
  auditUrl: string;
  serviceUrls: Record<string, string>;
  databaseUrl: 'embedded' | 'external';
  demoTpp: DemoTpp;
  demoTppFile: string;
  stop(): Promise<void>;
}

function servicePort(config: RuntimeConfig, service: ServiceDefinition['name']): number {
  const ports: Record<ServiceDefinition['name'], number> = {
    authorize: config.GRANTLINE_AUTHORIZE_PORT,
    token: config.GRANTLINE_TOKEN_PORT,
    consent: config.GRANTLINE_CONSENT_PORT,
    grants: config.GRANTLINE_GRANTS_PORT,
    audit: config.GRANTLINE_AUDIT_PORT,
  };
  return ports[service];
}

function serviceEnvironment(service: string, env: Environment): Environment {
  const prefix = `${service.toUpperCase()}_`;
  return Object.fromEntries(
    PER_SERVICE_VARIABLES.map((variable) => [variable, env[`${prefix}${variable}`] ?? env[variable]]),
  );
}

/** The largest HTTP_BODY_LIMIT_BYTES of the routed services: the gateway refuses bigger bodies itself. */
function largestBodyLimit(env: Environment): number {
  const limits = EMBEDDED_SERVICES.map(({ name }) =>
    Number(serviceEnvironment(name, env)['HTTP_BODY_LIMIT_BYTES']),
  );
  return Math.max(64 * 1024, ...limits.filter(Number.isFinite));
}

/**
 * Where the embedded cluster lives: under GRANTLINE_DATA_DIR, unless the process runs as root from a
 * directory the `postgres` user cannot enter (a clone under /root); then under the system temp dir.
 */
function embeddedDataDir(dataDir: string, log: (line: string) => void): string {
  const wanted = resolve(dataDir, 'postgres');
  if (EmbeddedPostgres.canHost(wanted)) return wanted;
  const digest = [...wanted].reduce((hash, c) => (hash * 31 + c.charCodeAt(0)) >>> 0, 7).toString(36);
  const fallback = join(tmpdir(), `grantline-${digest}`, 'postgres');
  log(`PostgreSQL runs as user "postgres" under root and cannot enter ${wanted}; using ${fallback}`);
  return fallback;
}

export async function startGrantline(
  config: RuntimeConfig,
  env: Environment = process.env,
  log: (line: string) => void = () => undefined,
): Promise<RunningGrantline> {
  const undo: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    for (const step of undo.reverse().splice(0)) await step().catch(() => undefined);
  };
  try {
    // Every service's own start-up checks (the security profile) run before anything starts.
    for (const definition of EMBEDDED_SERVICES) {
      definition.checkEnvironment?.(env);
    }
    let databaseUrl = config.DATABASE_URL;
    if (!databaseUrl) {
      const postgres = new EmbeddedPostgres({
        dataDir: embeddedDataDir(config.GRANTLINE_DATA_DIR, log),
        port: config.GRANTLINE_POSTGRES_PORT,
      });
      await postgres.start();
      undo.push(() => postgres.stop(2500));
      await postgres.ensureDatabase('grantline');
      databaseUrl = postgres.url('grantline');
    }
    // The demo core bank (schema core_bank) stands in for the bank's systems: seeded once, kept after.
    await prepareDemoCoreBank(databaseUrl);

    // The gateway binds first: its address is the issuer every service must know before it starts
    // (with GRANTLINE_PUBLIC_PORT=0 the port is only known once bound). Routes answer 503 until the
    // services behind them are up.
    const metrics = createMetricsRegistry();
    const routed = ['authorize', 'token', 'consent', 'grants'] as const satisfies readonly RoutedService[];
    const upstreams: Record<RoutedService, string> = { authorize: '', token: '', consent: '', grants: '' };
    const serviceUrls: Record<string, string> = {};
    const tls = gatewayTlsOptions(config);
    const gateway: FastifyInstance = await buildGateway({
      tls,
      upstreams,
      readinessOf: serviceUrls,
      auditUrl: () => serviceUrls['audit'] ?? 'starting',
      metrics,
      bodyLimitBytes: largestBodyLimit(env),
    });
    undo.push(() => gateway.close());
    const publicUrl = await gateway.listen({
      host: config.GRANTLINE_HOST,
      port: config.GRANTLINE_PUBLIC_PORT,
    });

    const credentials = await prepareDevCredentials(
      config.GRANTLINE_DATA_DIR,
      publicUrl,
      env,
      config.GRANTLINE_DEMO_TPP_CALLBACK_PORT,
    );
    const shared: Environment = {
      ...Object.fromEntries(SHARED_VARIABLES.map((variable) => [variable, env[variable]])),
      ...credentials.environment,
      ...(tls ? servicesBehindTlsGateway(config, env) : {}),
    };

    // Delivery starts once every service has subscribed, so no service misses an early event.
    const transport = new InProcessTransport({ deferDelivery: true });
    undo.push(() => transport.stop());
    const apps: NestFastifyApplication[] = [];
    undo.push(() => Promise.all(apps.map((app) => app.close())).then(() => undefined));
    // Nest's own lines (start-up, and every `new Logger(context)`) cannot tell the five services
    // apart in one process: they are the runtime's. Request lines carry their service's name.
    const processLogger = new ServiceLogger(
      createServiceLogger({ service: 'grantline', level: config.LOG_LEVEL }),
    );

    await Promise.all(
      EMBEDDED_SERVICES.map(async (definition) => {
        const serviceConfig = loadConfig(definition.configClass, {
          ...definition.embeddedSettings?.(config.GRANTLINE_DATA_DIR),
          ...shared,
          ...serviceEnvironment(definition.name, env),
          LOG_LEVEL: env[`${definition.name.toUpperCase()}_LOG_LEVEL`] ?? config.LOG_LEVEL,
          HOST: config.GRANTLINE_HOST,
          PORT: String(servicePort(config, definition.name)),
          DATABASE_URL: databaseUrl,
          MIGRATE_ON_START: 'true',
          TRUST_PROXY: '127.0.0.1',
        });
        const app = await createServiceApp(definition, serviceConfig, { transport, metrics, processLogger });
        apps.push(app);
        await app.listen({ host: serviceConfig.HOST, port: serviceConfig.PORT });
        serviceUrls[definition.name] = await app.getUrl();
      }),
    );
    for (const name of routed) upstreams[name] = serviceUrls[name];

    transport.open();

    const auditUrl = serviceUrls['audit'] ?? '';
    return {
      publicUrl,
      auditUrl,
      serviceUrls,
      databaseUrl: config.DATABASE_URL ? 'external' : 'embedded',
      demoTpp: credentials.demoTpp,
      demoTppFile: credentials.demoTppFile,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
