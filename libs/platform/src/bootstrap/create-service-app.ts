import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger as NestLogger, type NestApplicationOptions } from '@nestjs/common';
import { grantlineCatalogue } from '@grantline/contracts';
import { IdempotentEffects } from '@grantline/event-store';
import { EventConsumerServer } from '@grantline/messaging';
import type { EntityManager } from 'typeorm';
import { backboneLog } from '../backbone/backbone.module';
import { consumerObserver } from '../backbone/backbone-metrics';
import type { ServiceConfig } from '../config/service.config';
import { ProtocolExceptionFilter, frameworkErrorRenderer } from '../errors/protocol-exception.filter';
import { clientErrorAnswerer } from '../http/client-errors';
import { hardenHttp } from '../http/harden-http';
import { assignRequestIdentity } from '../http/request-identity';
import { instrumentHttp } from '../metrics/metrics';
import { ServiceLogger, logRequests } from '../logging/logger';
import { tlsServerOptions } from '../tls/tls-server';
import { publishApiReference } from '../api-reference/api-reference';
import type { ServiceDefinition, ServiceRuntime } from './service-definition';
import { ServiceRootModule } from './service-root.module';

/** Builds and initialises a service's Nest application; the caller decides when it listens. */
export async function createServiceApp<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  runtime: ServiceRuntime,
): Promise<NestFastifyApplication> {
  const https = tlsServerOptions(config);
  const adapter = new FastifyAdapter({
    ...(https ? { https } : {}),
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    genReqId: assignRequestIdentity,
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logger: false,
    frameworkErrors: frameworkErrorRenderer(definition.errorFormat),
    clientErrorHandler: clientErrorAnswerer(() => definition.errorFormat),
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceRootModule.for(definition as ServiceDefinition, config, runtime),
    adapter,
    {
      bufferLogs: true,
      abortOnError: false,
      moduleIdGeneratorAlgorithm: 'reference',
      // Fastify already serves TLS (adapter above); Nest reads this only to say https in getUrl().
      ...(https ? { httpsOptions: https as NestApplicationOptions['httpsOptions'] } : {}),
    },
  );
  const logger = app.get(ServiceLogger);
  app.useLogger(runtime.processLogger ?? logger);
  app.flushLogs();
  app.useGlobalFilters(new ProtocolExceptionFilter(definition.errorFormat));
  const server = app.getHttpAdapter().getInstance();
  instrumentHttp(server, runtime.metrics, definition.name);
  logRequests(server, logger.pino);
  await hardenHttp(server, app, {
    requestsPerMinute: config.RATE_LIMIT_PER_MINUTE,
    rateLimit: definition.rateLimit,
  });
  // The service's @EventPattern handlers run in the consumer runtime on the process's transport.
  app.connectMicroservice(
    {
      strategy: new EventConsumerServer<EntityManager>({
        name: config.CONSUMER_GROUP ?? definition.name,
        transport: runtime.transport,
        catalogue: grantlineCatalogue,
        ledger: app.get(IdempotentEffects),
        maxAttempts: config.CONSUMER_MAX_ATTEMPTS,
        observer: consumerObserver(
          runtime.metrics,
          definition.name,
          backboneLog(new NestLogger('EventConsumer')),
        ),
      }),
    },
    { inheritAppConfig: true },
  );
  if (definition.apiReference) publishApiReference(app, definition.name, definition.apiReference);
  definition.configureApp?.(app);
  await app.init();
  await app.startAllMicroservices();
  return app;
}
