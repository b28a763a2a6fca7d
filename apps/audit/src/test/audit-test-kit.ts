// Shared by the audit service's integration tests: keys from the environment, the service booted
// on real PostgreSQL with a given transport, envelopes of every event type carrying raw secrets,
// and a compliance officer's token.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { grantlineCatalogue, type EventEnvelope } from '@grantline/contracts';
import { generateSigningKey, randomId, signJwt, type SigningKey } from '@grantline/crypto';
import type { EventTransport } from '@grantline/messaging';
import { createMetricsRegistry, createServiceApp, loadConfig } from '@grantline/platform';
import { AuditConfig } from '../audit.config';
import { auditService } from '../service';

export interface AuditTestKeys {
  env: Record<string, string>;
  officer: SigningKey;
  officerJwk: object;
}

export function auditTestKeys(): AuditTestKeys {
  const officer = generateSigningKey('ES256');
  return {
    officer: officer.signingKey,
    officerJwk: officer.privateJwk,
    env: {
      AUDIT_MASKING_KEY: randomId(32),
      AUDIT_SIGNING_KEY: JSON.stringify(generateSigningKey('EdDSA').privateJwk),
      AUDIT_COMPLIANCE_JWKS: JSON.stringify({ keys: [officer.signingKey.publicJwk] }),
    },
  };
}

export async function startAudit(
  databaseUrl: string,
  transport: EventTransport,
  keys: AuditTestKeys,
  extra: Record<string, string> = {},
): Promise<NestFastifyApplication> {
  const config = loadConfig(AuditConfig, {
    DATABASE_URL: databaseUrl,
    MIGRATE_ON_START: 'true',
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_INTERVAL_MS: '100',
    ...keys.env,
    ...extra,
  });
  return createServiceApp(auditService, config, { transport, metrics: createMetricsRegistry() });
}

/** Publishes envelopes as a producer's relay does: on their type's topic, keyed by stream. */
export function publishEvents(transport: EventTransport, events: readonly EventEnvelope[]): Promise<void> {
  return transport.publish(
    events.map((event) => ({
      topic: grantlineCatalogue.topicOf(event.type),
      key: event.streamId,
      value: JSON.stringify(event),
      headers: {},
    })),
  );
}

/** How many records the audit log holds. */
export async function storedRecords(app: NestFastifyApplication): Promise<number> {
  const [{ n }] = (await app.get(DataSource).query('SELECT count(*)::int AS n FROM audit_records')) as Array<{
    n: number;
  }>;
  return n;
}

export async function officerToken(
  officer: SigningKey,
  sub = 'officer-olivia',
  lifetime = 300,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    officer,
    { sub, aud: 'grantline-audit', iat: now, exp: now + lifetime, jti: randomId(16) },
    { typ: 'JWT' },
  );
}

/** What GET /audit/verify reports. */
export interface VerifyReport {
  ok: boolean;
  records: number;
  firstDivergence?: { position: number; reason: string };
}

/** GET /audit/verify as a compliance officer; fails the test unless it answers 200. */
export async function verifyThroughApi(
  app: NestFastifyApplication,
  officer: SigningKey,
): Promise<VerifyReport> {
  const response = await app
    .getHttpAdapter()
    .getInstance()
    .inject({ url: '/audit/verify', headers: { authorization: `Bearer ${await officerToken(officer)}` } });
  expect(response.statusCode).toBe(200);
  return response.json() as VerifyReport;
}

/** Raw values a masked log must never contain. */
export interface Secrets {
  subject: string;
  code: string;
  refreshToken: string;
  accessTokenRecord: string;
  account: string;
  creditorAccount: string;
  creditorName: string;
  psuName: string;
  assertion: string;
}

export function freshSecrets(tag: string): Secrets {
  return {
    subject: `psu-raw-${tag}`,
    code: `code-${randomId(16)}`,
    refreshToken: `rt-${randomId(16)}`,
    accessTokenRecord: `at-${randomId(16)}`,
    account: `GB29NWBK6016133192${tag.slice(0, 4).padEnd(4, '0')}`.replace(/[^A-Z0-9]/gi, '7'),
    creditorAccount: `DE8937040044053201${randomId(16)
      .replace(/[^0-9]/g, '')
      .padEnd(4, '1')
      .slice(0, 4)}`,
    creditorName: `Creditor ${tag} Ltd`,
    psuName: `Alice ${tag} Smith`,
    assertion: `eyJhbGciOiJFUzI1NiJ9.${randomId(24)}.${randomId(32)}`,
  };
}

