// Whole authorization code flows as plain HTTP, the same steps against both servers: PAR (private_key_jwt,
// PKCE S256, dpop_jkt) → GET the authorization endpoint → follow redirects to the login page → POST
// username, password and the page's CSRF token → the consent page → POST approve with the first
// offered account and its CSRF token → follow redirects to the TPP's redirect URI → POST /token
// (private_key_jwt + DPoP). Each flow is a browser of its own (its own cookies); `concurrency` flows
// run at once, each starting the next when it finishes.
import { Pool } from 'undici';
import { PsuBrowser, PsuJourneyFailed as FlowFailed, type Psu, type TestTpp } from '@grantline/testing';
import type { AuthorizationServer } from './servers';

export interface FlowResult {
  concurrency: number;
  flowsPerSecond: number;
  flowLatenciesMs: number[];
  failures: number;
  firstFailure?: string;
}

export type { Psu };

async function oneFlow(tpp: TestTpp, server: AuthorizationServer, pools: Map<string, Pool>, psu: Psu) {
  const browser = new PsuBrowser(pools);
  const pkce = tpp.newPkce();
  const par = await browser.request(
    'POST',
    new URL(server.parUrl),
    await tpp.parForm(server.issuer, tpp.authorizationRequest(pkce)),
  );
  if (par.status !== 201) throw new FlowFailed(`PAR ${par.status} ${par.text.slice(0, 200)}`);
  const requestUri = (JSON.parse(par.text) as { request_uri: string }).request_uri;

  const start = new URL(server.authorizationUrl);
  start.search = new URLSearchParams({ client_id: tpp.clientId, request_uri: requestUri }).toString();
  const back = await browser.signInAndApprove(start, tpp.redirectUri, psu);
  const code = back.searchParams.get('code');
  if (!code) throw new FlowFailed(`no code at the redirect URI: ${back.search.slice(0, 200)}`);

  const token = await browser.request(
    'POST',
    new URL(server.tokenUrl),
    new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: tpp.redirectUri,
      code_verifier: pkce.verifier,
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await tpp.clientAssertion(server.issuer),
    }),
    { dpop: await tpp.dpopProof('POST', server.tokenHtu) },
  );
  if (token.status !== 200) throw new FlowFailed(`token ${token.status} ${token.text.slice(0, 200)}`);
}

export async function runFlows(
  tpp: TestTpp,
  server: AuthorizationServer,
  psu: Psu,
  concurrency: number,
  seconds: number,
): Promise<FlowResult> {
  const origins = new Set(
    [server.parUrl, server.authorizationUrl, server.tokenUrl].map((u) => new URL(u).origin),
  );
  const pools = new Map(
    [...origins].map((origin) => [origin, new Pool(origin, { connections: concurrency })]),
  );
  const flowLatenciesMs: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  try {
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (performance.now() < deadline) {
          const flowStarted = performance.now();
          try {
            await oneFlow(tpp, server, pools, psu);
            flowLatenciesMs.push(performance.now() - flowStarted);
          } catch (error) {
            failures++;
            firstFailure ??= error instanceof Error ? error.message : String(error);
          }
        }
      }),
    );
  } finally {
    await Promise.all([...pools.values()].map((pool) => pool.close()));
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    concurrency,
    flowsPerSecond: flowLatenciesMs.length / elapsed,
    flowLatenciesMs,
    failures,
    firstFailure,
  };
}
