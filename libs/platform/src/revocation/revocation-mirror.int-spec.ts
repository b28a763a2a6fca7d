// The denylist's in-memory mirror against real PostgreSQL: a revocation committed by any replica
// reaches every mirror by its notification; whenever the mirror may have missed one it answers
// nothing, and the table answers, so a revoked token never gets through a stale mirror.
import { DataSource } from 'typeorm';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import { denylistMigrations } from './denylist-migrations';
import { PostgresDenylist } from './postgres-denylist';
import { RevocationMirror, type RevocationMirrorOptions } from './revocation-mirror';

describe('the revocation mirror', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let otherReplica: DataSource;
  const mirrors: RevocationMirror[] = [];

  const query = (jti: string, grantId?: string, consentIds: string[] = []) => ({ jti, grantId, consentIds });
  const revoke = (kind: 'token' | 'grant' | 'consent', id: string, expiresAt?: string) =>
    otherReplica.transaction((transaction) => PostgresDenylist.add(transaction, kind, id, expiresAt));
  const startMirror = async (options: RevocationMirrorOptions = {}) => {
    const mirror = new RevocationMirror(dataSource, { heartbeatMs: 200, reloadRetryMs: 100, ...options });
    mirrors.push(mirror);
    await mirror.onApplicationBootstrap();
    return mirror;
  };
  const terminateListener = async () => {
    const rows: Array<{ pid: number }> = await otherReplica.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'revocation-mirror-test'
          AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')`,
    );
    for (const { pid } of rows) await otherReplica.query('SELECT pg_terminate_backend($1)', [pid]);
    return rows.length;
  };

  beforeAll(async () => {
    database = await createTestDatabase('revocation_mirror');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      applicationName: 'revocation-mirror-test',
      migrations: [...denylistMigrations],
      extra: { max: 4 },
    });
    otherReplica = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
    await Promise.all([dataSource.initialize(), otherReplica.initialize()]);
    await dataSource.runMigrations();
  });

  afterEach(async () => {
    for (const mirror of mirrors.splice(0)) await mirror.onApplicationShutdown();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await otherReplica?.destroy();
    await database?.drop();
  });

  it('[TOK-6] [GM-2] [CON-1] knows what was revoked before it started, and what another replica revokes after', async () => {
    await revoke('token', 'jti-before');
    const mirror = await startMirror();
    expect(mirror.isCurrent).toBe(true);
    expect(mirror.answer(query('jti-before'))).toBe(true);
    expect(mirror.answer(query('jti-other'))).toBe(false);

    await revoke('token', 'jti-after', new Date(Date.now() + 60_000).toISOString());
    await revoke('grant', 'grant-after');
    await revoke('consent', 'consent-after');
    await eventually(() => {
      expect(mirror.answer(query('jti-after'))).toBe(true);
      expect(mirror.answer(query('any', 'grant-after'))).toBe(true);
      expect(mirror.answer(query('any', 'grant-other', ['consent-other', 'consent-after']))).toBe(true);
    });
    expect(mirror.answer(query('any', 'grant-other', ['consent-other']))).toBe(false);
  });

  it('[TOK-6] answers nothing while its connection is lost, so the table refuses what was revoked meanwhile', async () => {
    const mirror = await startMirror({ heartbeatMs: 60_000 });
    const denylist = new PostgresDenylist(dataSource, mirror);
    expect(await terminateListener()).toBe(1);
    // It reconnects after 100 ms at the earliest; until it has reloaded it must not answer.
    await eventually(() => expect(mirror.isCurrent).toBe(false), { timeoutMs: 2000, intervalMs: 5 });
    expect(mirror.answer(query('jti-during-the-gap'))).toBeUndefined();
    await revoke('token', 'jti-during-the-gap');
    expect(await denylist.isRevoked(query('jti-during-the-gap'))).toBe(true);

    // Back: it reloads the table, and so knows the revocation it was not told about.
    await eventually(() => expect(mirror.isCurrent).toBe(true));
    expect(mirror.answer(query('jti-during-the-gap'))).toBe(true);
  });

  it('[TOK-6] stops answering while its notifications do not arrive, and reloads once they do again', async () => {
    const mirror = await startMirror({ heartbeatMs: 100 });
    const neighbour = await startMirror({ heartbeatMs: 100 });
    // Probes come and go on the shared channel: neither replica takes the other's for its own.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect([mirror.isCurrent, neighbour.isCurrent]).toEqual([true, true]);

    const [listening]: Array<{ pid: number }> = await otherReplica.query(
      `SELECT pid FROM pg_stat_activity
        WHERE datname = current_database() AND application_name = 'revocation-mirror-test'
          AND (query LIKE 'LISTEN%' OR query = 'SELECT 1') ORDER BY backend_start LIMIT 1`,
    );
    // A backend that neither answers nor delivers: notifications stop, as behind a pooler.
    process.kill(listening.pid, 'SIGSTOP');
    try {
      await eventually(() => expect(mirror.isCurrent && neighbour.isCurrent).toBe(false), {
        timeoutMs: 3000,
        intervalMs: 10,
      });
      await revoke('token', 'jti-while-deaf');
    } finally {
      process.kill(listening.pid, 'SIGCONT');
    }
    await eventually(() => expect([mirror.isCurrent, neighbour.isCurrent]).toEqual([true, true]));
    expect(mirror.answer(query('jti-while-deaf'))).toBe(true);
    expect(neighbour.answer(query('jti-while-deaf'))).toBe(true);
  });

  it('reloads the table when a revoked id is too long to be announced', async () => {
    const mirror = await startMirror();
    const long = `jti-${'x'.repeat(7500)}`;
    await revoke('token', long);
    await eventually(() => expect(mirror.answer(query(long))).toBe(true));
  });

  it('gives up above its size limit and lets the table answer, then mirrors again once the sweep thins it', async () => {
    const [{ count }] = await otherReplica.query('SELECT count(*)::int AS count FROM revoked_credentials');
    const expired = new Date(Date.now() - 7_200_000).toISOString();
    for (let i = 0; i < 5; i++) await revoke('token', `jti-old-${i}`, expired);
    const mirror = await startMirror({ maxEntries: count + 4 });
    const denylist = new PostgresDenylist(dataSource, mirror);
    expect(mirror.isCurrent).toBe(false);
    expect(mirror.answer(query('jti-old-1'))).toBeUndefined();
    expect(await denylist.isRevoked(query('jti-old-1'))).toBe(true);

    await denylist.pruneExpiredTokens(new Date(Date.now() - 3_600_000));
    await eventually(() => expect(mirror.isCurrent).toBe(true));
    expect(mirror.answer(query('jti-old-1'))).toBe(false);
    expect(mirror.answer(query('jti-before'))).toBe(true);
  });

  it('forgets revoked tokens the sweep drops, and keeps grants and consents', async () => {
    const mirror = await startMirror();
    const denylist = new PostgresDenylist(dataSource, mirror);
    await revoke('token', 'jti-expiring', new Date(Date.now() - 7_200_000).toISOString());
    await eventually(() => expect(mirror.answer(query('jti-expiring'))).toBe(true));
    await denylist.pruneExpiredTokens(new Date(Date.now() - 3_600_000));
    expect(mirror.answer(query('jti-expiring'))).toBe(false);
    expect(mirror.answer(query('any', 'grant-after'))).toBe(true);
  });
});
