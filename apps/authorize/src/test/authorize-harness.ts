// The authorize service over real HTTP on a real PostgreSQL, as integration tests use it: a fresh
// database, generated AS keys, a clients file with the given TPPs, ISSUER = the service's own URL.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import { generateSigningKey, randomId } from '@grantline/crypto';
import { EventStore } from '@grantline/event-store';
import { InProcessTransport } from '@grantline/messaging';
import { createMetricsRegistry, createServiceApp, loadConfig } from '@grantline/platform';
import {
  TestTpp,
  createTestDatabase,
  freePort,
  writeClientsFile,
  type TestDatabase,
} from '@grantline/testing';
import { AuthorizeConfig } from '../authorize.config';
import { authorizeService } from '../service';

export interface AuthorizeHarness {
  issuer: string;
  par: string;
  app: NestFastifyApplication;
  dataSource: DataSource;
  events: EventStore;
  tpps: TestTpp[];
  /** CODE_SEALING_KEYS, so tests can open the codes the token service will open. */
  sealingKeys: string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  tpps?: TestTpp[];
  env?: Record<string, string>;
}

export async function startAuthorize(options: HarnessOptions = {}): Promise<AuthorizeHarness> {
  const tpps = options.tpps ?? [new TestTpp(), new TestTpp()];
  const database: TestDatabase = await createTestDatabase('authorize');
  await prepareDemoCoreBank(database.url);
  const directory = mkdtempSync(join(tmpdir(), 'grantline-authorize-'));
  const clientsFile = join(directory, 'clients.json');
  writeClientsFile(clientsFile, tpps);
  const keysFile = join(directory, 'signing-keys.json');
  writeFileSync(keysFile, JSON.stringify({ keys: [generateSigningKey('ES256', 'as-es256').privateJwk] }));
  const sealingKeys = `k1:${randomId(32)}`;
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const config = loadConfig(AuthorizeConfig, {
    DATABASE_URL: database.url,
    MIGRATE_ON_START: 'true',
    OUTBOX_POLL_INTERVAL_MS: '100',
    LOG_LEVEL: process.env['AUTHORIZE_TEST_LOG_LEVEL'] ?? 'silent',
    ISSUER: issuer,
    SIGNING_KEYS_FILE: keysFile,
    CODE_SEALING_KEYS: sealingKeys,
    SUBJECT_PSEUDONYM_KEY: randomId(32),
    GRANTLINE_CLIENTS_FILE: clientsFile,
    RATE_LIMIT_PER_MINUTE: '100000',
    ...options.env,
  });
  const transport = new InProcessTransport();
  await transport.start();
  const app = await createServiceApp(authorizeService, config, {
    transport,
    metrics: createMetricsRegistry(),
  });
  await app.listen({ host: '127.0.0.1', port });
  return {
    issuer,
    par: `${issuer}/par`,
    app,
    dataSource: app.get(DataSource),
    events: app.get(EventStore),
    tpps,
    sealingKeys,
    async close() {
      await app.close();
      await transport.stop();
      await database.drop();
    },
  };
}
