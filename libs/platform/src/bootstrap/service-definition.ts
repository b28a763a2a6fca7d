// What a service contributes to the platform: its name and schema, config class, feature module,
// migrations, error format. The same definition boots standalone or inside the embedded runtime.
import type { LoggerService, Type } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import type { Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ServiceConfig } from '../config/service.config';
import type { Environment } from '../config/load-config';
import type { ErrorFormat } from '../errors/error-format';
import { eventStoreMigrations } from '@grantline/event-store';
import type { EventTransport } from '@grantline/messaging';
import type { RateLimitHook } from '../http/harden-http';
import type { MigrationList } from '../database/service-database';
import type { ApiReference } from '../api-reference/api-reference';

export interface ServiceDefinition<C extends ServiceConfig = ServiceConfig> {
  name: 'authorize' | 'token' | 'consent' | 'grants' | 'audit';
  /** The Postgres schema the service owns. */
  schema: string;
  configClass: new () => C;
  /** The service's feature module: its controllers and providers. */
  module: Type<unknown>;
  migrations: MigrationList;
  /** The narrower role the service's connections act as; its migrations create and grant it. */
  databaseRole?: string;
  errorFormat: ErrorFormat;
  rateLimit?: RateLimitHook;
  /**
   * Start-up checks beyond the config class, e.g. the security profile's ranges (libs/oauth). A
   * throw stops the service before anything starts; its message names the setting.
   */
  checkEnvironment?(env: Environment): void;
  /**
   * Settings the embedded runtime generates for this service in development (keys kept under the
   * data directory, created on first start); never used in distributed mode.
   */
  embeddedSettings?(dataDir: string): Environment;
  /**
   * The service's API reference, published at /docs/<name> (HTML) and /docs/<name>/openapi.json
   * (OpenAPI 3, generated from the controllers' @nestjs/swagger decorators).
   */
  apiReference?: ApiReference;
  /** Last touches on the app before it initialises (e.g. publishing an OpenAPI document). */
  configureApp?(app: NestFastifyApplication): void;
  /** Operator commands beyond `serve` and `migrate` (`main.js <name>`), run as the schema owner. */
  commands?: Readonly<Record<string, ServiceCommand<C>>>;
}

/** A one-shot operator command (e.g. a Kubernetes CronJob): migrations applied, then `run`. */
export interface ServiceCommand<C extends ServiceConfig = ServiceConfig> {
  summary: string;
  /** Throws to fail: the message is printed on one line and the process exits with status 1. */
  run(config: C, dataSource: DataSource, say: (line: string) => void): Promise<void>;
}

/** What the process gives every service it runs. */
export interface ServiceRuntime {
  /** Kafka in distributed mode; the in-process transport in the embedded runtime. */
  transport: EventTransport;
  metrics: Registry;
  logDestination?: DestinationStream;
  /**
   * Nest's Logger is process-wide, so when several services share a process (the embedded
   * runtime) its lines cannot say which service wrote them: they go to this logger, named for
   * the process, rather than all under the name of whichever service started last. Each
   * service's request lines stay its own.
   */
  processLogger?: LoggerService;
}

export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const SERVICE_NAME = Symbol('SERVICE_NAME');

/** Every service's schema holds the event backbone's tables, then the service's own. */
export function migrationsOf(definition: ServiceDefinition): MigrationList {
  return [...eventStoreMigrations, ...(definition.migrations as unknown[])] as MigrationList;
}
