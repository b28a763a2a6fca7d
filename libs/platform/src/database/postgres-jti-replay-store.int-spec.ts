// The shared jti store on real PostgreSQL, as two replicas of a resource server use it: a jti is
// accepted once across both, also when many arrive at once and go in one insert.
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import { CreateResourceServerUsedJtis1763900000903 } from './resource-server-used-jtis.migration';
import { PostgresJtiReplayStore } from './postgres-jti-replay-store';

describe('PostgresJtiReplayStore', () => {
  let database: TestDatabase;
  const dataSources: DataSource[] = [];
  let replicaA: PostgresJtiReplayStore;
  let replicaB: PostgresJtiReplayStore;
  const inAMinute = () => Date.now() + 60_000;

  beforeAll(async () => {
    database = await createTestDatabase('jti_replay');
    for (let i = 0; i < 2; i++) {
      const dataSource = new DataSource({
        type: 'postgres',
        url: database.url,
        migrations: [CreateResourceServerUsedJtis1763900000903],
        extra: { max: 4 },
      });
      await dataSource.initialize();
      dataSources.push(dataSource);
    }
    await dataSources[0].runMigrations();
    [replicaA, replicaB] = dataSources.map((dataSource) => new PostgresJtiReplayStore(dataSource));
  });

  afterAll(async () => {
    for (const dataSource of dataSources) await dataSource.destroy();
    await database?.drop();
  });

  it('[DPOP-1] refuses a proof jti replayed at another replica, also within a burst of hundreds', async () => {
    const jtis = Array.from({ length: 300 }, (_, i) => `proof-${i}`);
    const first = await Promise.all(jtis.map((jti) => replicaA.remember(jti, inAMinute())));
    expect(first.every(Boolean)).toBe(true);
    const replayed = await Promise.all(jtis.map((jti) => replicaB.remember(jti, inAMinute())));
    expect(replayed.some(Boolean)).toBe(false);
  });

  it('[DPOP-1] accepts a jti sent twice at once exactly once', async () => {
    const both = await Promise.all([
      replicaA.remember('twice-at-once', inAMinute()),
      replicaA.remember('twice-at-once', inAMinute()),
      replicaB.remember('twice-at-once', inAMinute()),
    ]);
    expect(both.filter(Boolean)).toHaveLength(1);
  });

  it('[CLI-2] lets a jti be used again once its earlier use expired', async () => {
    expect(await replicaA.remember('expiring', Date.now() - 1000)).toBe(true);
    expect(await replicaB.remember('expiring', inAMinute())).toBe(true);
    expect(await replicaA.remember('expiring', inAMinute())).toBe(false);
  });

  it('[ROB-1] refuses an impossible expiry alone, without failing the jtis sent with it', async () => {
    const [bad, good] = await Promise.allSettled([
      replicaA.remember('bad-expiry', 1e20),
      replicaA.remember('good-beside-bad', inAMinute()),
    ]);
    expect(bad.status).toBe('rejected');
    expect(good).toEqual({ status: 'fulfilled', value: true });
  });

  it('keeps NUL and backslash jtis apart from their look-alikes', async () => {
    expect(await replicaA.remember('a\u0000b', inAMinute())).toBe(true);
    expect(await replicaA.remember('a\\0b', inAMinute())).toBe(true);
    expect(await replicaB.remember('a\u0000b', inAMinute())).toBe(false);
  });
});
