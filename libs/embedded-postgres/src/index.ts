// A real PostgreSQL server from npm packages, for the embedded runtime and for tests.
export { EmbeddedPostgres, EmbeddedPostgresError, type EmbeddedPostgresOptions } from './embedded-postgres';
