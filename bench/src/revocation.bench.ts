// npm run bench -- revocation
// How long a revoked grant stays usable (GM-2, DESIGN.md journey 7) in distributed mode: the five
// services each as its own process (dist/), one PostgreSQL 17, events over a real Kafka 3.9.1
// broker (KAFKA_BROKERS, or one started here), the public origin in front (libs/testing
// startDistributedGrantline, the same cluster the distributed e2e tests run).
// For each of REVOCATIONS grants, authorized beforehand by whole AISP journeys (PAR, the PSU by
// HTTP forms, token): DELETE /grants/{id} with a grant_management_revoke token, then GET
// /aisp/accounts with the grant's access token back to back until it is refused (401). The figure is
// the time from the 204 arriving to the first refusal arriving, measured here, under background
// load (account and balance reads and token refreshes by other grants, closed loops):
//   revocation_p50_ms, revocation_p99_ms (goal: p99 < 500 ms).
// The load generator shares the machine with the services: its proof signing and HTTP cost count.
import { prepareDemoCoreBank } from '@grantline/core-bank';
import {
  OpenBankingTpp,
  startDistributedGrantline,
  startTestPostgres,
  TestTpp,
  type AuthorizedTokens,
} from '@grantline/testing';
import { benchKafka } from './bench-kafka';
import { BenchReport, percentile } from './report';
import { BackgroundLoad } from './revocation/background-load';
import { breakdown, type ClientTimes } from './revocation/breakdown';

const REVOCATIONS = Number(process.env['BENCH_REVOCATIONS'] ?? 200);
const READERS = Number(process.env['BENCH_REVOCATION_READERS'] ?? 4);
const HOLDERS = 4;
const PREPARE_CONCURRENCY = 4;
const GIVE_UP_MS = 30_000;
const ALICE = { username: 'alice', password: 'alice-demo-pass' };
const ACCOUNT = 'acc-alice-current';

/** `count` AISP journeys, `concurrency` at a time (each its own PSU browser). */
async function authorizeMany(client: OpenBankingTpp, count: number, concurrency: number) {
  const ccToken = await client.clientCredentials('accounts');
  const done: AuthorizedTokens[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next++;
        done.push(await client.accountAccess(ALICE, ccToken));
      }
    }),
  );
  return done;
}

/** DELETE /grants/{id}, then the grant's access token until refused: ms from the 204 to the 401. */
async function timeOneRevocation(
  client: OpenBankingTpp,
  revokeToken: string,
  grant: AuthorizedTokens,
  times: ClientTimes[],
): Promise<number> {
  // The consent service learns of each approval over Kafka: the grant is usable once it has.
  for (let tries = 0; (await client.accounts(grant.accessToken)).status !== 200; tries++) {
    if (tries > 300) throw new Error(`grant ${grant.grantId} never became usable`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const deleted = await client.call('DELETE', `/grants/${encodeURIComponent(grant.grantId)}`, revokeToken);
  const answered = performance.now();
  const answeredAt = Date.now();
  if (deleted.status !== 204)
    throw new Error(`DELETE /grants: ${deleted.status} ${JSON.stringify(deleted.body).slice(0, 300)}`);
  for (;;) {
    const reply = await client.accounts(grant.accessToken);
    const arrived = performance.now();
    if (reply.status === 401) {
      times.push({ grantId: grant.grantId, answeredAt, refusedAt: Date.now() });
      return arrived - answered;
    }
    if (reply.status !== 200) throw new Error(`accounts after revocation: ${reply.status}`);
    if (arrived - answered > GIVE_UP_MS) throw new Error(`grant ${grant.grantId} still usable after 30 s`);
  }
}

async function main(): Promise<void> {
  const report = new BenchReport('revocation');
  const postgres = await startTestPostgres();
  const kafka = await benchKafka();
  const tpp = new TestTpp({ clientName: 'Revocation Bench App' });
  let stopCluster: (() => Promise<void>) | undefined;
  try {
    await postgres.ensureDatabase('bench_revocation');
    const databaseUrl = postgres.url('bench_revocation');
    await prepareDemoCoreBank(databaseUrl);
    report.note('starting authorize, token, consent, grants, audit and the gateway as separate processes');
    const cluster = await startDistributedGrantline({
      databaseUrl,
      kafkaBrokers: kafka.brokers,
      tpps: [tpp],
    });
    stopCluster = cluster.stop;
    const client = new OpenBankingTpp(tpp, cluster.publicUrl);

    report.note(`authorizing ${REVOCATIONS} grants to revoke and ${HOLDERS} for the background load`);
    const holders = await authorizeMany(client, HOLDERS, HOLDERS);
    const grants = await authorizeMany(client, REVOCATIONS, PREPARE_CONCURRENCY);
    const revokeToken = await client.clientCredentials('grant_management_revoke');

    const background = new BackgroundLoad(client, holders);
    background.start(READERS, ACCOUNT);
    const started = performance.now();
    const latencies: number[] = [];
    const times: ClientTimes[] = [];
    try {
      for (const grant of grants) {
        latencies.push(await timeOneRevocation(client, revokeToken, grant, times));
        if (latencies.length % 50 === 0) report.note(`${latencies.length}/${REVOCATIONS} revoked`);
      }
    } finally {
      const counts = await background.stop();
      const seconds = (performance.now() - started) / 1000;
      report.note(
        `background: ${(counts.reads / seconds).toFixed(0)} reads/s and ${(counts.refreshes / seconds).toFixed(0)} refreshes/s ` +
          `from ${READERS} readers and one refresher, ${counts.failures} failures; ` +
          `a background read took ${(counts.readMs / Math.max(1, counts.reads)).toFixed(0)} ms on average` +
          (counts.firstFailure ? ` (first: ${counts.firstFailure})` : ''),
      );
    }
    report.record('revocation_p50_ms', percentile(latencies, 50), 'ms');
    report.record('revocation_p99_ms', percentile(latencies, 99), 'ms');
    report.note(`max ${Math.max(...latencies).toFixed(1)} ms over ${latencies.length} revocations`);
    for (const segment of await breakdown(databaseUrl, times)) {
      report.note(`${segment.name}: p50 ${segment.p50.toFixed(0)} ms, p99 ${segment.p99.toFixed(0)} ms`);
    }
  } finally {
    await stopCluster?.();
    await kafka.release();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`revocation bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
