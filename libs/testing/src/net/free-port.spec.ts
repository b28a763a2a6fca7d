import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { freePort, workerPortRange } from './free-port';

describe('workerPortRange', () => {
  it('gives each jest worker and the parent a slice of its own, all below the ephemeral range', () => {
    const slices = [0, 1, 2, 3].map((worker) => {
      const slice = workerPortRange(worker, 32_768);
      if (!slice) throw new Error(`no slice for worker ${worker}`);
      return slice;
    });
    for (const slice of slices) {
      expect(slice.from).toBeGreaterThanOrEqual(20_000);
      expect(slice.to).toBeLessThanOrEqual(32_768);
      expect(slice.to - slice.from).toBeGreaterThanOrEqual(1000);
    }
    slices.reduce((previous, slice) => {
      expect(slice.from).toBeGreaterThanOrEqual(previous.to);
      return slice;
    });
  });

  it('leaves the choice to the kernel when there is no room below the ephemeral range, or no range', () => {
    expect(workerPortRange(1, 20_500)).toBeUndefined();
    expect(workerPortRange(1, undefined)).toBeUndefined();
  });
});

describe('freePort', () => {
  const linux = (() => {
    try {
      return Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/)[0]);
    } catch {
      return undefined;
    }
  })();

  it('never hands out a port twice, nor one the kernel could give an outgoing connection', async () => {
    const ports: number[] = [];
    for (let i = 0; i < 50; i++) ports.push(await freePort());
    expect(new Set(ports).size).toBe(ports.length);
    if (linux !== undefined) for (const port of ports) expect(port).toBeLessThan(linux);
  });

  it('hands out a port that can be listened on', async () => {
    const port = await freePort();
    const server: Server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: '127.0.0.1', port }, resolve);
    });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
