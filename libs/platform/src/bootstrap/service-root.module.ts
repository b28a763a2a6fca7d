import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { ServiceConfig } from '../config/service.config';
import { openServiceDatabase, serviceDataSourceOptions } from '../database/service-database';
import { EVENT_TRANSPORT } from '../health/event-transport-health';
import { HealthController } from '../health/health.controller';
import { ServiceLogger, createServiceLogger } from '../logging/logger';
import { METRICS_REGISTRY, MetricsController } from '../metrics/metrics.controller';
import { BackboneModule } from '../backbone/backbone.module';
import {
  migrationsOf,
  SERVICE_CONFIG,
  SERVICE_NAME,
  type ServiceDefinition,
  type ServiceRuntime,
} from './service-definition';

@Module({})
export class ServiceRootModule {
  static for(definition: ServiceDefinition, config: ServiceConfig, runtime: ServiceRuntime): DynamicModule {
    const database = {
      service: definition.name,
      schema: definition.schema,
      url: config.DATABASE_URL,
      migrations: migrationsOf(definition as ServiceDefinition),
      role: definition.databaseRole,
    };
    return {
      module: ServiceRootModule,
      global: true,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...serviceDataSourceOptions(database), retryAttempts: 5, retryDelay: 1000 }),
          dataSourceFactory: () => openServiceDatabase(database, config.MIGRATE_ON_START),
        }),
        TerminusModule.forRoot({ logger: false }),
        BackboneModule,
        definition.module,
      ],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        { provide: SERVICE_NAME, useValue: definition.name },
        { provide: EVENT_TRANSPORT, useValue: runtime.transport },
        { provide: METRICS_REGISTRY, useValue: runtime.metrics },
        {
          provide: ServiceLogger,
          useValue: new ServiceLogger(
            createServiceLogger({
              service: definition.name,
              level: config.LOG_LEVEL,
              destination: runtime.logDestination,
            }),
          ),
        },
      ],
      exports: [SERVICE_CONFIG, SERVICE_NAME, EVENT_TRANSPORT, METRICS_REGISTRY, ServiceLogger],
    };
  }
}
