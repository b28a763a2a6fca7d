// Each service owns one Postgres schema; nothing else reads its tables. Migrations run under an
// advisory lock so two replicas (or a migration Job racing a pod) never apply one twice.
import { DataSource, type DataSourceOptions, type MixedList } from 'typeorm';

// TypeORM accepts migration classes or instances; services pass classes.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationList = MixedList<string | (new (...args: any[]) => any)>;

export interface ServiceDatabaseOptions {
  service: string;
  schema: string;
  url: string;
  migrations: MigrationList;
  entities?: DataSourceOptions['entities'];
  poolSize?: number;
  /**
   * A role the service's connections act as (SET ROLE at connect), narrower than the login role;
   * migrations still run as the login role, which owns the schema.
   */
  role?: string;
}

const SCHEMA_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/**
 * A transaction left open and idle is ended by the server. Besides holding locks, it would hold
 * back the cluster-wide snapshot horizon that every service's global read waits for. Longer than
 * the outbox relay's publish timeout (30 s), which may hold its claim transaction that long.
 */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

export function serviceDataSourceOptions(options: ServiceDatabaseOptions): DataSourceOptions {
  if (!SCHEMA_NAME.test(options.schema)) throw new Error(`invalid schema name: ${options.schema}`);
  if (options.role !== undefined && !SCHEMA_NAME.test(options.role))
    throw new Error(`invalid role name: ${options.role}`);
  const role = options.role ? ` -c role=${options.role}` : '';
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    entities: options.entities ?? [],
    synchronize: false,
    migrationsRun: false,
    logging: false,
    applicationName: `grantline-${options.service}`,
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema} -c idle_in_transaction_session_timeout=${IDLE_IN_TRANSACTION_TIMEOUT_MS}${role}`,
      connectionTimeoutMillis: 5000,
    },
  };
}

/** Creates the schema if needed and applies pending migrations; returns the names applied. */
export async function migrateServiceSchema(dataSource: DataSource, schema: string): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`grantline-migrate:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock(hashtext($1))', [`grantline-migrate:${schema}`])
      .catch(() => undefined);
    await runner.release();
  }
}

export async function openServiceDatabase(
  options: ServiceDatabaseOptions,
  migrate: boolean,
): Promise<DataSource> {
  if (migrate && options.role) {
    // The role may not exist before the migrations create it, and may not own the schema.
    const owner = await openServiceDatabase({ ...options, role: undefined, poolSize: 2 }, true);
    await owner.destroy();
    return openServiceDatabase(options, false);
  }
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  try {
    if (migrate) await migrateServiceSchema(dataSource, options.schema);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
