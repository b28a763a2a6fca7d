// PostgreSQL for tests: one real server per test run (started by the jest global setup), and a
// fresh database per suite so suites never see each other's rows.
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EmbeddedPostgres } from '@grantline/embedded-postgres';
import { freePort } from '../net/free-port';

export const TEST_POSTGRES_URL_VARIABLE = 'GRANTLINE_TEST_POSTGRES_URL';

/**
 * `durable`: fsync and synchronous commits on, so a crash (kill -9) loses nothing acknowledged, as
 * in production; fault tests need it. Otherwise tuned for speed (the run's shared server). Either
 * way `stop()` then `start()` brings the same cluster back on the same port and data directory.
 */
export async function startTestPostgres(options: { durable?: boolean } = {}): Promise<EmbeddedPostgres> {
  const base = mkdtempSync(join(tmpdir(), 'grantline-test-pg-'));
  chmodSync(base, 0o755); // as root, the server runs as `postgres`, which must enter this directory
  const postgres = new EmbeddedPostgres({
    dataDir: join(base, 'cluster'),
    port: await freePort(),
    ephemeral: !options.durable,
  });
  await postgres.start();
  return postgres;
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

function adminUrl(): string {
  const url = process.env[TEST_POSTGRES_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${TEST_POSTGRES_URL_VARIABLE} is not set: integration tests run through jest.int.config.js, whose global setup starts PostgreSQL`,
    );
  }
  return url;
}

/** A short-lived connection for a test's own queries; closed whatever the work does. */
export async function withDataSource<T>(
  url: string,
  work: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource({ type: 'postgres', url });
  await dataSource.initialize();
  try {
    return await work(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

const withAdmin = <T>(work: (admin: DataSource) => Promise<T>): Promise<T> =>
  withDataSource(adminUrl(), work);

/** A new, empty database on the run's server. */
export async function createTestDatabase(prefix = 'suite'): Promise<TestDatabase> {
  const name = `${prefix.replace(/[^a-z0-9_]/g, '_')}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withAdmin((admin) => admin.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: () => withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}
