import { onShutdownSignal } from './shutdown';

describe('onShutdownSignal', () => {
  const exits: number[] = [];
  const log: string[] = [];
  const exit = ((code: number) => {
    exits.push(code);
    return undefined as never;
  }) as (code: number) => never;

  afterEach(() => {
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    exits.length = 0;
    log.length = 0;
  });

  it('stops in order and exits 0', async () => {
    const order: string[] = [];
    onShutdownSignal(async () => void order.push('stopped'), {
      timeoutMs: 1000,
      log: (l) => log.push(l),
      exit,
    });
    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual(['stopped']);
    expect(exits).toEqual([0]);
  });

  it('exits 1 when the stop overruns its deadline', async () => {
    jest.useFakeTimers();
    try {
      onShutdownSignal(() => new Promise<void>(() => undefined), {
        timeoutMs: 500,
        log: (l) => log.push(l),
        exit,
      });
      process.emit('SIGINT', 'SIGINT');
      jest.advanceTimersByTime(501);
      expect(exits).toEqual([1]);
      expect(log.at(-1)).toContain('longer than 500 ms');
    } finally {
      jest.useRealTimers();
    }
  });

  it('exits at once on a second signal', () => {
    onShutdownSignal(() => new Promise<void>(() => undefined), {
      timeoutMs: 60_000,
      log: (l) => log.push(l),
      exit,
    });
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    expect(exits).toEqual([130]);
  });

  it('exits 1 when stopping fails', async () => {
    onShutdownSignal(async () => Promise.reject(new Error('pool refused')), {
      timeoutMs: 1000,
      log: (l) => log.push(l),
      exit,
    });
    process.emit('SIGTERM', 'SIGTERM');
    await new Promise((resolve) => setImmediate(resolve));
    expect(exits).toEqual([1]);
    expect(log.at(-1)).toContain('pool refused');
  });
});
