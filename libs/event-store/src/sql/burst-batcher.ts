// One statement for a burst of calls: the calls made in one turn of the event loop leave together
// at the end of that turn (setImmediate: the requests whose bytes one poll of the sockets brought),
// and the calls that arrive while `inFlight` statements are on their way wait, and go together in
// the next one. Nothing is added when the service is quiet (a lone call leaves alone, within the
// turn it was made in), and under load the number of round trips and statement executions falls
// with the concurrency instead of growing with it.
//
// A call never joins a batch already sent, so its answer is read after the call was made: a
// reader sees every write committed before it asked, as it would with a statement of its own.
export interface BurstBatcherOptions {
  /** Batches on their way at once (default 2). */
  readonly inFlight?: number;
  /** The largest batch (default 500): bounds one statement's parameters. */
  readonly maxBatch?: number;
}

/** What a batch answered for one call. */
export interface BatchAnswer<R> {
  /** The answer for the call's key, or undefined when the statement gave none. */
  readonly answer: R | undefined;
  /** False for a call whose key an earlier call of the same batch had already brought. */
  readonly first: boolean;
}

/** Sends one batch: each key once, with the value of its first call; answers by key. */
export type SendBatch<K, V, R> = (batch: ReadonlyArray<readonly [K, V]>) => Promise<ReadonlyMap<K, R>>;

interface Waiting<V, R> {
  readonly value: V;
  readonly calls: Array<{ resolve(answer: BatchAnswer<R>): void; reject(error: unknown): void }>;
}

export class BurstBatcher<K, V, R> {
  private waiting = new Map<K, Waiting<V, R>>();
  private inFlight = 0;
  private sendScheduled = false;
  private readonly maxInFlight: number;
  private readonly maxBatch: number;

  constructor(
    private readonly send: SendBatch<K, V, R>,
    options: BurstBatcherOptions = {},
  ) {
    this.maxInFlight = options.inFlight ?? 2;
    this.maxBatch = options.maxBatch ?? 500;
  }

  submit(key: K, value: V): Promise<BatchAnswer<R>> {
    return new Promise<BatchAnswer<R>>((resolve, reject) => {
      const waiting = this.waiting.get(key);
      if (waiting) waiting.calls.push({ resolve, reject });
      else this.waiting.set(key, { value, calls: [{ resolve, reject }] });
      this.scheduleSend();
    });
  }

  /** At the end of this turn of the event loop, once the turn's other calls have joined. */
  private scheduleSend(): void {
    if (this.sendScheduled) return;
    this.sendScheduled = true;
    setImmediate(() => {
      this.sendScheduled = false;
      this.sendNext();
    });
  }

  /** Sends what waits, in batches, as far as the batches on their way leave room. */
  private sendNext(): void {
    while (this.inFlight < this.maxInFlight && this.waiting.size > 0) this.sendOne();
  }

  private sendOne(): void {
    const batch: Array<[K, Waiting<V, R>]> = [];
    for (const entry of this.waiting) {
      if (batch.length >= this.maxBatch) break;
      batch.push(entry);
    }
    for (const [key] of batch) this.waiting.delete(key);
    this.inFlight++;
    this.sendBatch(batch.map(([key, waiting]) => [key, waiting.value] as const))
      .then(
        (answers) => {
          for (const [key, waiting] of batch) {
            const answer = answers.get(key);
            waiting.calls.forEach((call, index) => call.resolve({ answer, first: index === 0 }));
          }
        },
        (error: unknown) => {
          for (const [, waiting] of batch) for (const call of waiting.calls) call.reject(error);
        },
      )
      .finally(() => {
        this.inFlight--;
        this.sendNext();
      });
  }

  /** The batch on its way now; a send that throws before it returns a promise fails the batch. */
  private sendBatch(batch: ReadonlyArray<readonly [K, V]>): Promise<ReadonlyMap<K, R>> {
    try {
      return this.send(batch);
    } catch (error) {
      return Promise.reject(error);
    }
  }
}
