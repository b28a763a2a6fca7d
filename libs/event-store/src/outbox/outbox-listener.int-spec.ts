// The LISTEN connection on real PostgreSQL: woken by NOTIFY, reconnecting when the server drops
// it, and letting go of it exactly once, whoever lets go first (stop, or the server).
import { DataSource } from 'typeorm';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import { OutboxListener } from './outbox-listener';

describe('outbox listener', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let admin: DataSource;
  let wakes = 0;
  let listener: OutboxListener;

  const listeningBackends = async (): Promise<number[]> =>
    (
      await admin.query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'outbox-listener-test'
            AND query LIKE 'LISTEN%'`,
      )
    ).map((row: { pid: number }) => row.pid);

  const terminateListeners = async () => {
    for (const pid of await listeningBackends()) {
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase('outbox_listener');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      applicationName: 'outbox-listener-test',
      extra: { max: 4 },
    });
    admin = new DataSource({ type: 'postgres', url: database.url, extra: { max: 1 } });
    await Promise.all([dataSource.initialize(), admin.initialize()]);
  });

  beforeEach(() => {
    wakes = 0;
    listener = new OutboxListener(dataSource, () => (wakes += 1));
  });

  afterEach(() => listener.stop());

  afterAll(async () => {
    await dataSource?.destroy();
    await admin?.destroy();
    await database?.drop();
  });

  it('wakes on a notification on its schema channel', async () => {
    await listener.start();
    const afterStart = wakes;
    await admin.query(`SELECT pg_notify('grantline_outbox_public', '')`);
    await eventually(() => expect(wakes).toBeGreaterThan(afterStart));
  });

  it('reconnects by itself when the server drops the connection, and wakes once reconnected', async () => {
    await listener.start();
    await eventually(async () => expect(await listeningBackends()).toHaveLength(1));
    await terminateListeners();
    await eventually(async () => expect(await listeningBackends()).toHaveLength(1));
    const afterReconnect = wakes;
    await admin.query(`SELECT pg_notify('grantline_outbox_public', '')`);
    await eventually(() => expect(wakes).toBeGreaterThan(afterReconnect));
  });

  it('survives the server dropping a connection it already gave back on stop (no double release)', async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      await listener.start();
      await listener.stop();
      // The released client idles in the pool; PostgreSQL shutting down terminates it.
      for (const { pid } of await admin.query(
        `SELECT pid FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'outbox-listener-test'`,
      )) {
        await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      }
      await new Promise((settle) => setTimeout(settle, 300));
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  });
});
