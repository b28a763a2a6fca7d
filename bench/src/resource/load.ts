// A small keep-alive HTTP load generator for requests that each need a fresh DPoP proof (unique
// jti, ath of the token), signed here per request with libs/crypto, as a TPP would. Proof signing
// is part of the generator's cost, on the same 2 cores as the service.
//  - closed loop: `concurrency` workers, each sending its next request when the last one answered;
//  - open loop: requests scheduled at a fixed rate; latency is counted from each request's
//    scheduled send time, so queueing in the generator or the service is not hidden (coordinated
//    omission).
import { Agent, request as httpRequest } from 'node:http';

export interface Response {
  status: number;
  body: string;
}

/**
 * Requests go to each base URL in turn: replicas of a service behind a connection-balancing
 * Service (kube-proxy), as the consent service runs in a cluster.
 */
export class HttpClient {
  private readonly agent: Agent;
  private next = 0;

  constructor(
    private readonly baseUrls: readonly string[],
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  send(method: string, path: string, headers: Record<string, string>, body?: string): Promise<Response> {
    const baseUrl = this.baseUrls[this.next++ % this.baseUrls.length];
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        `${baseUrl}${path}`,
        {
          method,
          agent: this.agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
          incoming.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** One request's work: build its headers (fresh proof), send, and say whether it succeeded. */
export type Attempt = () => Promise<boolean>;

export interface ClosedLoopResult {
  concurrency: number;
  requestsPerSecond: number;
  failures: number;
}

export async function closedLoop(attempt: Attempt, concurrency: number, seconds: number) {
  const deadline = performance.now() + seconds * 1000;
  let succeeded = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        if (await attempt().catch(() => false)) succeeded++;
        else failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { concurrency, requestsPerSecond: succeeded / elapsed, failures } satisfies ClosedLoopResult;
}

export interface OpenLoopResult {
  /** Milliseconds from each request's scheduled send time to its full response. */
  latencies: number[];
  sent: number;
  failures: number;
  achievedPerSecond: number;
}

export async function openLoop(attempt: Attempt, ratePerSecond: number, seconds: number) {
  const latencies: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const total = Math.round(ratePerSecond * seconds);
  const interval = 1000 / ratePerSecond;
  let failures = 0;
  let sent = 0;
  const started = performance.now();
  while (sent < total) {
    const now = performance.now();
    // Every request whose scheduled time has come is sent now, each timed from its own schedule.
    while (sent < total && started + sent * interval <= now) {
      const scheduled = started + sent * interval;
      const one = attempt()
        .catch(() => false)
        .then((ok) => {
          if (ok) latencies.push(performance.now() - scheduled);
          else failures++;
          inFlight.delete(one);
        });
      inFlight.add(one);
      sent++;
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return {
    latencies,
    sent,
    failures,
    achievedPerSecond: latencies.length / elapsed,
  } satisfies OpenLoopResult;
}
