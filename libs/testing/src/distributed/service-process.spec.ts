import { retryOnTakenPort } from './service-process';

describe('retryOnTakenPort', () => {
  const taken = () =>
    new Error('token exited during start-up:\nError: listen EADDRINUSE: address already in use');

  it('starts again while a port was taken, and gives what the successful start gives', async () => {
    let attempts = 0;
    const started = await retryOnTakenPort(async () => {
      attempts++;
      if (attempts < 3) throw taken();
      return 'listening';
    });
    expect(started).toBe('listening');
    expect(attempts).toBe(3);
  });

  it('gives up after the last attempt with the last error', async () => {
    let attempts = 0;
    await expect(
      retryOnTakenPort(async () => {
        attempts++;
        throw taken();
      }, 2),
    ).rejects.toThrow('EADDRINUSE');
    expect(attempts).toBe(2);
  });

  it('does not start again after any other failure', async () => {
    let attempts = 0;
    await expect(
      retryOnTakenPort(async () => {
        attempts++;
        throw new Error('consent exited during start-up:\nInvalid configuration: DATABASE_URL is required');
      }),
    ).rejects.toThrow('DATABASE_URL');
    expect(attempts).toBe(1);
  });
});