/** One envelope of every event type in the catalogue, carrying the secrets where they could leak. */
export function everyEventType(
  secrets: Secrets,
  ids: { clientId: string; consentId: string; grantId: string },
): EventEnvelope[] {
  const { clientId, consentId, grantId } = ids;
  const detail = {
    type: 'payment_initiation',
    consent_id: consentId,
    instructedAmount: { amount: '10.00', currency: 'GBP' },
    creditorName: secrets.creditorName,
    creditorAccount: {
      schemeName: 'IBAN',
      identification: secrets.creditorAccount,
      name: secrets.creditorName,
    },
    client_assertion: secrets.assertion,
  };
  const grant = {
    grantId,
    clientId,
    subject: secrets.subject,
    scopes: ['payments'],
    claims: [],
    authorizationDetails: [detail],
    consentIds: [consentId],
  };
  const data: Record<string, object> = {
    AuthorizationApproved: {
      clientId,
      subject: secrets.subject,
      grantId,
      grantManagementAction: 'create',
      scopes: ['payments'],
      authorizationDetails: [detail],
      consentIds: [consentId],
      accountIds: [secrets.account],
      authTime: new Date().toISOString(),
    },
    AuthorizationDenied: {
      clientId,
      subject: secrets.subject,
      reason: 'psu_denied',
      consentIds: [consentId],
    },
    ParRequestPushed: {
      authorizationId: 'az-1',
      clientId,
      redirectUri: 'https://tpp.example/cb',
      scopes: ['payments'],
      authorizationDetails: [detail],
      consentIds: [consentId],
      responseMode: 'query',
      dpopJkt: randomId(32),
      requestUriFingerprint: secrets.code,
      requestObjectFingerprint: secrets.refreshToken,
      expiresAt: new Date().toISOString(),
      clientAssertionJtiSha256: randomId(32),
      clientAssertionExpiresAt: new Date().toISOString(),
    },
    AuthorizationStarted: { authorizationId: 'az-1', clientId },
    PsuAuthenticated: {
      authorizationId: 'az-1',
      clientId,
      subject: secrets.subject,
      acr: 'urn:grantline:acr:demo-password',
      amr: ['pwd'],
      authTime: new Date().toISOString(),
    },
    PsuAuthenticationFailed: {
      authorizationId: 'az-1',
      clientId,
      usernameFingerprint: secrets.code,
      reason: 'invalid_credentials',
    },
    CodeIssued: {
      authorizationId: 'az-1',
      codeId: secrets.code,
      clientId,
      grantId,
      responseMode: 'query',
      expiresAt: new Date().toISOString(),
    },
    PsuRevokedAccess: { clientId, subject: secrets.subject, grantId, consentIds: [consentId] },
    PsuSelfServiceSignedIn: {
      psuLink: secrets.subject,
      acr: 'urn:grantline:acr:demo',
      amr: ['pwd'],
      authTime: new Date().toISOString(),
    },
    PsuSelfServiceSignInFailed: { usernameFingerprint: secrets.code, reason: 'invalid_credentials' },
    CodeRedeemed: { codeId: secrets.code, clientId, grantId },
    CodeReuseDetected: { codeId: secrets.code, clientId, grantId },
    AccessTokenIssued: {
      jti: secrets.accessTokenRecord.replace('at-', 'jti-'),
      clientId,
      grantId,
      subject: secrets.subject,
      grantType: 'authorization_code',
      senderConstraint: 'dpop',
      scopes: ['payments'],
      expiresAt: new Date().toISOString(),
    },
    RefreshTokenIssued: { tokenId: secrets.refreshToken, clientId, grantId },
    TokenRevoked: {
      tokenKind: 'refresh_token',
      tokenId: secrets.refreshToken,
      clientId,
      grantId,
      reason: 'revoked_by_client',
    },
    ConsentCreated: {
      consentId,
      clientId,
      consentType: 'domestic-payment',
      instructedAmount: { amount: '10.00', currency: 'GBP' },
      creditorAccountIdentification: secrets.creditorAccount,
      creditorName: secrets.creditorName,
      debtorAccountSchemeName: 'UK.OBIE.IBAN',
      debtorAccountIdentification: secrets.account,
    },
    ConsentAuthorised: {
      consentId,
      clientId,
      subject: secrets.subject,
      grantId,
      accountIds: [secrets.account],
    },
    ConsentRejected: { consentId, clientId, statusReason: `Rejected by ${secrets.psuName}` },
    ConsentRevoked: { consentId, clientId, revokedBy: 'psu', statusReason: `Revoked by ${secrets.psuName}` },
    ConsentExpired: { consentId, clientId, expiredAt: new Date().toISOString() },
    ConsentConsumed: { consentId, clientId, paymentId: 'dp-1' },
    DomesticPaymentInitiated: {
      paymentId: 'dp-1',
      consentId,
      clientId,
      instructedAmount: { amount: '10.00', currency: 'GBP' },
    },
    DomesticPaymentStatusChanged: {
      paymentId: 'dp-1',
      consentId,
      clientId,
      status: 'RJCT',
      statusReason: 'InsufficientFunds',
    },
    GrantCreated: grant,
    GrantUpdated: grant,
    GrantReplaced: grant,
    GrantRevoked: { grantId, clientId, revokedBy: 'psu', reason: `${secrets.psuName} asked` },
    AuditLogQueried: {
      kind: 'query',
      officer: 'officer-olivia',
      filters: { subject: secrets.subject },
      resultCount: 0,
    },
  };
  return Object.entries(data).map(([type, payload], index) => ({
    id: globalThis.crypto.randomUUID(),
    type,
    schemaVersion: 1,
    streamId: `${type.toLowerCase()}-${consentId}`,
    streamPosition: index + 1,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${consentId}`,
    causationId: null,
    actor: { kind: 'psu', id: secrets.subject },
    data: payload,
  }));
}
