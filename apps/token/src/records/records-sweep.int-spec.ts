// The sweep keeps the records small: long-expired token records and redeemed codes past any code's
// life go; a redeemed code still within reach of a replay stays (CODE-2 depends on it).
import type { DataSource } from 'typeorm';
import { EventStore, eventStoreMigrations } from '@grantline/event-store';
import { openServiceDatabase } from '@grantline/platform';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import { tokenMigrations } from '../migrations';
import { EXPIRED_RECORD_RETENTION_MS, REDEEMED_CODE_RETENTION_MS, RecordsSweep } from './records-sweep';
import { redeemCode } from '../test/redeem-code';
import { TokenRecords } from './token-records';

let database: TestDatabase;
let dataSource: DataSource;

beforeAll(async () => {
  database = await createTestDatabase('token_sweep');
  dataSource = await openServiceDatabase(
    {
      service: 'token',
      schema: 'token',
      url: database.url,
      migrations: [...eventStoreMigrations, ...(tokenMigrations as unknown[])] as never,
    },
    true,
  );
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

it('[CODE-2] deletes long-expired records and old redeemed codes, and keeps codes a replay could still name', async () => {
  const records = new TokenRecords(dataSource);
  const sweep = new RecordsSweep(records);
  const redeemFreshCode = () =>
    redeemCode(records, new EventStore(dataSource), { codeId: 'code-fresh', clientId: 'tpp-one' });
  const now = Date.now();
  const at = (jti: string, expiresAt: number) =>
    records.recordIssued({
      access: {
        jti,
        clientId: 'tpp-one',
        scopes: [],
        issuedAt: new Date(expiresAt - 300_000),
        expiresAt: new Date(expiresAt),
      },
    });
  await at('long-expired', now - EXPIRED_RECORD_RETENTION_MS - 60_000);
  await at('recently-expired', now - 60_000);
  await redeemFreshCode();

  // A sweep run far enough in the future forgets the code; one now keeps it.
  expect(await sweep.sweep(new Date(now))).toBe(1);
  expect(await records.findAccessToken('long-expired')).toBeUndefined();
  expect(await records.findAccessToken('recently-expired')).toBeDefined();
  expect(await redeemFreshCode()).toBe(false);

  await sweep.sweep(new Date(now + REDEEMED_CODE_RETENTION_MS + 60_000));
  expect(await redeemFreshCode()).toBe(true);
});
