// The token service over real HTTP on a real PostgreSQL, as integration tests use it: a fresh
// database, generated AS keys, a clients file with the given TPPs, ISSUER = the service's own URL,
// and a clock tests can move (CODE-1 at 61 s). Codes are sealed here with the service's sealing key,
// exactly as authorize seals them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import {
  type Clock,
  generateSigningKey,
  randomId,
  seal,
  sealingKeyRingFromConfig,
  type SigningKey,
} from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { InProcessTransport } from '@grantline/messaging';
import { AUTHORIZATION_CODE_SEAL_PURPOSE, type AuthorizationCodeContent } from '@grantline/oauth';
import { createMetricsRegistry, createServiceApp, loadConfig } from '@grantline/platform';
import {
  TestTpp,
  createTestDatabase,
  freePort,
  writeClientsFile,
  type TestDatabase,
} from '@grantline/testing';
import { TOKEN_SETTINGS, type TokenSettings } from '../settings/token-settings';
import { TokenConfig } from '../token.config';
import { tokenService } from '../service';

export interface TokenHarness {
  issuer: string;
  tokenEndpoint: string;
  app: NestFastifyApplication;
  dataSource: DataSource;
  events: EventStore;
  tpps: TestTpp[];
  /** The AS signing key, to verify issued tokens. */
  signingKey: SigningKey;
  /** Moves the service's clock (ms); 0 is real time. */
  setClockOffset(ms: number): void;
  clock: Clock;
  /** A sealed code as authorize would issue it for `tpp`, with overrides. */
  sealCode(tpp: TestTpp, overrides?: Partial<AuthorizationCodeContent>, ttlSeconds?: number): SealedCode;
  close(): Promise<void>;
}

export interface SealedCode {
  code: string;
  content: AuthorizationCodeContent;
  verifier: string;
}

export interface TokenHarnessOptions {
  tpps?: TestTpp[];
  /** Further RFC 7591 registrations (mTLS clients, say) for the clients file. */
  clients?: Record<string, unknown>[];
  env?: Record<string, string>;
}

export async function startToken(options: TokenHarnessOptions = {}): Promise<TokenHarness> {
  const tpps = options.tpps ?? [new TestTpp(), new TestTpp()];
  const database: TestDatabase = await createTestDatabase('token');
  const directory = mkdtempSync(join(tmpdir(), 'grantline-token-'));
  const clientsFile = join(directory, 'clients.json');
  writeClientsFile(clientsFile, tpps);
  if (options.clients) {
    const document = JSON.parse(readFileSync(clientsFile, 'utf8')) as { clients: unknown[] };
    writeFileSync(clientsFile, JSON.stringify({ clients: [...document.clients, ...options.clients] }));
  }
  const keysFile = join(directory, 'signing-keys.json');
  const generated = generateSigningKey('ES256', 'as-es256');
  writeFileSync(keysFile, JSON.stringify({ keys: [generated.privateJwk] }));
  const sealingKeys = `k1:${randomId(32)}`;
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const config = loadConfig(TokenConfig, {
    DATABASE_URL: database.url,
    MIGRATE_ON_START: 'true',
    OUTBOX_POLL_INTERVAL_MS: '100',
    LOG_LEVEL: process.env['TOKEN_TEST_LOG_LEVEL'] ?? 'silent',
    ISSUER: issuer,
    SIGNING_KEYS_FILE: keysFile,
    CODE_SEALING_KEYS: sealingKeys,
    GRANTLINE_CLIENTS_FILE: clientsFile,
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const transport = new InProcessTransport();
  await transport.start();
  const app = await createServiceApp(tokenService, config, { transport, metrics: createMetricsRegistry() });
  let offset = 0;
  const clock: Clock = () => Date.now() + offset;
  // Tests move time by swapping the settings' clock: every check reads the clock from the settings.
  Object.assign(app.get<TokenSettings>(TOKEN_SETTINGS), { clock });
  await app.listen({ host: '127.0.0.1', port });
  const ring = sealingKeyRingFromConfig(sealingKeys, 'CODE_SEALING_KEYS');
  return {
    issuer,
    tokenEndpoint: `${issuer}/token`,
    app,
    dataSource: app.get(DataSource),
    events: app.get(EventStore),
    tpps,
    signingKey: generated.signingKey,
    clock,
    setClockOffset(ms) {
      offset = ms;
    },
    sealCode(tpp, overrides = {}, ttlSeconds = 30) {
      const pkce = tpp.newPkce();
      const content: AuthorizationCodeContent = {
        cid: `co-${randomId(16)}`,
        client_id: tpp.clientId,
        redirect_uri: tpp.redirectUri,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
        dpop_jkt: tpp.dpopJkt,
        sub: `psu-${randomId(16)}`,
        grant_id: `gr-${randomId(16)}`,
        scope: 'openid accounts',
        authorization_details: [{ type: 'account_access', consent_id: `aac-${randomId(16)}` }],
        consent_ids: [`aac-${randomId(16)}`],
        account_ids: ['acc-1'],
        nonce: randomId(16),
        auth_time: Math.floor(Date.now() / 1000) - 5,
        acr: 'urn:grantline:acr:demo',
        ...overrides,
      };
      const code = seal(
        { ...content },
        { keys: ring, clock: Date.now, ttlSeconds, purpose: AUTHORIZATION_CODE_SEAL_PURPOSE },
      );
      return { code, content, verifier: pkce.verifier };
    },
    async close() {
      await app.close();
      await transport.stop();
      await database.drop();
    },
  };
}
