// npm run bench -- token
// Grantline's token endpoint beside node-oidc-provider configured for FAPI 2.0 (PAR, private_key_jwt,
// DPoP, PKCE S256, in-memory storage), same client and keys, same load generator, same run:
//  (a) POST /token, authorization_code with private_key_jwt + DPoP (ES256): requests/s and p50/p99,
//      on codes minted ahead of each run (token/codes.ts), so the run measures redemption alone;
//  (b) whole flows per second: PAR → authorize → PSU login and approval as plain HTTP form posts
//      (CSRF token from the page) → token (token/flows.ts), and the ceiling of that rate on this
//      machine: both servers check the PSU's password with the same scrypt hash, so neither can
//      complete more flows/s than the machine can check passwords (token/password-ceiling.ts);
//  (c) Grantline's token p99 at half its best measured throughput, open loop.
// Grantline is its authorize and token services as separate processes on real PostgreSQL 17 (token
// records, jti replay and events stored); oidc-provider keeps everything in memory: that favours the peer.
// Concurrency levels alternate between the servers so background load hits both alike.
//   BENCH_TOKEN_QUICK=1 (smoke run, < 1 minute)  BENCH_TOKEN_CONCURRENCY=8,32,64
//   BENCH_TOKEN_FLOW_CONCURRENCY=4,16  BENCH_TOKEN_NODE_FLAGS="--cpu-prof --cpu-prof-dir=tmp/prof"
import { TestTpp, startTestPostgres } from '@grantline/testing';
import { type MintedCodes, mintOidcProviderCodes, sealGrantlineCodes } from './token/codes';
import { type FlowResult, runFlows } from './token/flows';
import { measurePasswordCeiling } from './token/password-ceiling';
import {
  type AuthorizationServer,
  type GrantlineServers,
  startGrantline,
  startOidcProvider,
} from './token/servers';
import { type TokenLoadResult, closedLoop, openLoop, prepareTokenRequests } from './token/token-load';
import { BenchReport, percentile } from './report';

const QUICK = process.env['BENCH_TOKEN_QUICK'] === '1';
const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').map(Number);
const LEVELS = list('BENCH_TOKEN_CONCURRENCY', QUICK ? '16' : '8,32,64');
const FLOW_LEVELS = list('BENCH_TOKEN_FLOW_CONCURRENCY', QUICK ? '4' : '4,16');
/** How long one /token run should last at the rate the warm-up measured. */
const RUN_SECONDS = QUICK ? 2 : 8;
const FLOW_SECONDS = QUICK ? 5 : 15;
const HALF_LOAD_SECONDS = QUICK ? 3 : 10;
const WARM_UP_REQUESTS = QUICK ? 200 : 500;
const PSU = { username: 'alice', password: 'alice-demo-pass' };

function describeTokens(server: AuthorizationServer, result: TokenLoadResult): string {
  const { latenciesMs: sample } = result;
  return (
    `${server.name} /token c=${result.concurrency || 'open'}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${percentile(sample, 50).toFixed(1)} ms, p99 ${percentile(sample, 99).toFixed(1)} ms, ` +
    `${result.failures} failed${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}`
  );
}

function describeFlows(server: AuthorizationServer, result: FlowResult): string {
  const sample = result.flowLatenciesMs;
  return (
    `${server.name} flows c=${result.concurrency}: ${result.flowsPerSecond.toFixed(1)} flows/s, ` +
    `p50 ${percentile(sample, 50).toFixed(0)} ms, p99 ${percentile(sample, 99).toFixed(0)} ms, ` +
    `${result.failures} failed${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}`
  );
}

const bestOf = <T>(results: T[], rate: (result: T) => number): T =>
  results.reduce((a, b) => (rate(b) > rate(a) ? b : a));

