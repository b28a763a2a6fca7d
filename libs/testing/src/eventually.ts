// Waiting for an effect without fixed sleeps: poll until the check passes or the deadline expires,
// then fail with the check's last error. A check that throws GiveUp fails at once: a child
// process that exited will not become ready by waiting 90 s more.

/** Thrown by a check whose condition can no longer come true. */
export class GiveUp extends Error {
  override readonly name = 'GiveUp';
}

export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function eventually<T>(
  check: () => Promise<T> | T,
  options: EventuallyOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 50;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (error instanceof GiveUp) throw error;
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`eventually: not satisfied within ${timeoutMs} ms: ${reason}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
