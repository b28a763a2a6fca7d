// Bulk appends through COPY … FROM STDIN (text format) on a transaction's own connection. The
// server reads each column as it is, with no statement to plan and no JSON wrapper to parse and
// take apart: the audit log appends its runs this way, for far less than one INSERT built from a
// parameter costs PostgreSQL (G8).
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { from as copyFrom } from 'pg-copy-streams';
import type { EntityManager } from 'typeorm';
import { clientOf } from '../sql/transaction-client';

/** A column value: null is SQL NULL; Buffers are bytea; string arrays are text[]. */
export type CopyValue = string | number | null | Buffer | readonly string[];

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const SPECIAL = /[\\\n\r\t]/g;
const HAS_SPECIAL = /[\\\n\r\t]/;

/** COPY's text format escapes backslash and the row and column delimiters. */
export function copyText(value: string): string {
  return HAS_SPECIAL.test(value) ? value.replace(SPECIAL, (character) => ESCAPES[character]) : value;
}

/** An array literal with every element quoted, so no element is read as NULL or split. */
function arrayLiteral(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(',')}}`;
}

/** One value as COPY's text format reads it. */
export function copyField(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return copyText(arrayLiteral(value));
  return copyText(value as string);
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

/** Appends `lines` (from copyLine) to `table` inside the transaction. */
export async function copyInto(
  transaction: EntityManager,
  table: string,
  columns: readonly string[],
  lines: readonly string[],
): Promise<void> {
  if (lines.length === 0) return;
  for (const name of [table, ...columns]) {
    if (!IDENTIFIER.test(name)) throw new Error(`not a plain identifier: ${name}`);
  }
  const copy = clientOf(transaction).query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from([lines.join('')]), copy);
}
