// The consent service on real PostgreSQL and the real Kafka broker, with what it talks to stood in
// by the test: a token service (a key ring served as JWKS by a tiny local HTTP server, minting
// TOK-1 tokens), two TPPs (DPoP keys, x-jws-signature keys in a clients file), and the authorize
// service (AuthorizationApproved/Denied appended and published over the backbone).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createDpopProof, generateSigningKey, signDetachedJws, type SigningKey } from '@grantline/crypto';
import type {
  AuthorizationApprovedV1,
  AuthorizationDeniedV1,
  PsuRevokedAccessV1,
} from '@grantline/contracts';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import { EventStore } from '@grantline/event-store';
import { KafkaTransport, type EventTransport } from '@grantline/messaging';
import { createMetricsRegistry, createServiceApp, loadConfig } from '@grantline/platform';
import { TestTokenIssuer, createTestDatabase, type TestDatabase } from '@grantline/testing';
import { ConsentConfig } from '../consent.config';
import { consentService } from '../service';

export const ORIGIN = 'http://127.0.0.1:8080';
export const BASE = '/open-banking/v4.0';

export interface Tpp {
  clientId: string;
  dpopKey: SigningKey;
  signingKey: SigningKey;
}

export interface Call {
  token?: string;
  tpp?: Tpp;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  sign?: boolean;
  /** Another replica of the service (startReplica) to send to instead of the first. */
  replica?: NestFastifyApplication;
}

export class ConsentWorld {
  /** The token service: its JWKS and the access tokens it would mint. */
  readonly tokenService = new TestTokenIssuer(ORIGIN);
  readonly tpps: Tpp[] = ['tpp-one', 'tpp-two'].map((clientId) => ({
    clientId,
    dpopKey: generateSigningKey('ES256').signingKey,
    signingKey: generateSigningKey('PS256', `${clientId}-sig`).signingKey,
  }));
  database!: TestDatabase;
  app!: NestFastifyApplication;
  private directory!: string;
  private transport!: EventTransport;
  private config!: ConsentConfig;
  private readonly replicas: NestFastifyApplication[] = [];
  private issued = 0;

  async start(environment: Record<string, string> = {}): Promise<void> {
    this.database = await createTestDatabase('consent');
    await prepareDemoCoreBank(this.database.url);
    const jwksUri = await this.tokenService.start();
    this.directory = await mkdtemp(join(tmpdir(), 'consent-clients-'));
    const clientsFile = join(this.directory, 'clients.json');
    await writeFile(
      clientsFile,
      JSON.stringify({
        clients: this.tpps.map((tpp) => ({
          client_id: tpp.clientId,
          client_name: tpp.clientId,
          redirect_uris: [`https://${tpp.clientId}.example/cb`],
          token_endpoint_auth_method: 'private_key_jwt',
          jwks: { keys: [tpp.signingKey.publicJwk] },
          dpop_bound_access_tokens: true,
          roles: ['AISP', 'PISP'],
        })),
      }),
    );
    this.transport = new KafkaTransport({
      brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
      clientId: `consent-test-${Date.now()}`,
    });
    await this.transport.start();
    this.config = loadConfig(ConsentConfig, {
      DATABASE_URL: this.database.url,
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '100',
      RATE_LIMIT_PER_MINUTE: '100000',
      ISSUER: ORIGIN,
      ISSUER_JWKS_URI: jwksUri,
      GRANTLINE_CLIENTS_FILE: clientsFile,
      CONSENT_EXPIRY_SWEEP_MS: '200',
      // Its own consumer group, so suites sharing the run's broker never take each other's partitions.
      CONSUMER_GROUP: `consent-${this.database.name}`,
      ...environment,
    });
    this.app = await this.startApp();
  }

  /** Another replica of the service on the same database, as a second pod would run. */
  async startReplica(): Promise<NestFastifyApplication> {
    const replica = await this.startApp();
    this.replicas.push(replica);
    return replica;
  }

  private startApp(): Promise<NestFastifyApplication> {
    return createServiceApp(consentService, this.config, {
      transport: this.transport,
      metrics: createMetricsRegistry(),
    });
  }

  async stop(): Promise<void> {
    for (const replica of this.replicas) await replica.close();
    await this.app?.close();
    await this.transport?.stop();
    await this.tokenService.stop();
    await rm(this.directory, { recursive: true, force: true });
    await this.database?.drop();
  }

  /** A client_credentials token (sub = client_id) or, with a subject, an authorization-code token. */
  token(
    tpp: Tpp,
    claims: {
      scope: string;
      sub?: string;
      authorization_details?: object[];
      grant_id?: string;
      exp?: number;
    },
  ): Promise<string> {
    return this.tokenService.accessToken(tpp, {
      ...claims,
      jti: `at-${Date.now()}-${++this.issued}`,
    });
  }

  async call(
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    call: Call = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- OB bodies are asserted field by field
  ): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
    const tpp = call.tpp ?? this.tpps[0];
    const url = `${BASE}${path}`;
    const headers: Record<string, string> = { ...call.headers };
    if (call.token) {
      headers['authorization'] = `DPoP ${call.token}`;
      headers['dpop'] = await createDpopProof({
        key: tpp.dpopKey,
        method,
        url: `${ORIGIN}${url}`,
        accessToken: call.token,
        clock: Date.now,
      });
    }
    const payload = call.rawBody ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    if (payload !== undefined && call.sign) {
      headers['x-jws-signature'] = await signDetachedJws(tpp.signingKey, payload, {
        issuer: tpp.clientId,
        clock: Date.now,
      });
    }
    const server = (call.replica ?? this.app)
      .getHttpAdapter()
      .getInstance() as unknown as import('fastify').FastifyInstance;
    const response = await server.inject({ method, url, headers, payload });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? response.json() : undefined,
    };
  }

  /** What the authorize service publishes when the PSU approves. */
  async approve(tpp: Tpp, data: Partial<AuthorizationApprovedV1> & { grantId: string }): Promise<void> {
    await this.publish('AuthorizationApproved', {
      clientId: tpp.clientId,
      subject: 'sub-pseudonym-1',
      grantManagementAction: 'create',
      scopes: ['openid', 'accounts', 'payments'],
      authorizationDetails: [],
      consentIds: [],
      accountIds: ['acc-alice-current'],
      authTime: new Date().toISOString(),
      ...data,
    });
  }

  async deny(tpp: Tpp, consentIds: string[]): Promise<void> {
    const data: AuthorizationDeniedV1 = { clientId: tpp.clientId, reason: 'psu_denied', consentIds };
    await this.publish('AuthorizationDenied', data);
  }

  /** What the authorize service publishes when the PSU withdraws access on the self-service page. */
  async psuRevoked(tpp: Tpp, data: Partial<PsuRevokedAccessV1> & { consentIds: string[] }): Promise<string> {
    return this.publish('PsuRevokedAccess', { clientId: tpp.clientId, subject: 'sub-pseudonym-1', ...data });
  }

  /** Appends the event (published over the broker by the outbox); returns its id. */
  private async publish(type: string, data: object): Promise<string> {
    const appended = await this.app
      .get(EventStore)
      .append(`authorization-${Date.now()}-${++this.issued}`, 'no-stream', [{ type, data }], {
        correlationId: `corr-${this.issued}`,
        actor: { kind: 'psu', id: 'sub-pseudonym-1' },
      });
    return appended.events[0].eventId;
  }
}
