// The /token load both servers get, from one undici keep-alive pool per run. Every request is a
// TPP's authorization_code redemption: a fresh ES256 client assertion (new jti, aud = issuer), a
// fresh ES256 DPoP proof (new jti, htu = the issuer's token endpoint), the code, its PKCE verifier
// and redirect URI. Requests are signed before a run starts (a few seconds ahead, well inside the
// assertions' and proofs' lifetimes), so the generator spends the run sending, not signing; the timed
// window runs from send to the last byte of the answer.
//  - closed loop: `concurrency` connections each send the next request when the last one answered,
//    until every prepared request is sent (codes are single-use, so a run is a number of requests);
//  - open loop: requests scheduled at a fixed rate, latency counted from each scheduled send time,
//    so queueing in the generator or the server is not hidden (coordinated omission).
import { Pool } from 'undici';
import type { TestTpp } from '@grantline/testing';
import type { MintedCodes } from './codes';
import type { AuthorizationServer } from './servers';

export interface TokenRequest {
  body: string;
  dpop: string;
}

export interface TokenLoadResult {
  concurrency: number;
  requestsPerSecond: number;
  latenciesMs: number[];
  failures: number;
  firstFailure?: string;
}

export async function prepareTokenRequests(
  tpp: TestTpp,
  server: AuthorizationServer,
  minted: MintedCodes,
): Promise<TokenRequest[]> {
  return Promise.all(
    minted.codes.map(async (code) => ({
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: tpp.redirectUri,
        code_verifier: minted.codeVerifier,
        client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
        client_assertion: await tpp.clientAssertion(server.issuer),
      }).toString(),
      dpop: await tpp.dpopProof('POST', server.tokenHtu),
    })),
  );
}

async function send(
  pool: Pool,
  path: string,
  request: TokenRequest,
): Promise<{ status: number; text: string }> {
  const response = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded', dpop: request.dpop },
    body: request.body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** A redemption succeeded: 200 with a DPoP-bound access token. */
const redeemed = (status: number, text: string) => status === 200 && text.includes('"token_type":"DPoP"');

export async function closedLoop(
  server: AuthorizationServer,
  requests: TokenRequest[],
  concurrency: number,
): Promise<TokenLoadResult> {
  const url = new URL(server.tokenUrl);
  const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
  const queue = [...requests];
  const latenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let next = queue.pop(); next; next = queue.pop()) {
          const sent = performance.now();
          const { status, text } = await send(pool, url.pathname, next);
          latenciesMs.push(performance.now() - sent);
          if (!redeemed(status, text)) {
            failures++;
            firstFailure ??= `${status} ${text.slice(0, 300)}`;
          }
        }
      }),
    );
  } finally {
    await pool.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    concurrency,
    requestsPerSecond: (latenciesMs.length - failures) / elapsed,
    latenciesMs,
    failures,
    firstFailure,
  };
}

export async function openLoop(
  server: AuthorizationServer,
  requests: TokenRequest[],
  ratePerSecond: number,
): Promise<TokenLoadResult> {
  const url = new URL(server.tokenUrl);
  const pool = new Pool(url.origin, { connections: 256, pipelining: 1 });
  const latenciesMs: number[] = [];
  const inFlight = new Set<Promise<void>>();
  const interval = 1000 / ratePerSecond;
  let failures = 0;
  let firstFailure: string | undefined;
  let sent = 0;
  const started = performance.now();
  try {
    while (sent < requests.length) {
      const now = performance.now();
      // Every request whose scheduled time has come is sent now, each timed from its own schedule.
      while (sent < requests.length && started + sent * interval <= now) {
        const scheduled = started + sent * interval;
        const one: Promise<void> = send(pool, url.pathname, requests[sent])
          .then(({ status, text }) => {
            if (redeemed(status, text)) latenciesMs.push(performance.now() - scheduled);
            else {
              failures++;
              firstFailure ??= `${status} ${text.slice(0, 300)}`;
            }
          })
          .catch((error: unknown) => {
            failures++;
            firstFailure ??= String(error);
          })
          .finally(() => inFlight.delete(one));
        inFlight.add(one);
        sent++;
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await Promise.all(inFlight);
  } finally {
    await pool.close();
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    concurrency: 0,
    requestsPerSecond: latenciesMs.length / elapsed,
    latenciesMs,
    failures,
    firstFailure,
  };
}
