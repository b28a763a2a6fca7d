// Every service gets the event backbone from the platform: its event store and effect ledger as
// providers, and the outbox relay started with the app and drained before the database closes.
import {
  Global,
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { EventStore, IdempotentEffects, OutboxRelay } from '@grantline/event-store';
import type { EventTransport } from '@grantline/messaging';
import type { ServiceConfig } from '../config/service.config';
import { EVENT_TRANSPORT } from '../health/event-transport-health';
import { METRICS_REGISTRY } from '../metrics/metrics.controller';
import { SERVICE_CONFIG, SERVICE_NAME } from '../bootstrap/service-definition';
import { relayObserver, type BackboneLog } from './backbone-metrics';

export function backboneLog(logger: Logger): BackboneLog {
  return { warn: (fields, message) => logger.warn({ ...fields, msg: message }) };
}

@Injectable()
export class OutboxRelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(
    dataSource: DataSource,
    @Inject(EVENT_TRANSPORT) transport: EventTransport,
    @Inject(SERVICE_CONFIG) config: ServiceConfig,
    @Inject(SERVICE_NAME) service: string,
    @Inject(METRICS_REGISTRY) metrics: Registry,
  ) {
    this.relay = new OutboxRelay(dataSource, transport, {
      pollIntervalMs: config.OUTBOX_POLL_INTERVAL_MS,
      maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
      observer: relayObserver(metrics, service, backboneLog(new Logger('OutboxRelay'))),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: EventStore,
      useFactory: (dataSource: DataSource) => new EventStore(dataSource),
      inject: [DataSource],
    },
    {
      provide: IdempotentEffects,
      useFactory: (dataSource: DataSource) => new IdempotentEffects(dataSource),
      inject: [DataSource],
    },
    OutboxRelayLifecycle,
  ],
  exports: [EventStore, IdempotentEffects],
})
export class BackboneModule {}
