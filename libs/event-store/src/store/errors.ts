// Errors of the event store, each with a stable code.

/** Another writer appended to the stream first: reload, decide again, retry. */
export class ConcurrencyError extends Error {
  readonly code = 'concurrency_conflict';

  constructor(
    readonly streamId: string,
    readonly expectedVersion: ExpectedVersion,
    readonly actualVersion: number | undefined,
  ) {
    super(
      `stream ${streamId} is at version ${actualVersion ?? 'unknown (a concurrent append won)'}, ` +
        `expected ${String(expectedVersion)}`,
    );
    this.name = 'ConcurrencyError';
  }
}

/** A stream version a writer expects: a number, 'no-stream' (0), or 'any' (no check). */
export type ExpectedVersion = number | 'no-stream' | 'any';

/**
 * PostgreSQL's unique violation (SQLSTATE 23505), with the table whose constraint refused the
 * write when the server names it; undefined for any other error.
 */
export function uniqueViolation(error: unknown): { table?: string } | undefined {
  const { code, table } = (error ?? {}) as { code?: unknown; table?: unknown };
  if (code !== '23505') return undefined;
  return typeof table === 'string' ? { table } : {};
}
