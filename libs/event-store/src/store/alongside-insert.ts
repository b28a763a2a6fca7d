// Rows a use case writes together with the events it appends, in the append's own statement:
// atomic like a transaction around both, and only written when the events are (the expected
// version holds), but one round trip instead of a transaction's BEGIN, inserts, append and COMMIT.
// PAR stores the pushed request this way, the token endpoint its token records.
import { PreparedStatement } from '../sql/prepared-statement';
import { APPEND_PARAMETER_COUNT, APPEND_SQL, type AppendRow } from './event-store.sql';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/** One row into `table`; its values are given in the order of `columns`. */
export interface AlongsideTable {
  table: string;
  columns: readonly string[];
}

export class AlongsideInsert {
  /** The append statement with these inserts in it, prepared under `name`. */
  readonly statement: PreparedStatement<AppendRow>;
  private readonly valueCount: number;

  constructor(name: string, ...tables: readonly AlongsideTable[]) {
    if (tables.length === 0) throw new RangeError('an alongside insert needs a table');
    let next = APPEND_PARAMETER_COUNT;
    const inserts = tables.map(({ table, columns }, i) => {
      for (const identifier of [table, ...columns]) {
        if (!IDENTIFIER.test(identifier))
          throw new RangeError(`invalid identifier ${JSON.stringify(identifier)}`);
      }
      if (columns.length === 0)
        throw new RangeError(`${table}: an alongside insert needs at least one column`);
      const placeholders = columns.map(() => `$${++next}`);
      // `guarded` has a row only when the expected version holds: no append, no row.
      return `, alongside_${i} AS (
  INSERT INTO ${table} (${columns.join(', ')})
  SELECT ${placeholders.join(', ')} FROM guarded
)`;
    });
    this.valueCount = next - APPEND_PARAMETER_COUNT;
    const text = APPEND_SQL.replace(/\)\nSELECT /, `)${inserts.join('')}\nSELECT `);
    if (text === APPEND_SQL)
      throw new Error('the append statement no longer has the shape AlongsideInsert extends');
    this.statement = new PreparedStatement(name, text);
  }

  /** The rows' values: every table's, in the order of the tables and their columns. */
  values(values: readonly unknown[]): AlongsideRow {
    if (values.length !== this.valueCount) {
      throw new RangeError(`this insert takes ${this.valueCount} values, not ${values.length}`);
    }
    return { insert: this, values };
  }
}

export interface AlongsideRow {
  insert: AlongsideInsert;
  values: readonly unknown[];
}
