// Timing for the crypto bench. The machine is shared (other test suites, Postgres, Kafka), so
// libs/crypto and raw node:crypto are timed one call at a time, alternately, on the same keys, and
// each side reports its median call: a burst of load hits both sides alike and the median ignores it.

/** Median of a non-empty sample. */
export function median(sample: readonly number[]): number {
  const sorted = [...sample].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export interface Comparison {
  /** Median microseconds per call through libs/crypto. */
  readonly libraryUs: number;
  /** Median microseconds per call through raw node:crypto. */
  readonly nodeUs: number;
}

/** Warm-up bounds: enough calls for V8 to optimise the library code, as in a long-running service. */
const WARM_UP_MS = 500;
const WARM_UP_CALLS = 3000;

/** Alternates one library call and one raw call `samples` times, after a warm-up of both. */
export async function compare(
  library: () => Promise<unknown>,
  node: () => unknown,
  samples: number,
): Promise<Comparison> {
  const warmUpUntil = performance.now() + WARM_UP_MS;
  for (let i = 0; i < WARM_UP_CALLS && performance.now() < warmUpUntil; i++) {
    await library();
    node();
  }
  const libraryTimes: number[] = [];
  const nodeTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    let started = process.hrtime.bigint();
    await library();
    libraryTimes.push(Number(process.hrtime.bigint() - started) / 1000);
    started = process.hrtime.bigint();
    node();
    nodeTimes.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return { libraryUs: median(libraryTimes), nodeUs: median(nodeTimes) };
}

/** Operations per second of an asynchronous operation over distinct inputs, from the median call. */
export async function throughput(operation: (i: number) => Promise<unknown>, count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = process.hrtime.bigint();
    await operation(i);
    times.push(Number(process.hrtime.bigint() - started) / 1000);
  }
  return 1e6 / median(times);
}