async function main(): Promise<void> {
  const report = new BenchReport('token');
  const tpp = new TestTpp({ alg: 'ES256', redirectUri: 'https://tpp.example/callback' });
  const postgres = await startTestPostgres();
  const servers: AuthorizationServer[] = [];
  try {
    await postgres.ensureDatabase('bench');
    const grantline: GrantlineServers = await startGrantline(postgres.url('bench'), tpp);
    servers.push(grantline);
    const peer = await startOidcProvider(tpp, PSU.password);
    servers.push(peer);
    report.note(
      `Grantline authorize ${grantline.issuer}, token ${grantline.tokenUrl} (pid ${grantline.tokenPid}); ` +
        `oidc-provider ${peer.issuer} (pid ${peer.tokenPid})${QUICK ? ' — quick run' : ''}`,
    );

    const mint = (server: AuthorizationServer, count: number): Promise<MintedCodes> =>
      server === grantline
        ? Promise.resolve(sealGrantlineCodes(grantline.sealingKeys, tpp, count))
        : mintOidcProviderCodes(server.issuer, tpp, count);
    const tokenRun = async (server: AuthorizationServer, count: number, concurrency: number) => {
      const requests = await prepareTokenRequests(tpp, server, await mint(server, count));
      const result = await closedLoop(server, requests, concurrency);
      report.note(describeTokens(server, result));
      if (result.failures > 0) throw new Error(describeTokens(server, result));
      return result;
    };

    // (a) Warm-up (JIT, pools, caches) doubles as calibration: each run then lasts ~RUN_SECONDS.
    const calibrated = new Map<AuthorizationServer, number>();
    for (const server of servers) {
      calibrated.set(server, (await tokenRun(server, WARM_UP_REQUESTS, LEVELS[0])).requestsPerSecond);
    }
    const tokenResults = new Map<AuthorizationServer, TokenLoadResult[]>(servers.map((s) => [s, []]));
    for (const concurrency of LEVELS) {
      for (const server of servers) {
        const count = Math.min(
          20_000,
          Math.max(200, Math.round((calibrated.get(server) ?? 0) * RUN_SECONDS)),
        );
        tokenResults.get(server)?.push(await tokenRun(server, count, concurrency));
      }
    }
    const ours = bestOf(tokenResults.get(grantline) ?? [], (r) => r.requestsPerSecond);
    const theirs = bestOf(tokenResults.get(peer) ?? [], (r) => r.requestsPerSecond);
    report.record('grantline_token_rps', ours.requestsPerSecond, 'req/s');
    report.record('oidc_provider_token_rps', theirs.requestsPerSecond, 'req/s');
    report.ratio('token_rps_ratio_vs_oidc_provider', ours.requestsPerSecond, theirs.requestsPerSecond);
    report.record('grantline_token_p50_ms', percentile(ours.latenciesMs, 50), 'ms');
    report.record('grantline_token_p99_ms', percentile(ours.latenciesMs, 99), 'ms');
    report.record('oidc_provider_token_p50_ms', percentile(theirs.latenciesMs, 50), 'ms');
    report.record('oidc_provider_token_p99_ms', percentile(theirs.latenciesMs, 99), 'ms');
    report.record('grantline_token_best_concurrency', ours.concurrency, 'connections');
    report.record('oidc_provider_token_best_concurrency', theirs.concurrency, 'connections');

    // (c) Half of Grantline's best throughput, scheduled at a fixed rate.
    const halfRate = ours.requestsPerSecond / 2;
    const halfLoad = await openLoop(
      grantline,
      await prepareTokenRequests(
        tpp,
        grantline,
        await mint(grantline, Math.round(halfRate * HALF_LOAD_SECONDS)),
      ),
      halfRate,
    );
    report.note(`${describeTokens(grantline, halfLoad)} at ${halfRate.toFixed(0)} req/s scheduled`);
    if (halfLoad.failures > 0) throw new Error(describeTokens(grantline, halfLoad));
    report.record('token_p99_ms_at_half_load', percentile(halfLoad.latenciesMs, 99), 'ms');
    report.record('token_half_load_rps', halfRate, 'req/s');

    // (b) Whole flows.
    const flowResults = new Map<AuthorizationServer, FlowResult[]>(servers.map((s) => [s, []]));
    for (const server of servers) await runFlows(tpp, server, PSU, 1, 1); // warm-up
    for (const concurrency of FLOW_LEVELS) {
      for (const server of servers) {
        const result = await runFlows(tpp, server, PSU, concurrency, FLOW_SECONDS);
        report.note(describeFlows(server, result));
        if (result.failures > 0) throw new Error(describeFlows(server, result));
        flowResults.get(server)?.push(result);
      }
    }
    const ourFlows = bestOf(flowResults.get(grantline) ?? [], (r) => r.flowsPerSecond);
    const theirFlows = bestOf(flowResults.get(peer) ?? [], (r) => r.flowsPerSecond);
    report.record('grantline_flows_per_s', ourFlows.flowsPerSecond, 'flows/s');
    report.record('oidc_provider_flows_per_s', theirFlows.flowsPerSecond, 'flows/s');
    report.ratio('flow_rps_ratio_vs_oidc_provider', ourFlows.flowsPerSecond, theirFlows.flowsPerSecond);
    report.record('grantline_flow_p99_ms', percentile(ourFlows.flowLatenciesMs, 99), 'ms');
    report.record('oidc_provider_flow_p99_ms', percentile(theirFlows.flowLatenciesMs, 99), 'ms');

    // The most flows/s any server could reach here: one scrypt password check per flow.
    const ceiling = await measurePasswordCeiling(PSU.password, QUICK ? 2 : 5);
    report.note(
      `PSU password check (scrypt N=2^15): ${ceiling.cpuMsPerCheck.toFixed(0)} ms CPU each, ` +
        `${ceiling.checksPerSecond.toFixed(1)}/s with every core busy: no server's flows/s can exceed that`,
    );
    report.record('psu_password_check_cpu_ms', ceiling.cpuMsPerCheck, 'ms');
    report.record('flows_per_s_ceiling', ceiling.checksPerSecond, 'flows/s');
    report.ratio('flow_ratio_ceiling_vs_oidc_provider', ceiling.checksPerSecond, theirFlows.flowsPerSecond);
  } finally {
    for (const server of servers) await server.stop();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`token bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
