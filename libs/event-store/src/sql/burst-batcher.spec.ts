import { BurstBatcher } from './burst-batcher';

/** A statement the test answers by hand, recording each batch it was sent. */
function manualStatement() {
  const batches: Array<ReadonlyArray<readonly [string, number]>> = [];
  const pending: Array<{ resolve(answers: Map<string, string>): void; reject(error: unknown): void }> = [];
  const send = (batch: ReadonlyArray<readonly [string, number]>) => {
    batches.push(batch);
    return new Promise<Map<string, string>>((resolve, reject) => pending.push({ resolve, reject }));
  };
  return { batches, pending, send };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('BurstBatcher', () => {
  it('sends the calls of one turn of the event loop together, at the end of that turn', async () => {
    const statement = manualStatement();
    const batcher = new BurstBatcher(statement.send, { inFlight: 1 });
    const a = batcher.submit('a', 1);
    const b = batcher.submit('b', 2);
    expect(statement.batches).toEqual([]);
    await turn();
    expect(statement.batches).toEqual([
      [
        ['a', 1],
        ['b', 2],
      ],
    ]);
    statement.pending[0].resolve(new Map([['b', 'B']]));
    await expect(a).resolves.toEqual({ answer: undefined, first: true });
    await expect(b).resolves.toEqual({ answer: 'B', first: true });
  });

  it('sends the calls arriving while a batch is on its way together in the next batch', async () => {
    const statement = manualStatement();
    const batcher = new BurstBatcher(statement.send, { inFlight: 1 });
    const first = batcher.submit('a', 1);
    await turn();
    const second = batcher.submit('b', 2);
    await turn();
    const third = batcher.submit('c', 3);
    await turn();
    expect(statement.batches).toEqual([[['a', 1]]]);
    statement.pending[0].resolve(new Map([['a', 'A']]));
    await expect(first).resolves.toEqual({ answer: 'A', first: true });
    expect(statement.batches[1]).toEqual([
      ['b', 2],
      ['c', 3],
    ]);
    statement.pending[1].resolve(new Map([['c', 'C']]));
    await expect(second).resolves.toEqual({ answer: undefined, first: true });
    await expect(third).resolves.toEqual({ answer: 'C', first: true });
  });

  it('never lets a call join a batch that was sent before it arrived (its answer is at least as new as the call)', async () => {
    const statement = manualStatement();
    const batcher = new BurstBatcher(statement.send, { inFlight: 1 });
    void batcher.submit('a', 1);
    await turn();
    const later = batcher.submit('a', 1);
    await turn();
    expect(statement.batches).toHaveLength(1);
    statement.pending[0].resolve(new Map([['a', 'old']]));
    await turn();
    expect(statement.batches).toHaveLength(2);
    statement.pending[1].resolve(new Map([['a', 'new']]));
    await expect(later).resolves.toEqual({ answer: 'new', first: true });
  });

  it('sends one key once per batch and tells the later calls for it that they were not first', async () => {
    const statement = manualStatement();
    const batcher = new BurstBatcher(statement.send, { inFlight: 1 });
    void batcher.submit('x', 0);
    await turn();
    const one = batcher.submit('k', 1);
    const two = batcher.submit('k', 2);
    statement.pending[0].resolve(new Map());
    await turn();
    expect(statement.batches[1]).toEqual([['k', 1]]);
    statement.pending[1].resolve(new Map([['k', 'K']]));
    await expect(one).resolves.toEqual({ answer: 'K', first: true });
    await expect(two).resolves.toEqual({ answer: 'K', first: false });
  });

  it('keeps up to `inFlight` batches on their way and no batch larger than `maxBatch`', async () => {
    const statement = manualStatement();
    const batcher = new BurstBatcher(statement.send, { inFlight: 2, maxBatch: 2 });
    const calls = ['a', 'b', 'c', 'd', 'e'].map((key, index) => batcher.submit(key, index));
    await turn();
    expect(statement.batches.map((batch) => batch.map(([key]) => key))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    statement.pending[0].resolve(new Map());
    await turn();
    expect(statement.batches.map((batch) => batch.map(([key]) => key))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e'],
    ]);
    statement.pending[1].resolve(new Map());
    statement.pending[2].resolve(new Map());
    await Promise.all(calls);
  });

  it('fails every call of a failed batch with its error, and goes on with the next', async () => {
    const statement = manualStatement();
    const batcher = new BurstBatcher(statement.send, { inFlight: 1 });
    const failing = batcher.submit('a', 1);
    await turn();
    const next = batcher.submit('b', 2);
    const lost = new Error('connection lost');
    statement.pending[0].reject(lost);
    await expect(failing).rejects.toBe(lost);
    await turn();
    statement.pending[1].resolve(new Map([['b', 'B']]));
    await expect(next).resolves.toEqual({ answer: 'B', first: true });
  });

  it('fails a call whose batch could not even be sent', async () => {
    const batcher = new BurstBatcher<string, number, string>(() => {
      throw new TypeError('bad parameters');
    });
    await expect(batcher.submit('a', 1)).rejects.toThrow('bad parameters');
  });
});
