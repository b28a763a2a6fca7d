// The pg client a TypeORM transaction runs on, for what TypeORM does not expose: COPY, and several
// statements in one round trip (simple query protocol).
import type { ClientBase } from 'pg';
import type { EntityManager } from 'typeorm';

export function clientOf(transaction: EntityManager): ClientBase {
  const client = (transaction.queryRunner as unknown as { databaseConnection?: ClientBase } | undefined)
    ?.databaseConnection;
  if (!client) throw new Error('needs a transaction on a connected query runner');
  return client;
}

/**
 * Runs parameterless statements in one round trip and returns each one's rows. Under READ
 * COMMITTED every statement takes its own snapshot, so a statement sees what committed while the
 * one before it waited (for a lock, say).
 */
export async function queryInOneTrip(
  transaction: EntityManager,
  statements: readonly string[],
): Promise<unknown[][]> {
  const results = (await clientOf(transaction).query(statements.join(';\n'))) as unknown as
    { rows: unknown[] } | Array<{ rows: unknown[] }>;
  return (Array.isArray(results) ? results : [results]).map((result) => result.rows);
}
