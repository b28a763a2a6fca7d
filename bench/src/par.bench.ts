// npm run bench -- par
// POST /par throughput and latency: Grantline's authorize service (real PostgreSQL 17, in-process
// events; see par/servers.ts) beside node-oidc-provider configured for FAPI 2.0, same client, same
// machine, same load generator (par/load.ts), in the same run. Each request: private_key_jwt with
// an ES256 assertion and a fresh jti, PKCE S256, dpop_jkt, state, nonce, scope, redirect_uri.
// oidc-provider keeps its state in memory (its default adapter); Grantline stores the jti, the
// pushed request and a ParRequestPushed event in PostgreSQL: that difference favours the peer.
// Concurrency levels alternate between the servers so background load hits both alike; the best
// sustained rate of each is reported, and latency at the level where that rate was reached.
//   BENCH_PAR_CONCURRENCY=8,32,64  BENCH_PAR_SECONDS=10  BENCH_PAR_NODE_FLAGS="--cpu-prof …"
import { TestTpp, startTestPostgres } from '@grantline/testing';
import { type LoadResult, pushOnce, runLoad } from './par/load';
import { type RunningServer, startGrantline, startOidcProvider } from './par/servers';
import { BenchReport, percentile } from './report';

const LEVELS = (process.env['BENCH_PAR_CONCURRENCY'] ?? '8,32,64').split(',').map(Number);
const SECONDS = Number(process.env['BENCH_PAR_SECONDS'] ?? 10);
const WARM_UP_SECONDS = 3;

function describe(server: RunningServer, result: LoadResult): string {
  const { latenciesMs: sample } = result;
  return (
    `${server.name} c=${result.concurrency}: ${result.requestsPerSecond.toFixed(0)} req/s, ` +
    `p50 ${percentile(sample, 50).toFixed(1)} ms, p99 ${percentile(sample, 99).toFixed(1)} ms, ` +
    `${result.failures} failed${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}`
  );
}

function best(results: LoadResult[]): LoadResult {
  return results.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
}

async function main(): Promise<void> {
  const report = new BenchReport('par');
  const tpp = new TestTpp({ alg: 'ES256' });
  const postgres = await startTestPostgres();
  const servers: RunningServer[] = [];
  try {
    await postgres.ensureDatabase('bench');
    const grantline = await startGrantline(postgres.url('bench'), tpp);
    servers.push(grantline);
    const peer = await startOidcProvider(tpp);
    servers.push(peer);
    report.note(
      `Grantline ${grantline.par} (pid ${grantline.pid}), oidc-provider ${peer.par} (pid ${peer.pid})`,
    );
    const results = new Map<RunningServer, LoadResult[]>(servers.map((server) => [server, []]));
    for (const server of servers) {
      await pushOnce(tpp, server.issuer, server.par);
      await runLoad(tpp, server.issuer, server.par, LEVELS[0], WARM_UP_SECONDS); // JIT, pools, caches
    }
    for (const concurrency of LEVELS) {
      for (const server of servers) {
        const result = await runLoad(tpp, server.issuer, server.par, concurrency, SECONDS);
        report.note(describe(server, result));
        if (result.failures > 0) throw new Error(describe(server, result));
        results.get(server)?.push(result);
      }
    }
    const ours = best(results.get(grantline) ?? []);
    const theirs = best(results.get(peer) ?? []);
    report.record('grantline_par_rps', ours.requestsPerSecond, 'req/s');
    report.record('oidc_provider_par_rps', theirs.requestsPerSecond, 'req/s');
    report.ratio('par_rps_ratio_vs_oidc_provider', ours.requestsPerSecond, theirs.requestsPerSecond);
    report.record('grantline_par_p99_ms', percentile(ours.latenciesMs, 99), 'ms');
    report.record('grantline_par_p50_ms', percentile(ours.latenciesMs, 50), 'ms');
    report.record('oidc_provider_par_p99_ms', percentile(theirs.latenciesMs, 99), 'ms');
    report.record('grantline_par_best_concurrency', ours.concurrency, 'connections');
    report.record('oidc_provider_par_best_concurrency', theirs.concurrency, 'connections');
  } finally {
    for (const server of servers) await server.stop();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`par bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
