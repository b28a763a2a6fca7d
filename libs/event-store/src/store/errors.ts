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
