// The periodic task's timing rules, under jest's fake clock.
import { PeriodicTask } from './periodic-task';

describe('periodic task', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('never starts a run while the previous one is still going', async () => {
    let started = 0;
    let finish: () => void = () => undefined;
    const task = new PeriodicTask('test task', 100, () => {
      started++;
      return new Promise<void>((resolve) => (finish = resolve));
    });
    task.start();
    await jest.advanceTimersByTimeAsync(350);
    expect(started).toBe(1);
    finish();
    await jest.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    finish();
    await task.stop();
  });

  it('keeps ticking after a failed run, and stop waits for the run in progress', async () => {
    const outcomes: string[] = [];
    let runs = 0;
    const task = new PeriodicTask('test task', 100, async () => {
      runs++;
      if (runs === 1) throw new Error('database away');
      await new Promise((resolve) => setTimeout(resolve, 50));
      outcomes.push(`run ${runs} done`);
    });
    task.start();
    await jest.advanceTimersByTimeAsync(200);
    const stopped = task.stop().then(() => outcomes.push('stopped'));
    await jest.advanceTimersByTimeAsync(100);
    await stopped;
    expect(outcomes).toEqual(['run 2 done', 'stopped']);
  });
});
