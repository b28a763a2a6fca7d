// The event store on real PostgreSQL: optimistic concurrency, outbox rows in the same
// statement, the global read's in-flight rule, deciders with retries, and projections.
import { DataSource } from 'typeorm';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import type { EventMetadata } from '@grantline/contracts';
import { eventStoreMigrations } from '../schema/create-event-store.migration';
import { ConcurrencyError } from './errors';
import { EventStore } from './event-store';
import { handleCommand, type Decider } from '../deciders/decider';
import { Projector } from '../projections/projector';

const metadata: EventMetadata = { correlationId: 'corr-1', actor: { kind: 'tpp', id: 'tpp-1' } };
const revoked = (grantId: string) => ({
  type: 'GrantRevoked',
  data: { grantId, clientId: 'tpp-1', revokedBy: 'psu' as const, reason: 'PSU revoked it' },
});

type GrantState = { revocations: number };
type RevokeTwice = { grantId: string };
const revocationCounter: Decider<GrantState, RevokeTwice, ReturnType<typeof revoked>> = {
  initialState: () => ({ revocations: 0 }),
  evolve: (state) => ({ revocations: state.revocations + 1 }),
  decide: (command, state) => (state.revocations >= 5 ? [] : [revoked(command.grantId)]),
};

describe('event store', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: EventStore;

  const open = async (max = 10) => {
    const source = new DataSource({
      type: 'postgres',
      url: database.url,
      schema: 'grants',
      migrations: [...eventStoreMigrations],
      extra: { max, options: '-c search_path=grants' },
    });
    await source.initialize();
    return source;
  };

  beforeAll(async () => {
    database = await createTestDatabase('event_store');
    dataSource = await open();
    await dataSource.query('CREATE SCHEMA IF NOT EXISTS grants');
    await dataSource.runMigrations();
    store = new EventStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('appends events and their outbox rows together, with the envelope the transports carry', async () => {
    const result = await store.append(
      'grant-a',
      'no-stream',
      [revoked('grant-a'), revoked('grant-a')],
      metadata,
    );
    expect(result.nextExpectedVersion).toBe(2);
    const { version, events } = await store.readStream('grant-a');
    expect(version).toBe(2);
    expect(events.map((event) => event.streamPosition)).toEqual([1, 2]);
    const outbox: Array<{ topic: string; envelope: Record<string, unknown> }> = await dataSource.query(
      "SELECT topic, envelope FROM outbox WHERE stream_id = 'grant-a' ORDER BY id",
    );
    expect(outbox).toHaveLength(2);
    expect(outbox[0].topic).toBe('grantline.grant.v1');
    expect(outbox[1].envelope).toMatchObject({
      id: events[1].eventId,
      type: 'GrantRevoked',
      schemaVersion: 1,
      streamId: 'grant-a',
      streamPosition: 2,
      correlationId: 'corr-1',
      causationId: null,
      actor: { kind: 'tpp', id: 'tpp-1' },
      data: { grantId: 'grant-a' },
    });
    expect(outbox[1].envelope['occurredAt']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('refuses a payload its contract does not allow, before anything is written', async () => {
    await expect(
      store.append('grant-bad', 'no-stream', [{ type: 'GrantRevoked', data: { grantId: 'x' } }], metadata),
    ).rejects.toMatchObject({ code: 'event_rejected' });
    expect((await store.readStream('grant-bad')).version).toBe(0);
  });

  it('refuses a stream id consumers would refuse, and takes one with the identifier alphabet', async () => {
    const revoked = {
      type: 'GrantRevoked',
      data: { grantId: 'g~1', clientId: 'c', revokedBy: 'tpp', reason: 'test' },
    };
    await expect(store.append('grant with spaces', 'no-stream', [revoked], metadata)).rejects.toThrow(
      RangeError,
    );
    expect((await store.append('grant-g~1', 'no-stream', [revoked], metadata)).nextExpectedVersion).toBe(1);
  });

  it('rejects a stale or a future expected version with ConcurrencyError', async () => {
    await store.append('grant-b', 'no-stream', [revoked('grant-b')], metadata);
    await expect(store.append('grant-b', 'no-stream', [revoked('grant-b')], metadata)).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await expect(store.append('grant-b', 5, [revoked('grant-b')], metadata)).rejects.toMatchObject({
      code: 'concurrency_conflict',
      actualVersion: 1,
    });
    expect((await store.readStream('grant-b')).version).toBe(1);
  });

  it('lets exactly one of many concurrent appends at one version win; the others get ConcurrencyError', async () => {
    await store.append('grant-c', 'no-stream', [revoked('grant-c')], metadata);
    const contenders = await Promise.allSettled(
      Array.from({ length: 8 }, () => store.append('grant-c', 1, [revoked('grant-c')], metadata)),
    );
    const won = contenders.filter((outcome) => outcome.status === 'fulfilled');
    const lost = contenders.filter((outcome) => outcome.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const outcome of lost)
      expect((outcome as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream('grant-c')).version).toBe(2);
    const [{ count }] = await dataSource.query(
      "SELECT count(*)::int AS count FROM outbox WHERE stream_id = 'grant-c'",
    );
    expect(count).toBe(2);
  });

  it('retries a command that lost the race, deciding again on the new state', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 4 }, () =>
        handleCommand(store, revocationCounter, 'grant-d', { grantId: 'grant-d' }, metadata, {
          maxAttempts: 6,
        }),
      ),
    );
    expect((await store.readStream('grant-d')).version).toBe(4);
    expect(Math.max(...outcomes.map((outcome) => outcome.attempts))).toBeGreaterThan(1);
  });

  it('gives up after maxAttempts and surfaces the ConcurrencyError', async () => {
    const alwaysBehind: Decider<GrantState, RevokeTwice, ReturnType<typeof revoked>> = {
      ...revocationCounter,
      decide: (command) => [revoked(command.grantId)],
    };
    await store.append('grant-e', 'no-stream', [revoked('grant-e')], metadata);
    // A reader that always sees a stale version: every append it decides on conflicts.
    const sneaky = Object.assign(Object.create(store) as EventStore, {
      readStream: async () => ({ version: 0, events: [] }),
    });
    await expect(
      handleCommand(sneaky, alwaysBehind, 'grant-e', { grantId: 'grant-e' }, metadata, { maxAttempts: 2 }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('never lets the global read skip an event that commits after a later one', async () => {
    const reader = new EventStore(dataSource);
    // Start from where every earlier test's events are visible: the read holds back rows while any
    // older transaction in the cluster (another suite's) is in flight.
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM events');
    let tail: Awaited<ReturnType<EventStore['readAll']>> = [];
    await eventually(async () => {
      tail = await reader.readAll(undefined, 10_000);
      expect(tail).toHaveLength(count);
    });
    const checkpoint = tail[tail.length - 1];
    const slow = dataSource.createQueryRunner();
    await slow.connect();
    await slow.startTransaction();
    try {
      // The slow transaction takes its position first and commits last.
      await store.append('grant-slow', 'no-stream', [revoked('grant-slow')], metadata, {
        transaction: slow.manager,
      });
      await store.append('grant-fast', 'no-stream', [revoked('grant-fast')], metadata);
      const whileInFlight = await reader.readAll(checkpoint, 100);
      expect(whileInFlight.map((event) => event.streamId)).not.toContain('grant-fast');
      await slow.commitTransaction();
    } finally {
      await slow.release();
    }
    // Visible once no older transaction is in flight anywhere in the cluster (other suites' too).
    await eventually(async () =>
      expect((await reader.readAll(checkpoint, 100)).map((event) => event.streamId)).toEqual([
        'grant-slow',
        'grant-fast',
      ]),
    );
  });

  it('projects events into a read model once, keeping its checkpoint with the batch', async () => {
    await dataSource.query('CREATE TABLE revocation_counts (grant_id text PRIMARY KEY, count int NOT NULL)');
    const projection = {
      name: 'revocation-counts',
      handles: ['GrantRevoked'],
      apply: async (transaction: import('typeorm').EntityManager, event: { data: object }) => {
        const { grantId } = event.data as { grantId: string };
        await transaction.query(
          `INSERT INTO revocation_counts VALUES ($1, 1)
           ON CONFLICT (grant_id) DO UPDATE SET count = revocation_counts.count + 1`,
          [grantId],
        );
      },
    };
    const projector = new Projector(dataSource, store, projection, 3);
    const second = new Projector(dataSource, store, projection, 3);
    await Promise.all([projector.catchUp(), second.catchUp()]);
    await store.append('grant-f', 'no-stream', [revoked('grant-f')], metadata);
    // The global read waits for the cluster's oldest in-flight transaction (other suites' too).
    await eventually(async () => {
      await projector.catchUp();
      const counts: Array<{ grant_id: string; count: number }> = await dataSource.query(
        'SELECT grant_id, count FROM revocation_counts ORDER BY grant_id',
      );
      const total = await dataSource.query(
        "SELECT count(*)::int AS count FROM events WHERE type = 'GrantRevoked'",
      );
      expect(counts.reduce((sum, row) => sum + row.count, 0)).toBe(total[0].count);
      expect(counts.find((row) => row.grant_id === 'grant-d')?.count).toBe(4);
      expect(counts.find((row) => row.grant_id === 'grant-f')?.count).toBe(1);
    });
  });
});
