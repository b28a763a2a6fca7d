// A service declares event handlers with @EventPattern; the platform runs them in the consumer
// runtime on the process's transport, with the effect in the handler's transaction.
import { Controller, Module } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource, type EntityManager, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import type { EventEnvelope, GrantRevokedV1 } from '@grantline/contracts';
import { EventStore } from '@grantline/event-store';
import {
  InProcessTransport,
  KafkaTransport,
  type EventContext,
  type EventTransport,
} from '@grantline/messaging';
import { loadConfig } from '../config/load-config';
import { ServiceConfig } from '../config/service.config';
import { oauthErrorFormat } from '../errors/error-format';
import { createMetricsRegistry } from '../metrics/metrics';
import { createServiceApp } from '../bootstrap/create-service-app';
import type { ServiceDefinition } from '../bootstrap/service-definition';

@Controller()
class RevocationListener {
  @EventPattern('GrantRevoked')
  async onGrantRevoked(
    @Payload() event: EventEnvelope<GrantRevokedV1>,
    @Ctx() context: EventContext<EntityManager>,
  ): Promise<void> {
    await context.transaction.query('INSERT INTO revoked_grants (grant_id, event_id) VALUES ($1, $2)', [
      event.data.grantId,
      event.id,
    ]);
  }
}

@Module({ controllers: [RevocationListener] })
class ListenerModule {}

class CreateRevokedGrants1763856000001 implements MigrationInterface {
  name = 'CreateRevokedGrants1763856000001';
  async up(runner: QueryRunner): Promise<void> {
    await runner.query('CREATE TABLE revoked_grants (grant_id text NOT NULL, event_id uuid NOT NULL)');
  }
  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE revoked_grants');
  }
}

const listenerService: ServiceDefinition = {
  name: 'token',
  schema: 'token',
  configClass: ServiceConfig,
  module: ListenerModule,
  migrations: [CreateRevokedGrants1763856000001],
  errorFormat: oauthErrorFormat,
};

describe.each(['in-process', 'kafka'] as const)('@EventPattern handlers on the %s transport', (name) => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let transport: EventTransport;

  beforeAll(async () => {
    database = await createTestDatabase('event_pattern');
    transport =
      name === 'kafka'
        ? new KafkaTransport({
            brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
            clientId: 'pattern-test',
          })
        : new InProcessTransport();
    await transport.start();
    const config = loadConfig(ServiceConfig, {
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'true',
      OUTBOX_POLL_INTERVAL_MS: '100',
      LOG_LEVEL: 'silent',
    });
    app = await createServiceApp(listenerService, config, { transport, metrics: createMetricsRegistry() });
  });

  afterAll(async () => {
    await app?.close();
    await transport?.stop();
    await database?.drop();
  });

  it('delivers an appended event to the handler once, through the outbox and the transport', async () => {
    const grantId = `grant-${name}-${Date.now()}`;
    const appended = await app.get(EventStore).append(
      grantId,
      'no-stream',
      [
        {
          type: 'GrantRevoked',
          data: { grantId, clientId: 'tpp-1', revokedBy: 'psu', reason: 'PSU revoked it' },
        },
      ],
      { correlationId: 'corr', actor: { kind: 'psu', id: 'psu-1' } },
    );
    const dataSource = app.get(DataSource);
    await eventually(
      async () =>
        expect(
          await dataSource.query('SELECT grant_id, event_id FROM revoked_grants WHERE grant_id = $1', [
            grantId,
          ]),
        ).toEqual([{ grant_id: grantId, event_id: appended.events[0].eventId }]),
      { timeoutMs: 30_000 },
    );
    // The counters move once the relay has its acknowledgement and the consumer its commit, which
    // can be a moment after the effect is visible (Kafka may deliver before the producer's ack).
    // The broker is shared with other suites, whose GrantRevoked events this group also applies:
    // "once" is proven by the row above, the counters only have to show the traffic.
    await eventually(async () => {
      const metrics = await app.getHttpAdapter().getInstance().inject({ url: '/metrics' });
      expect(metrics.body).toMatch(/grantline_outbox_published_total\{service="token"\} [1-9]/);
      expect(metrics.body).toMatch(
        /grantline_events_consumed_total\{service="token",type="GrantRevoked",outcome="applied"\} [1-9]/,
      );
    });
  });
});
