// The token service on real PostgreSQL and the real Kafka broker, for introspection, revocation
// and reaction tests. Tokens are minted the way the token endpoint mints them — signed with the
// service's own key ring and recorded through TokenRecords — so these tests do not depend on the
// whole authorization-code journey; other services are stood in for by events the test appends.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  generateSigningKey,
  issueAccessToken,
  jwkThumbprint,
  randomId,
  type AccessTokenClaims,
  type SigningKey,
} from '@grantline/crypto';
import { EventStore, type StoredEvent } from '@grantline/event-store';
import { KafkaTransport, type EventTransport } from '@grantline/messaging';
import { createMetricsRegistry, createServiceApp, loadConfig } from '@grantline/platform';
import { TestTpp, createTestDatabase, type TestDatabase } from '@grantline/testing';
import { TokenRecords } from '../records';
import { TokenConfig } from '../token.config';
import { tokenService } from '../service';

export const ISSUER = 'http://127.0.0.1:8080';

export interface MintedTokens {
  accessToken: string;
  jti: string;
  refreshToken: string;
  refreshTokenId: string;
  grantId: string;
  codeId: string;
}

export interface MintOptions {
  grantId?: string;
  codeId?: string;
  consentIds?: string[];
  lifetimeSeconds?: number;
  /** Only an access token (client_credentials). */
  withoutRefresh?: boolean;
}

export class TokenWorld {
  readonly asKey: SigningKey;
  private readonly asPrivateJwk: object;
  readonly tpps = [new TestTpp({ clientId: 'tpp-one' }), new TestTpp({ clientId: 'tpp-two' })];
  database!: TestDatabase;
  app!: NestFastifyApplication;
  private transport!: EventTransport;
  private directory!: string;
  private sequence = 0;

  constructor() {
    const generated = generateSigningKey('ES256', 'as-key-1');
    this.asKey = generated.signingKey;
    this.asPrivateJwk = generated.privateJwk;
  }

  /** `clients`: registrations besides the two TPPs (e.g. an mTLS client); `environment`: extra settings. */
  async start(options: { clients?: object[]; environment?: Record<string, string> } = {}): Promise<void> {
    this.database = await createTestDatabase('token');
    this.directory = await mkdtemp(join(tmpdir(), 'token-clients-'));
    const clientsFile = join(this.directory, 'clients.json');
    const registrations = [...this.tpps.map((tpp) => tpp.registration()), ...(options.clients ?? [])];
    await writeFile(clientsFile, JSON.stringify({ clients: registrations }));
    this.transport = new KafkaTransport({
      brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
      clientId: `token-test-${Date.now()}`,
    });
    await this.transport.start();
    const config = loadConfig(TokenConfig, {
      DATABASE_URL: this.database.url,
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '100',
      RATE_LIMIT_PER_MINUTE: '100000',
      ISSUER,
      SIGNING_KEYS: JSON.stringify({ keys: [this.asPrivateJwk] }),
      CODE_SEALING_KEYS: `seal-1:${Buffer.alloc(32, 7).toString('base64url')}`,
      GRANTLINE_CLIENTS_FILE: clientsFile,
      // Its own consumer group, so suites sharing the run's broker never take each other's partitions.
      CONSUMER_GROUP: `token-${this.database.name}`,
      ...options.environment,
    });
    this.app = await createServiceApp(tokenService, config, {
      transport: this.transport,
      metrics: createMetricsRegistry(),
    });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    await this.transport?.stop();
    if (this.directory) await rm(this.directory, { recursive: true, force: true });
    await this.database?.drop();
  }

  /** Signs and records an access token (and a refresh token) as the token endpoint would. */
  async mint(tpp: TestTpp, options: MintOptions = {}): Promise<MintedTokens> {
    const n = ++this.sequence;
    const grantId = options.grantId ?? `grant-${n}-${randomId(16)}`;
    const codeId = options.codeId ?? `code-${n}-${randomId(16)}`;
    const jti = `at-${n}-${randomId(16)}`;
    const refreshTokenId = `rt-${n}-${randomId(16)}`;
    const refreshToken = randomId(32);
    const now = Math.floor(Date.now() / 1000);
    const exp = now + (options.lifetimeSeconds ?? 300);
    const cnf = { jkt: jwkThumbprint(tpp.dpopKey.publicJwk) };
    const consentIds = options.consentIds ?? [`aac-${n}`];
    const authorizationDetails = consentIds.map((consent_id) => ({ type: 'account_access', consent_id }));
    const accessToken = await issueAccessToken(this.asKey, {
      iss: ISSUER,
      sub: 'psu-pseudonym-1',
      aud: ISSUER,
      client_id: tpp.clientId,
      iat: now,
      exp,
      jti,
      scope: 'openid accounts',
      cnf,
      authorization_details: authorizationDetails,
      grant_id: grantId,
    } as AccessTokenClaims);
    const common = {
      clientId: tpp.clientId,
      subject: 'psu-pseudonym-1',
      grantId,
      codeId,
      consentIds,
      scopes: ['openid', 'accounts'],
      cnf,
      issuedAt: new Date(now * 1000),
    };
    await this.app.get(TokenRecords).recordIssued({
      access: {
        ...common,
        jti,
        refreshTokenId: options.withoutRefresh ? undefined : refreshTokenId,
        expiresAt: new Date(exp * 1000),
      },
      ...(options.withoutRefresh
        ? {}
        : { refresh: { ...common, id: refreshTokenId, token: refreshToken, authorizationDetails } }),
    });
    return { accessToken, jti, refreshToken, refreshTokenId, grantId, codeId };
  }

  /** A form POST to one of the service's endpoints, authenticated as `tpp` unless told otherwise. */
  async post(
    path: '/introspect' | '/revoke' | '/token',
    parameters: Record<string, string>,
    as: TestTpp | 'anonymous' = this.tpps[0],
    headers: Record<string, string> = {},
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- OAuth bodies are asserted field by field
  ): Promise<{ status: number; headers: Record<string, unknown>; body: any }> {
    const form = new URLSearchParams(parameters);
    if (as !== 'anonymous') {
      form.set('client_id', as.clientId);
      form.set('client_assertion_type', 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      form.set('client_assertion', await as.clientAssertion(ISSUER));
    }
    const server = this.app.getHttpAdapter().getInstance() as unknown as import('fastify').FastifyInstance;
    const response = await server.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      payload: form.toString(),
    });
    return {
      status: response.statusCode,
      headers: response.headers,
      body: response.body ? response.json() : undefined,
    };
  }

  /** What another service publishes (GrantRevoked, ConsentRevoked), over the real backbone. */
  async publish(type: string, data: object): Promise<void> {
    const n = ++this.sequence;
    await this.app.get(EventStore).append(`external-${n}-${randomId(16)}`, 'no-stream', [{ type, data }], {
      correlationId: `corr-${n}`,
      actor: { kind: 'psu', id: 'psu-pseudonym-1' },
    });
  }

  /** The TokenRevoked events this service appended for one token. */
  async revokedEvents(kind: 'access-token' | 'refresh-token', id: string): Promise<StoredEvent[]> {
    const { events } = await this.app.get(EventStore).readStream(`${kind}-${id}`);
    return events.filter((event) => event.type === 'TokenRevoked');
  }
}
