// GM-2 and TOK-6 across services: the grants, token and consent services, each with its own schema
// and its own Kafka client (as separate processes would be), on real PostgreSQL and the real broker.
// A TPP's DELETE /grants/{id} ends in GrantRevoked; the token service revokes the grant's tokens
// (TokenRevoked); the consent service's denylist then refuses the old access token, introspection
// says inactive and the refresh token is refused.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { consentService } from '@grantline/consent-service';
import { grantsService } from '@grantline/grants-service';
import { tokenService } from '@grantline/token-service';
import type { AuthorizationApprovedV1 } from '@grantline/contracts';
import { randomId, seal, sealingKeyRingFromConfig } from '@grantline/crypto';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import { EventStore } from '@grantline/event-store';
import { KafkaTransport, type EventTransport } from '@grantline/messaging';
import { AUTHORIZATION_CODE_SEAL_PURPOSE, type AuthorizationCodeContent } from '@grantline/oauth';
import {
  createMetricsRegistry,
  createServiceApp,
  loadConfig,
  type ServiceDefinition,
} from '@grantline/platform';
import {
  TestTokenIssuer,
  TestTpp,
  createTestDatabase,
  eventually,
  writeClientsFile,
  type TestDatabase,
} from '@grantline/testing';

const ORIGIN = 'http://127.0.0.1:8080';
const SEALING_KEYS = `seal-1:${Buffer.alloc(32, 5).toString('base64url')}`;
const SUBJECT = 'sub-cascade-1';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- bodies are asserted field by field
type Reply = { status: number; body: any };

