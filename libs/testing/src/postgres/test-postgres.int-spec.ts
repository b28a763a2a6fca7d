// The run's PostgreSQL is real: TypeORM writes and reads rows in a fresh database per suite.
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { createTestDatabase, withDataSource, type TestDatabase } from './test-postgres';

@Entity({ name: 'psu_probe' })
class PsuProbe {
  @PrimaryColumn('text')
  id!: string;

  @Column('jsonb')
  accounts!: string[];

  @Column('timestamptz')
  consentedAt!: Date;
}

describe('test PostgreSQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('pg_roundtrip');
    dataSource = new DataSource({
      type: 'postgres',
      url: database.url,
      entities: [PsuProbe],
      synchronize: true,
    });
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('round-trips an entity through TypeORM on a real server', async () => {
    const repository = dataSource.getRepository(PsuProbe);
    const consentedAt = new Date('2026-11-23T09:00:00.000Z');
    await repository.save({ id: 'psu-1', accounts: ['acc-1', 'acc-2'], consentedAt });
    const found = await repository.findOneByOrFail({ id: 'psu-1' });
    expect(found).toEqual({ id: 'psu-1', accounts: ['acc-1', 'acc-2'], consentedAt });
    const [{ version }]: Array<{ version: string }> = await dataSource.query('SELECT version()');
    expect(version).toMatch(/^PostgreSQL 1\d/);
  });

  it('gives every suite its own database', async () => {
    const other = await createTestDatabase('pg_roundtrip');
    try {
      expect(other.name).not.toBe(database.name);
      const tables: unknown[] = await withDataSource(other.url, (isolated) =>
        isolated.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'psu_probe'"),
      );
      expect(tables).toHaveLength(0);
    } finally {
      await other.drop();
    }
  });
});
