// The load generator both servers get: `concurrency` keep-alive connections (undici Pool), each
// sending one pushed authorization request after another. Every request is built afresh — a new
// ES256 client assertion (new jti), PKCE verifier, state and nonce — as a TPP sends it; building it
// is outside the timed window, which runs from send to the last byte of the answer.
import { Pool } from 'undici';
import type { TestTpp } from '@grantline/testing';

export interface LoadResult {
  concurrency: number;
  requestsPerSecond: number;
  latenciesMs: number[];
  failures: number;
  firstFailure?: string;
}

/** One FAPI 2.0 PAR body: plain form parameters (the default profile needs no request object). */
async function parBody(tpp: TestTpp, issuer: string): Promise<string> {
  return (await tpp.parForm(issuer, tpp.authorizationRequest(tpp.newPkce()))).toString();
}

async function push(pool: Pool, path: string, body: string): Promise<{ status: number; text: string }> {
  const response = await pool.request({
    method: 'POST',
    path,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

/** Sends one request and insists on 201 with a request_uri, so a misconfigured server fails loudly. */
export async function pushOnce(tpp: TestTpp, issuer: string, par: string): Promise<void> {
  const url = new URL(par);
  const pool = new Pool(url.origin, { connections: 1 });
  try {
    const { status, text } = await push(pool, url.pathname, await parBody(tpp, issuer));
    if (status !== 201 || !text.includes('request_uri')) throw new Error(`${par}: ${status} ${text}`);
  } finally {
    await pool.close();
  }
}

export async function runLoad(
  tpp: TestTpp,
  issuer: string,
  par: string,
  concurrency: number,
  seconds: number,
): Promise<LoadResult> {
  const url = new URL(par);
  const pool = new Pool(url.origin, { connections: concurrency, pipelining: 1 });
  const latenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const body = await parBody(tpp, issuer);
          const sent = performance.now();
          const { status, text } = await push(pool, url.pathname, body);
          latenciesMs.push(performance.now() - sent);
          if (status !== 201) {
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
