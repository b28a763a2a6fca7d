// A small keep-alive HTTP load generator for requests that each need a fresh DPoP proof (unique
// jti, ath of the token), signed here per request with libs/crypto, as a TPP would. Proof signing
// is part of the generator's cost, on the same 2 cores as the service.
//  - closed loop: `concurrency` workers, each sending its next request when the last one answered;
//  - open loop: requests scheduled at a fixed rate; latency is counted from each request's
//    scheduled send time, so queueing in the generator or the service is not hidden (coordinated
//    omission).
import { Pool } from 'undici';

export interface Response {
  status: number;
  body: string;
}

/**
 * Requests go to each base URL in turn: replicas of a service behind a connection-balancing
 * Service (kube-proxy), as the consent service runs in a cluster. One keep-alive undici pool per
 * replica, as the PAR and token benches use: node:http's client cost the generator about twice
 * as much CPU per request, on the cores the service needs.
 */
export class HttpClient {
  private readonly pools: Pool[];
  private next = 0;

  constructor(baseUrls: readonly string[], maxSockets: number) {
    const connections = Math.max(1, Math.ceil(maxSockets / baseUrls.length));
    this.pools = baseUrls.map((baseUrl) => new Pool(baseUrl, { connections }));
  }

  async send(
    method: string,
    path: string,
    headers: Record<string, string>,
    body?: string,
  ): Promise<Response> {
    const pool = this.pools[this.next++ % this.pools.length];
    const response = await pool.request({
      method: method as 'GET',
      path,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    return { status: response.statusCode, body: await response.body.text() };
  }

  async close(): Promise<void> {
    await Promise.all(this.pools.map((pool) => pool.close()));
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