describe('[GM-2] DELETE /grants/{id} reaches the token and consent services over Kafka', () => {
  const tpp = new TestTpp({ clientId: 'tpp-cascade' });
  const issuer = new TestTokenIssuer(ORIGIN);
  let tokenApp: NestFastifyApplication;
  let consentApp: NestFastifyApplication;
  let grantsApp: NestFastifyApplication;
  const transports: EventTransport[] = [];
  let database: TestDatabase;
  let directory: string;

  async function start(definition: ServiceDefinition, environment: Record<string, string>) {
    const transport = new KafkaTransport({
      brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
      clientId: `${definition.name}-cascade-${Date.now()}`,
    });
    transports.push(transport);
    await transport.start();
    const config = loadConfig(definition.configClass, {
      DATABASE_URL: database.url,
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'silent',
      OUTBOX_POLL_INTERVAL_MS: '50',
      RATE_LIMIT_PER_MINUTE: '100000',
      ISSUER: ORIGIN,
      CONSUMER_GROUP: `${definition.name}-${database.name}`,
      ...environment,
    });
    return createServiceApp(definition, config, { transport, metrics: createMetricsRegistry() });
  }

  beforeAll(async () => {
    database = await createTestDatabase('cascade');
    await prepareDemoCoreBank(database.url);
    const jwksUri = await issuer.start();
    directory = await mkdtemp(join(tmpdir(), 'cascade-'));
    const clientsFile = join(directory, 'clients.json');
    writeClientsFile(clientsFile, [tpp]);
    tokenApp = await start(tokenService, {
      SIGNING_KEYS: JSON.stringify({ keys: [issuer.privateJwk] }),
      CODE_SEALING_KEYS: SEALING_KEYS,
      GRANTLINE_CLIENTS_FILE: clientsFile,
    });
    consentApp = await start(consentService, {
      ISSUER_JWKS_URI: jwksUri,
      GRANTLINE_CLIENTS_FILE: clientsFile,
    });
    grantsApp = await start(grantsService, { ISSUER_JWKS_URI: jwksUri });
  });

  afterAll(async () => {
    for (const app of [grantsApp, consentApp, tokenApp]) await app?.close();
    for (const transport of transports) await transport.stop();
    await issuer.stop();
    if (directory) await rm(directory, { recursive: true, force: true });
    await database?.drop();
  });

  async function call(
    app: NestFastifyApplication,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    options: {
      token?: string;
      form?: Record<string, string>;
      json?: object;
      headers?: Record<string, string>;
    },
  ): Promise<Reply> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) {
      headers['authorization'] = `DPoP ${options.token}`;
      headers['dpop'] = await tpp.dpopProof(method, `${ORIGIN}${path}`, options.token);
    }
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['dpop'] ??= await tpp.dpopProof(method, `${ORIGIN}${path}`);
      payload = new URLSearchParams({
        client_id: tpp.clientId,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await tpp.clientAssertion(ORIGIN),
        ...options.form,
      }).toString();
    } else if (options.json) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    const server = app.getHttpAdapter().getInstance() as unknown as import('fastify').FastifyInstance;
    const response = await server.inject({ method, url: path, headers, payload });
    return { status: response.statusCode, body: response.body ? response.json() : undefined };
  }

  const token = (form: Record<string, string>) => call(tokenApp, 'POST', '/token', { form });

  async function clientCredentials(scope: string): Promise<string> {
    const reply = await token({ grant_type: 'client_credentials', scope });
    expect(reply.status).toBe(200);
    return reply.body.access_token as string;
  }

  /** The PSU approves: the event authorize appends, published over Kafka to all three services. */
  async function approve(approval: AuthorizationApprovedV1): Promise<void> {
    await tokenApp
      .get(EventStore)
      .append(
        `authorization-${randomId(16)}`,
        'no-stream',
        [{ type: 'AuthorizationApproved', data: approval }],
        {
          correlationId: `corr-${randomId(16)}`,
          actor: { kind: 'psu', id: SUBJECT },
          clientId: tpp.clientId,
        },
      );
  }

  /** The code authorize would have sealed for this approval, redeemed at the token endpoint. */
  async function redeemCode(
    grantId: string,
    consentId: string,
  ): Promise<{ access: string; refresh: string }> {
    const pkce = tpp.newPkce();
    const content: AuthorizationCodeContent = {
      cid: `co-${randomId(16)}`,
      client_id: tpp.clientId,
      redirect_uri: tpp.redirectUri,
      code_challenge: pkce.challenge,
      code_challenge_method: 'S256',
      dpop_jkt: tpp.dpopJkt,
      sub: SUBJECT,
      grant_id: grantId,
      scope: 'openid accounts',
      authorization_details: [{ type: 'account_access', consent_id: consentId }],
      consent_ids: [consentId],
      account_ids: ['acc-alice-current'],
      nonce: randomId(16),
      auth_time: Math.floor(Date.now() / 1000) - 5,
      acr: 'urn:grantline:acr:demo',
    };
    const code = seal(
      { ...content },
      {
        keys: sealingKeyRingFromConfig(SEALING_KEYS, 'CODE_SEALING_KEYS'),
        clock: Date.now,
        ttlSeconds: 60,
        purpose: AUTHORIZATION_CODE_SEAL_PURPOSE,
      },
    );
    const reply = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: tpp.redirectUri,
      code_verifier: pkce.verifier,
    });
    expect(reply.status).toBe(200);
    expect(reply.body.grant_id).toBe(grantId);
    return { access: reply.body.access_token as string, refresh: reply.body.refresh_token as string };
  }

  it('[GM-2] [TOK-6] the revoked grant’s access token is refused by consent, inactive at introspection, and its refresh token fails', async () => {
    const accountsToken = await clientCredentials('accounts');
    const created = await call(consentApp, 'POST', '/open-banking/v4.0/aisp/account-access-consents', {
      token: accountsToken,
      headers: { 'x-idempotency-key': `key-${randomId(16)}` },
      json: {
        Data: {
          Permissions: ['ReadAccountsDetail', 'ReadBalances'],
          ExpirationDateTime: new Date(Date.now() + 86_400_000).toISOString(),
        },
        Risk: {},
      },
    });
    expect(created.status).toBe(201);
    const consentId = created.body.Data.ConsentId as string;
    const grantId = `gr-${randomId(16)}`;
    await approve({
      clientId: tpp.clientId,
      subject: SUBJECT,
      grantId,
      grantManagementAction: 'create',
      scopes: ['openid', 'accounts'],
      authorizationDetails: [{ type: 'account_access', consent_id: consentId }],
      consentIds: [consentId],
      accountIds: ['acc-alice-current'],
      authTime: new Date().toISOString(),
    });
    const { access, refresh } = await redeemCode(grantId, consentId);
    await eventually(
      async () =>
        expect(
          (await call(consentApp, 'GET', '/open-banking/v4.0/aisp/accounts', { token: access })).status,
        ).toBe(200),
      { timeoutMs: 30_000 },
    );

    const manage = await clientCredentials('grant_management_query grant_management_revoke');
    await eventually(async () =>
      expect((await call(grantsApp, 'GET', `/grants/${grantId}`, { token: manage })).body).toEqual({
        scopes: [{ scope: 'openid accounts' }],
        claims: [],
        authorization_details: [{ type: 'account_access', consent_id: consentId }],
      }),
    );
    expect((await call(grantsApp, 'DELETE', `/grants/${grantId}`, { token: manage })).status).toBe(204);

    await eventually(async () => {
      const refused = await call(consentApp, 'GET', '/open-banking/v4.0/aisp/accounts', { token: access });
      expect(refused.status).toBe(401);
    });
    // The token service's own revocation (TokenRevoked) reached the consent service's denylist too.
    const jti = JSON.parse(Buffer.from(access.split('.')[1], 'base64url').toString('utf8')).jti as string;
    await eventually(async () => {
      const rows: unknown[] = await consentApp
        .get(DataSource)
        .query(`SELECT 1 FROM revoked_credentials WHERE kind = 'token' AND id = $1`, [jti]);
      expect(rows).toHaveLength(1);
    });
    expect((await call(tokenApp, 'POST', '/introspect', { form: { token: access } })).body).toEqual({
      active: false,
    });
    const refreshed = await token({ grant_type: 'refresh_token', refresh_token: refresh });
    expect([refreshed.status, refreshed.body.error]).toEqual([400, 'invalid_grant']);
    expect((await call(grantsApp, 'GET', `/grants/${grantId}`, { token: manage })).status).toBe(404);
  });
});
