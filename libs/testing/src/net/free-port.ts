// A TCP port nobody listens on right now, so parallel runs and suites don't collide on fixed ports.
//
// Between freePort() and the listen() of whatever uses the port, another process can take it. Two
// kinds of taker caused every EADDRINUSE seen in CI:
// - an outgoing connection (to PostgreSQL, Kafka, a service), whose local port the kernel picks
//   from its ephemeral range, the same range `listen(0)` draws from;
// - the other jest worker, handed the same port by its own freePort().
// So ports come from below the ephemeral range, where the kernel never picks one by itself, and
// each jest worker (and the parent, worker 0) draws from a slice of its own; within one process a
// port is handed out once. Where the ephemeral range cannot be read (not Linux) or leaves no room
// below it, the kernel picks, as before.
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';

/** The lowest port tests use: above the registered ports most daemons listen on. */
const LOWEST = 20_000;
const SLICES = 8;

export interface PortRange {
  from: number;
  /** Exclusive. */
  to: number;
}

/** The kernel's ephemeral range's low end, when this is Linux. */
function ephemeralLow(): number | undefined {
  try {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]);
    return Number.isInteger(low) ? low : undefined;
  } catch {
    return undefined;
  }
}

/** The ports a process of jest worker `worker` (0 for the parent) may hand out. */
export function workerPortRange(worker: number, ephemeralLowPort: number | undefined): PortRange | undefined {
  if (ephemeralLowPort === undefined) return undefined;
  const size = Math.floor((ephemeralLowPort - LOWEST) / SLICES);
  if (size < 100) return undefined;
  const slice = ((worker % SLICES) + SLICES) % SLICES;
  return { from: LOWEST + slice * size, to: LOWEST + (slice + 1) * size };
}

const range = workerPortRange(Number(process.env['JEST_WORKER_ID'] ?? 0), ephemeralLow());
const handedOut = new Set<number>();
let cursor = range ? range.from + Math.floor(Math.random() * (range.to - range.from)) : 0;

/** Binds `port` (0: any) on the loopback and lets go of it; undefined when someone holds it. */
function tryBind(port: number): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) =>
      error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(undefined) : reject(error),
    );
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      const bound = (server.address() as AddressInfo).port;
      server.close((error) => (error ? reject(error) : resolve(bound)));
    });
  });
}

export async function freePort(): Promise<number> {
  if (range) {
    const size = range.to - range.from;
    for (let tried = 0; tried < size; tried++) {
      const port = cursor;
      cursor = cursor + 1 >= range.to ? range.from : cursor + 1;
      if (handedOut.has(port)) continue;
      if ((await tryBind(port)) === undefined) continue;
      handedOut.add(port);
      return port;
    }
  }
  const port = await tryBind(0);
  if (port === undefined) throw new Error('no free TCP port');
  return port;
}
