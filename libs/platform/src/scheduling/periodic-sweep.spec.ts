import { PeriodicSweep } from './periodic-sweep';

class CountingSweep extends PeriodicSweep {
  runs = 0;

  constructor() {
    super('counting sweep', 1_000);
  }

  async sweep(): Promise<number> {
    return ++this.runs;
  }
}

describe('PeriodicSweep', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sweeps every interval from bootstrap until shutdown, and not before or after', async () => {
    const sweep = new CountingSweep();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sweep.runs).toBe(0);

    sweep.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(3_000);
    expect(sweep.runs).toBe(3);

    await sweep.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(sweep.runs).toBe(3);
  });
});
