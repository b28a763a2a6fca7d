// Statements on a hot path as named prepared statements: PostgreSQL parses, analyses and plans
// them once per connection, not on every call. For the event store's append (one statement with
// four CTEs) that was most of PostgreSQL's time: ~1 ms per call, ~0.3 ms prepared.
//
// Behind a connection pooler, named statements need one that keeps them per server connection:
// PgBouncer 1.21+ with max_prepared_statements > 0 in transaction mode, or session mode
// (docs/operations/scaling.md).
import type { ClientBase, Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { clientOf } from './transaction-client';

/** Statement names are per connection, so one name must always mean one text. */
const textsByName = new Map<string, string>();

const STATEMENT_NAME = /^[a-z][a-z0-9_]{0,62}$/;

export class PreparedStatement<Row extends object = Record<string, unknown>> {
  constructor(
    readonly name: string,
    readonly text: string,
  ) {
    if (!STATEMENT_NAME.test(name)) throw new RangeError(`invalid statement name ${JSON.stringify(name)}`);
    const known = textsByName.get(name);
    if (known !== undefined && known !== text) {
      throw new Error(`prepared statement ${name} is already defined with another text`);
    }
    textsByName.set(name, text);
  }

  /**
   * Runs the statement in `on`'s transaction when it has one, otherwise on a pooled connection of
   * its data source (on its own, so atomic as one statement is).
   */
  async rows(on: DataSource | EntityManager, values: readonly unknown[]): Promise<Row[]> {
    const result = await executorOf(on).query<Row>({ name: this.name, text: this.text, values: [...values] });
    return result.rows;
  }
}

function executorOf(on: DataSource | EntityManager): Pick<ClientBase | Pool, 'query'> {
  const manager = 'manager' in on ? on.manager : on;
  if (manager.queryRunner) return clientOf(manager);
  return (manager.connection.driver as unknown as { master: Pool }).master;
}
