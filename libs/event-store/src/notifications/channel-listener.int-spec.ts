// The LISTEN connection on real PostgreSQL: woken by NOTIFY, reconnecting when the server drops
// it, and letting go of it exactly once, whoever lets go first (stop, or the server).
import { DataSource } from 'typeorm';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import { ChannelListener } from './channel-listener';

describe('channel listener', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let admin: DataSource;
  let wakes = 0;
  let listener: ChannelListener;

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
    listener = new ChannelListener(dataSource, {
      channel: (schema) => `grantline_outbox_${schema}`,
      onNotification: () => (wakes += 1),
      onListening: () => (wakes += 1),
    });
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

  it("passes each notification's payload on", async () => {
    const payloads: string[] = [];
    const listening = new ChannelListener(dataSource, {
      channel: (schema) => `grantline_test_${schema}`,
      onNotification: (payload) => payloads.push(payload),
    });
    try {
      await listening.start();
      await admin.query(`SELECT pg_notify('grantline_test_public', 'token:jti-1')`);
      await admin.query(`SELECT pg_notify('grantline_test_public', '')`);
      await eventually(() => expect(payloads).toEqual(['token:jti-1', '']));
    } finally {
      await listening.stop();
    }
  });

  it('notices a connection that went silent by its unanswered heartbeat, and listens again', async () => {
    const said: string[] = [];
    const heartbeating = new ChannelListener(dataSource, {
      channel: (schema) => `grantline_test_${schema}`,
      onNotification: (payload) => said.push(`notified ${payload}`),
      onListening: () => said.push('listening'),
      onLost: () => said.push('lost'),
      heartbeatMs: 200,
    });
    const backends = async (): Promise<number[]> =>
      (
        await admin.query(
          `SELECT pid FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'outbox-listener-test'
              AND (query LIKE 'LISTEN%' OR query = 'SELECT 1')`,
        )
      ).map((row: { pid: number }) => row.pid);
    let frozen: number | undefined;
    try {
      await heartbeating.start();
      await eventually(async () => expect(await backends()).toHaveLength(1));
      [frozen] = await backends();
      // A stopped backend neither answers nor closes: what a network partition looks like.
      process.kill(frozen, 'SIGSTOP');
      await eventually(() => expect(said).toEqual(['listening', 'lost', 'listening']));
      await admin.query(`SELECT pg_notify('grantline_test_public', 'after')`);
      await eventually(() => expect(said).toContain('notified after'));
    } finally {
      if (frozen !== undefined) process.kill(frozen, 'SIGCONT');
      await heartbeating.stop();
    }
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
