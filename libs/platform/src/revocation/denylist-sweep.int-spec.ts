// The denylist against real PostgreSQL: revoked tokens are refused until an hour past their expiry,
// then swept; grants, consents and tokens revoked without an expiry stay.
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import { denylistMigrations } from './denylist-migrations';
import { DenylistSweep } from './denylist-sweep';
import { PostgresDenylist } from './postgres-denylist';

describe('the denylist sweep', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let denylist: PostgresDenylist;
  const now = new Date('2026-12-07T12:00:00Z');
  const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();
  const revoked = (jti: string, grantId?: string) => denylist.isRevoked({ jti, grantId, consentIds: [] });

  beforeAll(async () => {
    database = await createTestDatabase('denylist');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      migrations: [...denylistMigrations],
    });
    await dataSource.initialize();
    await dataSource.runMigrations();
    denylist = new PostgresDenylist(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('[TOK-6] drops a revoked token an hour after it expired, and keeps everything else', async () => {
    await dataSource.transaction(async (transaction) => {
      await PostgresDenylist.add(transaction, 'token', 'jti-expired-long-ago', at(-61));
      await PostgresDenylist.add(transaction, 'token', 'jti-expired-just-now', at(-59));
      await PostgresDenylist.add(transaction, 'token', 'jti-still-valid', at(5));
      await PostgresDenylist.add(transaction, 'token', 'jti-without-expiry');
      await PostgresDenylist.add(transaction, 'grant', 'grant-1');
    });
    expect(await new DenylistSweep(denylist).sweep(now)).toBe(1);

    expect(await revoked('jti-expired-long-ago')).toBe(false);
    for (const jti of ['jti-expired-just-now', 'jti-still-valid', 'jti-without-expiry'])
      expect(await revoked(jti)).toBe(true);
    expect(await revoked('any-jti', 'grant-1')).toBe(true);
  });

  it('runs its migrations again without change (the consent schema created the table first)', async () => {
    await expect(dataSource.runMigrations()).resolves.toEqual([]);
    const runner = dataSource.createQueryRunner();
    try {
      for (const Migration of denylistMigrations) await new Migration().up(runner);
    } finally {
      await runner.release();
    }
  });
});
