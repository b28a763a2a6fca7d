// Named prepared statements on real PostgreSQL: parsed once per connection, run in the caller's
// transaction when there is one, and one name never stands for two texts.
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import { PreparedStatement } from './prepared-statement';

describe('prepared statements', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('prepared_statements');
    dataSource = new DataSource({ type: 'postgres', url: database.url, extra: { max: 2 } });
    await dataSource.initialize();
    await dataSource.query('CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)');
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const insert = new PreparedStatement<{ id: number }>(
    'test_insert_note',
    'INSERT INTO notes (id, body) VALUES ($1, $2) RETURNING id',
  );
  const find = new PreparedStatement<{ body: string }>(
    'test_find_note',
    'SELECT body FROM notes WHERE id = $1',
  );

  it('runs on a pooled connection, prepared once per connection and reused', async () => {
    for (let id = 1; id <= 6; id++) {
      expect(await insert.rows(dataSource, [id, `note ${id}`])).toEqual([{ id }]);
    }
    const prepared: Array<{ count: string }> = await dataSource.manager.transaction(async (transaction) => {
      await find.rows(transaction, [1]);
      await find.rows(transaction, [2]);
      return transaction.query(`SELECT count(*) FROM pg_prepared_statements WHERE name = 'test_find_note'`);
    });
    expect(prepared).toEqual([{ count: '1' }]);
  });

  it("runs in the caller's transaction: it sees what the transaction wrote, and rolls back with it", async () => {
    await expect(
      dataSource.transaction(async (transaction) => {
        await insert.rows(transaction, [100, 'inside']);
        expect(await find.rows(transaction, [100])).toEqual([{ body: 'inside' }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await find.rows(dataSource, [100])).toEqual([]);
  });

  it("reports PostgreSQL's error with its code, and the statement still works afterwards", async () => {
    await expect(insert.rows(dataSource, [1, 'again'])).rejects.toMatchObject({ code: '23505' });
    expect(await find.rows(dataSource.manager, [1])).toEqual([{ body: 'note 1' }]);
  });

  it('refuses a name already standing for another text, and a malformed name', () => {
    expect(() => new PreparedStatement('test_find_note', 'SELECT 1')).toThrow(/another text/);
    expect(
      () => new PreparedStatement('test_find_note', 'SELECT body FROM notes WHERE id = $1'),
    ).not.toThrow();
    expect(() => new PreparedStatement('Bad-Name', 'SELECT 1')).toThrow(/invalid statement name/);
  });
});
