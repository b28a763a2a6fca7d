// A service as its own process (distributed mode):
//   node dist/apps/<service>/src/main.js           serve
//   node dist/apps/<service>/src/main.js migrate   apply migrations and exit (the Kubernetes Job)
//   node dist/apps/<service>/src/main.js <command> a service's own operator command (e.g. audit's retain)
import { transportFor } from '@grantline/messaging';
import { ConfigError, loadConfig, type Environment } from '../config/load-config';
import type { ServiceConfig } from '../config/service.config';
import { openServiceDatabase } from '../database/service-database';
import { createMetricsRegistry } from '../metrics/metrics';
import { createServiceApp } from './create-service-app';
import { kafkaSettingsOf } from './kafka-settings';
import { migrationsOf, type ServiceDefinition, type ServiceRuntime } from './service-definition';
import { onShutdownSignal } from './shutdown';

export interface StandaloneRuntime {
  /** Defaults to Kafka when KAFKA_BROKERS is set, else the in-process transport. */
  transport?: ServiceRuntime['transport'];
}

/** Loads config, or prints one line naming the bad variable and exits with status 1. */
export function loadConfigOrExit<C extends object>(
  name: string,
  configClass: new () => C,
  env: Environment,
): C {
  try {
    return loadConfig(configClass, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`grantline-${name}: ${error.message}\n`);
    process.exit(1);
  }
}

/** Runs the service's own start-up checks; a failure is one line and exit status 1. */
export function checkEnvironmentOrExit(definition: ServiceDefinition<ServiceConfig>, env: Environment): void {
  try {
    definition.checkEnvironment?.(env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`grantline-${definition.name}: ${message}\n`);
    process.exit(1);
  }
}

/** Never rejects: a failure to start is one line on stderr and exit status 1. */
export async function runService<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  runtime: StandaloneRuntime = {},
  argv: string[] = process.argv.slice(2),
  env: Environment = process.env,
): Promise<void> {
  try {
    await serveOrMigrate(definition, runtime, argv, env);
  } catch (error) {
    process.stderr.write(
      `grantline-${definition.name}: ${(argv[0] ?? 'serve') === 'serve' ? 'failed to start' : `${argv[0]} failed`}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}

async function serveOrMigrate<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  runtime: StandaloneRuntime,
  argv: string[],
  env: Environment,
): Promise<void> {
  const command = argv[0] ?? 'serve';
  const say = (message: string) => process.stderr.write(`grantline-${definition.name}: ${message}\n`);
  const own = definition.commands ?? {};
  if (command !== 'serve' && command !== 'migrate' && !Object.hasOwn(own, command)) {
    const names = ['"serve" (default)', '"migrate"', ...Object.keys(own).map((name) => `"${name}"`)];
    say(`unknown command "${command}"; use ${names.join(', ')}`);
    process.exit(2);
  }
  const config = loadConfigOrExit(definition.name, definition.configClass, env);
  checkEnvironmentOrExit(definition, env);
  if (command !== 'serve') {
    // Migrations first, as the schema's owner (the login role): operator commands need both.
    const database = await openServiceDatabase(
      {
        service: definition.name,
        schema: definition.schema,
        url: config.DATABASE_URL,
        migrations: migrationsOf(definition as ServiceDefinition),
      },
      true,
    );
    try {
      if (command === 'migrate') say(`schema "${definition.schema}" is up to date`);
      else await own[command].run(config, database, say);
    } finally {
      await database.destroy();
    }
    return;
  }
  const transport = runtime.transport ?? transportFor(kafkaSettingsOf(definition.name, config));
  await transport.start();
  const app = await createServiceApp(definition, config, {
    transport,
    metrics: createMetricsRegistry(),
  });
  await app.listen({ host: config.HOST, port: config.PORT });
  say(`listening on ${await app.getUrl()}`);
  onShutdownSignal(
    async () => {
      await app.close();
      await transport.stop();
    },
    { timeoutMs: config.SHUTDOWN_TIMEOUT_MS, log: say },
  );
}
