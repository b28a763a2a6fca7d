// How many PSU sign-ins this machine can check per second, whoever serves them. Every flow of (b)
// signs in once, and both servers check the password against the same scrypt hash (hashPassword's
// defaults, N = 2^15, r = 8, p = 1), so no server's flows/s can exceed this rate: it is the
// ceiling the flow ratio is read against. Measured with every core busy (enough checks in flight
// for libuv's whole thread pool), in this process, between the runs, with the servers idle.
import { availableParallelism } from 'node:os';
import { hashPassword, verifyPassword } from '@grantline/crypto';

export interface PasswordCeiling {
  checksPerSecond: number;
  /** CPU milliseconds one check costs, measured alone before the parallel run. */
  cpuMsPerCheck: number;
}

export async function measurePasswordCeiling(password: string, seconds: number): Promise<PasswordCeiling> {
  const hash = await hashPassword(password);
  const cpuBefore = process.cpuUsage();
  const alone = 4;
  for (let i = 0; i < alone; i++) await verifyPassword(password, hash);
  const cpu = process.cpuUsage(cpuBefore);
  const cpuMsPerCheck = (cpu.user + cpu.system) / 1000 / alone;

  const inFlight = Math.max(4, availableParallelism() * 2);
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let checks = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        if (!(await verifyPassword(password, hash))) throw new Error('the password check failed');
        checks++;
      }
    }),
  );
  return { checksPerSecond: checks / ((performance.now() - started) / 1000), cpuMsPerCheck };
}
