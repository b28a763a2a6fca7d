// The grants service on real PostgreSQL and the real Kafka broker, with what it talks to stood in
// by the test: the token service (TestTokenIssuer: a JWKS and DPoP-bound access tokens), two TPPs,
// and the authorize and consent services (their events appended here and consumed over Kafka).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { AuthorizationApprovedV1 } from '@grantline/contracts';
import { EventStore, type StoredEvent } from '@grantline/event-store';
import { KafkaTransport, type EventTransport } from '@grantline/messaging';
import { createMetricsRegistry, createServiceApp, loadConfig } from '@grantline/platform';
import {
  TestTokenIssuer,
  TestTpp,
  createTestDatabase,
  type TestAccessTokenClaims,
  type TestDatabase,
} from '@grantline/testing';
import { GrantsConfig } from '../grants.config';
import { GrantViews, type GrantView } from '../grants/grant-views';
import { grantStream } from '../grants/grant-store';
import { grantsService } from '../service';

export const ORIGIN = 'http://127.0.0.1:8080';
export const SUBJECT = 'sub-pseudonym-1';

export interface Call {
  token?: string;
  tpp?: TestTpp;
  /** How the token is presented; default DPoP with a fresh proof. */
  scheme?: 'DPoP' | 'Bearer';
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OAuth bodies are asserted field by field
export type Reply = { status: number; headers: Record<string, unknown>; body: any };

export class GrantsWorld {
  readonly issuer = new TestTokenIssuer(ORIGIN);
  readonly tpps = [new TestTpp({ clientId: 'tpp-one' }), new TestTpp({ clientId: 'tpp-two' })];
  database!: TestDatabase;
  app!: NestFastifyApplication;
  private transport!: EventTransport;
  private sequence = 0;

  async start(): Promise<void> {
    this.database = await createTestDatabase('grants');
    const jwksUri = await this.issuer.start();
    this.transport = new KafkaTransport({
      brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
      clientId: `grants-test-${Date.now()}`,
    });
    await this.transport.start();
    const config = loadConfig(GrantsConfig, {
      DATABASE_URL: this.database.url,
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '100',
      RATE_LIMIT_PER_MINUTE: '100000',
      ISSUER: ORIGIN,
      ISSUER_JWKS_URI: jwksUri,
      // Its own consumer group, so suites sharing the run's broker never take each other's partitions.
      CONSUMER_GROUP: `grants-${this.database.name}`,
    });
    this.app = await createServiceApp(grantsService, config, {
      transport: this.transport,
      metrics: createMetricsRegistry(),
    });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.transport?.stop();
    await this.issuer.stop();
    await this.database?.drop();
  }

  token(tpp: TestTpp, claims: TestAccessTokenClaims): Promise<string> {
    return this.issuer.accessToken(tpp, claims);
  }

  async call(method: 'GET' | 'DELETE', path: string, call: Call = {}): Promise<Reply> {
    const tpp = call.tpp ?? this.tpps[0];
    const headers: Record<string, string> = {};
    if (call.token) {
      const scheme = call.scheme ?? 'DPoP';
      headers['authorization'] = `${scheme} ${call.token}`;
      if (scheme === 'DPoP') headers['dpop'] = await tpp.dpopProof(method, `${ORIGIN}${path}`, call.token);
    }
    const server = this.app.getHttpAdapter().getInstance() as unknown as import('fastify').FastifyInstance;
    const response = await server.inject({ method, url: path, headers });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? response.json() : undefined,
    };
  }

  /** What the authorize service publishes when the PSU approves. */
  async approve(tpp: TestTpp, data: Partial<AuthorizationApprovedV1> & { grantId: string }): Promise<string> {
    const approval: AuthorizationApprovedV1 = {
      clientId: tpp.clientId,
      subject: SUBJECT,
      grantManagementAction: 'create',
      scopes: ['openid', 'accounts'],
      authorizationDetails: [],
      consentIds: [],
      accountIds: ['acc-alice-current'],
      authTime: new Date().toISOString(),
      ...data,
    };
    return this.publish('AuthorizationApproved', approval);
  }

  /** What another service publishes (ConsentRevoked, PsuRevokedAccess), over the real backbone. */
  async publish(type: string, data: object): Promise<string> {
    const n = ++this.sequence;
    const { events } = await this.app
      .get(EventStore)
      .append(`external-${Date.now()}-${n}`, 'no-stream', [{ type, data }], {
        correlationId: `corr-${n}`,
        actor: { kind: 'psu', id: SUBJECT },
      });
    return events[0].eventId;
  }

  /** Whether this service's consumer has handled the event (to assert that it changed nothing). */
  async processed(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.app
      .get(DataSource)
      .query('SELECT 1 FROM processed_events WHERE event_id = $1', [eventId]);
    return rows.length > 0;
  }

  view(grantId: string): Promise<GrantView | undefined> {
    return this.app.get(GrantViews).find(grantId);
  }

  async grantEvents(grantId: string): Promise<StoredEvent[]> {
    return (await this.app.get(EventStore).readStream(grantStream(grantId))).events;
  }
}
