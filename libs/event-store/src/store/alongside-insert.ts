// A row a use case writes together with the events it appends, in the append's own statement:
// atomic like a transaction around both, and only written when the events are (the expected
// version holds), but one round trip instead of four (BEGIN, insert, append, COMMIT). PAR stores
// the pushed request this way.
import { PreparedStatement } from '../sql/prepared-statement';
import { APPEND_PARAMETER_COUNT, APPEND_SQL, type AppendRow } from './event-store.sql';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export class AlongsideInsert {
  /** The append statement with this insert in it, prepared under `name`. */
  readonly statement: PreparedStatement<AppendRow>;

  constructor(
    name: string,
    readonly table: string,
    readonly columns: readonly string[],
  ) {
    for (const identifier of [table, ...columns]) {
      if (!IDENTIFIER.test(identifier))
        throw new RangeError(`invalid identifier ${JSON.stringify(identifier)}`);
    }
    if (columns.length === 0) throw new RangeError('an alongside insert needs at least one column');
    const placeholders = columns.map((_, i) => `$${APPEND_PARAMETER_COUNT + i + 1}`);
    // `guarded` has a row only when the expected version holds: no append, no row.
    const alongside = `, alongside AS (
  INSERT INTO ${table} (${columns.join(', ')})
  SELECT ${placeholders.join(', ')} FROM guarded
)
SELECT `;
    const text = APPEND_SQL.replace(/\)\nSELECT /, `)${alongside}`);
    if (text === APPEND_SQL)
      throw new Error('the append statement no longer has the shape AlongsideInsert extends');
    this.statement = new PreparedStatement(name, text);
  }

  /** The row's values, in the order of `columns`. */
  values(values: readonly unknown[]): AlongsideRow {
    if (values.length !== this.columns.length) {
      throw new RangeError(`${this.table} takes ${this.columns.length} values, not ${values.length}`);
    }
    return { insert: this, values };
  }
}

export interface AlongsideRow {
  insert: AlongsideInsert;
  values: readonly unknown[];
}
