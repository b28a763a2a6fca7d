import { GiveUp, eventually } from './eventually';

describe('eventually', () => {
  it('polls until the check passes and gives its result', async () => {
    let calls = 0;
    const result = await eventually(
      () => {
        calls++;
        if (calls < 3) throw new Error('not yet');
        return 'done';
      },
      { intervalMs: 1 },
    );
    expect(result).toBe('done');
  });

  it('fails with the last error once the deadline has passed', async () => {
    await expect(
      eventually(
        () => {
          throw new Error('still not');
        },
        { timeoutMs: 20, intervalMs: 5 },
      ),
    ).rejects.toThrow('not satisfied within 20 ms: still not');
  });

  it('fails at once, without polling again, when the check gives up', async () => {
    let calls = 0;
    await expect(
      eventually(
        () => {
          calls++;
          throw new GiveUp('runtime exited');
        },
        { timeoutMs: 60_000, intervalMs: 1 },
      ),
    ).rejects.toThrow(GiveUp);
    expect(calls).toBe(1);
  });
});
