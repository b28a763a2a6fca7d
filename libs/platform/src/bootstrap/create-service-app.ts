import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import type { ServiceConfig } from '../config/service.config';
import { ProtocolExceptionFilter } from '../errors/protocol-exception.filter';
import { hardenHttp } from '../http/harden-http';
import { assignRequestIdentity } from '../http/request-identity';
import { instrumentHttp } from '../metrics/metrics';
import type { ServiceDefinition, ServiceRuntime } from './service-definition';
import { ServiceRootModule } from './service-root.module';

/** Builds and initialises a service's Nest application; the caller decides when it listens. */
export async function createServiceApp<C extends ServiceConfig>(
  definition: ServiceDefinition<C>,
  config: C,
  runtime: ServiceRuntime,
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: config.HTTP_BODY_LIMIT_BYTES,
    genReqId: assignRequestIdentity,
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    logger: false,
  });
  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceRootModule.for(definition as ServiceDefinition, config, runtime),
    adapter,
    { bufferLogs: true, abortOnError: false, moduleIdGeneratorAlgorithm: 'reference' },
  );
  const logger = app.get(Logger);
  app.useLogger(logger);
  app.flushLogs();
  app.useGlobalFilters(new ProtocolExceptionFilter(definition.errorFormat));
  const server = app.getHttpAdapter().getInstance();
  instrumentHttp(server, runtime.metrics, definition.name);
  await hardenHttp(server, app, {
    requestsPerMinute: config.RATE_LIMIT_PER_MINUTE,
    rateLimit: definition.rateLimit,
  });
  await app.init();
  return app;
}
