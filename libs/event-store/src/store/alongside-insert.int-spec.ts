// A row written by the append's own statement: it lands with the events, never without them, and
// the events never land without it.
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import type { EventMetadata } from '@grantline/contracts';
import { eventStoreMigrations } from '../schema/create-event-store.migration';
import { AlongsideInsert } from './alongside-insert';
import { ConcurrencyError } from './errors';
import { EventStore } from './event-store';

const metadata: EventMetadata = { correlationId: 'corr-1', actor: { kind: 'tpp', id: 'tpp-1' } };
const revoked = (grantId: string) => ({
  type: 'GrantRevoked',
  data: { grantId, clientId: 'tpp-1', revokedBy: 'psu' as const, reason: 'PSU revoked it' },
});

describe('an insert alongside an append', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let store: EventStore;
  const notes = new AlongsideInsert('test_append_with_note', {
    table: 'notes',
    columns: ['note_id', 'body', 'due_at'],
  });
  const noteAndTag = new AlongsideInsert(
    'test_append_with_note_and_tag',
    { table: 'notes', columns: ['note_id', 'body'] },
    { table: 'tags', columns: ['note_id', 'tag'] },
  );

  beforeAll(async () => {
    database = await createTestDatabase('alongside_insert');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      schema: 'grants',
      migrations: [...eventStoreMigrations],
      extra: { max: 2, options: '-c search_path=grants' },
    });
    await dataSource.initialize();
    await dataSource.query('CREATE SCHEMA IF NOT EXISTS grants');
    await dataSource.runMigrations();
    await dataSource.query(
      'CREATE TABLE notes (note_id text PRIMARY KEY, body jsonb NOT NULL, due_at timestamptz)',
    );
    await dataSource.query('CREATE TABLE tags (note_id text NOT NULL, tag text[] NOT NULL)');
    store = new EventStore(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const noteOf = async (noteId: string) =>
    (await dataSource.query('SELECT body, due_at FROM notes WHERE note_id = $1', [noteId])) as Array<{
      body: unknown;
      due_at: Date;
    }>;

  it('writes the row, typed by its columns, in the statement that appends the events', async () => {
    const due = new Date('2026-12-31T23:59:59.000Z');
    const result = await store.append('grant-n1', 'no-stream', [revoked('grant-n1')], metadata, {
      alongside: notes.values(['n1', JSON.stringify({ text: 'it\'s "quoted"' }), due]),
    });
    expect(result.nextExpectedVersion).toBe(1);
    expect(await noteOf('n1')).toEqual([{ body: { text: 'it\'s "quoted"' }, due_at: due }]);
    expect((await store.readStream('grant-n1')).version).toBe(1);
  });

  it('writes a row into each of several tables, values in the order of the tables and their columns', async () => {
    await store.append('grant-n5', 'no-stream', [revoked('grant-n5')], metadata, {
      alongside: noteAndTag.values(['n5', '{"a":1}', 'n5', ['x', 'y,"z"']]),
    });
    expect(await noteOf('n5')).toEqual([{ body: { a: 1 }, due_at: null }]);
    expect(await dataSource.query("SELECT tag FROM tags WHERE note_id = 'n5'")).toEqual([
      { tag: ['x', 'y,"z"'] },
    ]);
  });

  it('writes no row when the expected version does not hold', async () => {
    await expect(
      store.append('grant-n1', 'no-stream', [revoked('grant-n1')], metadata, {
        alongside: notes.values(['n2', '{}', null]),
      }),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await noteOf('n2')).toEqual([]);
    expect((await store.readStream('grant-n1')).version).toBe(1);
  });

  it('appends no events when the row is refused, and does not call that a concurrency conflict', async () => {
    const refused = store.append('grant-n3', 'no-stream', [revoked('grant-n3')], metadata, {
      alongside: notes.values(['n1', '{}', null]),
    });
    await expect(refused).rejects.toMatchObject({ code: '23505', table: 'notes' });
    await expect(refused).rejects.not.toBeInstanceOf(ConcurrencyError);
    expect((await store.readStream('grant-n3')).version).toBe(0);
    expect(await dataSource.query("SELECT 1 FROM outbox WHERE stream_id = 'grant-n3'")).toEqual([]);
  });

  it('runs inside a caller transaction too, and rolls back with it', async () => {
    await expect(
      dataSource.transaction(async (transaction) => {
        await store.append('grant-n4', 'no-stream', [revoked('grant-n4')], metadata, {
          transaction,
          alongside: notes.values(['n4', '{}', null]),
        });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await noteOf('n4')).toEqual([]);
    expect((await store.readStream('grant-n4')).version).toBe(0);
  });

  it('refuses malformed identifiers and a wrong number of values', () => {
    expect(
      () => new AlongsideInsert('test_bad_table', { table: 'notes; DROP TABLE events', columns: ['a'] }),
    ).toThrow(/invalid identifier/);
    expect(() => new AlongsideInsert('test_no_columns', { table: 'notes', columns: [] })).toThrow(
      /at least one column/,
    );
    expect(() => new AlongsideInsert('test_no_tables')).toThrow(/needs a table/);
    expect(() => notes.values(['only one'])).toThrow(/takes 3 values, not 1/);
  });
});
