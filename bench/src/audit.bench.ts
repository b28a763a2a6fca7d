// npm run bench -- audit
// The audit service as it runs in a cluster (node dist/apps/audit/src/main.js, its own consumer
// group on a real Kafka 3.9.1 broker, real PostgreSQL 17):
//  - ingest: a backlog of events of every type is published first, then the service starts;
//    events/s = stored events / time from the first to the last stored record;
//  - queries: the log is filled to BENCH_AUDIT_TABLE_EVENTS (default 5,000,000) synthetic records
//    over three monthly partitions, then GET /audit/events by consent id and by client + one-day
//    range, through HTTP with a compliance token (each query also records itself in the log).
// The service gets the NODE_OPTIONS its Kubernetes Deployment sets (k8s/base/audit.yaml).
//   BENCH_AUDIT_INGEST_EVENTS  BENCH_AUDIT_TABLE_EVENTS  BENCH_AUDIT_NODE_FLAGS="--cpu-prof --cpu-prof-dir=…"
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { grantlineCatalogue } from '@grantline/contracts';
import { generateSigningKey, randomId, signJwt } from '@grantline/crypto';
import { KafkaTransport } from '@grantline/messaging';
import { freePort, startTestPostgres } from '@grantline/testing';
import { benchKafka, type BenchKafka } from './bench-kafka';
import { BenchReport, percentile } from './report';

const INGEST_EVENTS = Number(process.env['BENCH_AUDIT_INGEST_EVENTS'] ?? 100_000);
const TABLE_EVENTS = Number(process.env['BENCH_AUDIT_TABLE_EVENTS'] ?? 5_000_000);
const QUERIES = 300;
const CLIENTS = 200;
const EVENTS_PER_CONSENT = 10;
const root = join(__dirname, '..', '..', '..');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** NODE_OPTIONS as the audit Deployment sets it, so the bench runs the service as deployed. */
function deployedNodeOptions(): string {
  const manifest = readFileSync(join(root, 'k8s', 'base', 'audit.yaml'), 'utf8');
  const value = /- name: NODE_OPTIONS\n\s+value: (.+)/.exec(manifest)?.[1];
  if (!value) throw new Error('k8s/base/audit.yaml sets no NODE_OPTIONS for the audit container');
  return value.trim();
}

function envelope(i: number, run: string): object {
  const consentId = `pdc-${run}-${Math.floor(i / 5)}`;
  const clientId = `tpp-${i % CLIENTS}`;
  const kinds = [
    {
      type: 'ConsentCreated',
      data: { consentId, clientId, consentType: 'account-access', permissions: ['ReadAccountsBasic'] },
    },
    {
      type: 'ConsentAuthorised',
      data: {
        consentId,
        clientId,
        subject: `psu-${i % 5000}`,
        grantId: `grant-${consentId}`,
        accountIds: ['GB29NWBK60161331926819'],
      },
    },
    {
      type: 'AccessTokenIssued',
      data: {
        jti: `jti-${randomId(16)}`,
        clientId,
        grantId: `grant-${consentId}`,
        grantType: 'authorization_code',
        senderConstraint: 'dpop',
        scopes: ['accounts'],
        expiresAt: new Date().toISOString(),
      },
    },
    {
      type: 'RefreshTokenIssued',
      data: { tokenId: `rt-${randomId(16)}`, clientId, grantId: `grant-${consentId}` },
    },
    {
      type: 'ConsentRevoked',
      data: { consentId, clientId, revokedBy: 'psu', statusReason: 'PSU revoked it' },
    },
  ];
  const { type, data } = kinds[i % kinds.length];
  return {
    id: globalThis.crypto.randomUUID(),
    type,
    schemaVersion: 1,
    streamId: consentId,
    streamPosition: (i % 5) + 1,
    occurredAt: new Date().toISOString(),
    correlationId: `corr-${i}`,
    causationId: null,
    actor: { kind: 'tpp', id: clientId },
    data,
  };
}

async function publishBacklog(transport: KafkaTransport, report: BenchReport, run: string): Promise<void> {
  const chunk = 2000;
  for (let from = 0; from < INGEST_EVENTS; from += chunk) {
    const messages = [];
    for (let i = from; i < Math.min(INGEST_EVENTS, from + chunk); i++) {
      const event = envelope(i, run) as { type: string; streamId: string };
      messages.push({
        topic: grantlineCatalogue.topicOf(event.type),
        key: event.streamId,
        value: JSON.stringify(event),
        headers: {},
      });
    }
    await transport.publish(messages);
  }
  report.note(`published ${INGEST_EVENTS} events`);
}

async function fillTable(owner: DataSource, report: BenchReport): Promise<void> {
  const [{ n }] = await owner.query('SELECT count(*)::int AS n FROM audit.audit_records');
  const missing = TABLE_EVENTS - n;
  const months = ['2026-09-15', '2026-10-15'];
  for (const month of months) await owner.query('SELECT audit.ensure_audit_partition($1)', [month]);
  const step = 500_000;
  for (let done = 0; done < missing; done += step) {
    const rows = Math.min(step, missing - done);
    // Synthetic history in the two months before the live one: positions below the live records
    // are not needed for queries, so these take positions after them (the chain is not checked here).
    await owner.query(
      `INSERT INTO audit.audit_records (seq, ingested_at, event_id, event_type, occurred_at, client_id, grant_id,
                                        consent_ids, subject_pseudonym, record, leaf_hash, chain_hash)
       SELECT 1000000000 + $1 + g, t, gen_random_uuid(), 'ConsentAuthorised', t, 'tpp-' || (g % ${CLIENTS}),
              'grant-h' || (g / ${EVENTS_PER_CONSENT}), ARRAY['pdc-h' || (g / ${EVENTS_PER_CONSENT})], 'psn:' || (g % 50000),
              json_build_object('type', 'ConsentAuthorised', 'data', json_build_object('consentId', 'pdc-h' || (g / ${EVENTS_PER_CONSENT}))),
              sha256(g::text::bytea), sha256(('c' || g)::bytea)
       FROM generate_series(1, $2) AS g,
            LATERAL (SELECT timestamptz '2026-09-01' + ((($1 + g) % 5000000) * interval '1 second' * 1.0) AS t) AS at`,
      [done, rows],
    );
    report.note(`table filled to ${n + done + rows} records`);
  }
  await owner.query('VACUUM ANALYZE audit.audit_records');
  // Queries are measured in steady state, not while the bulk load's dirty pages are written out.
  await owner.query('CHECKPOINT');
}

async function timedQueries(url: string, token: string, paths: string[]): Promise<number[]> {
  const times: number[] = [];
  for (const path of paths) {
    const started = performance.now();
    const response = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    times.push(performance.now() - started);
  }
  return times;
}

async function main(): Promise<void> {
  const report = new BenchReport('audit');
  const postgres = await startTestPostgres();
  let kafka: BenchKafka | undefined;
  let service: ChildProcess | undefined;
  try {
    await postgres.ensureDatabase('bench');
    const url = postgres.url('bench');
    kafka = await benchKafka();
    const brokers = kafka.brokers;
    const run = randomId(16).slice(0, 8).toLowerCase();
    const transport = new KafkaTransport({
      brokers: brokers.split(','),
      clientId: `audit-bench-${run}`,
      partitions: 6,
    });
    await transport.start();
    await publishBacklog(transport, report, run);
    await transport.stop();

    const officer = generateSigningKey('EdDSA');
    const port = await freePort();
    const env = {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      KAFKA_BROKERS: brokers,
      MIGRATE_ON_START: 'true',
      LOG_LEVEL: 'warn',
      CONSUMER_GROUP: `audit-bench-${run}`,
      RATE_LIMIT_PER_MINUTE: '100000',
      AUDIT_CHECKPOINT_INTERVAL_MS: '3600000',
      AUDIT_MASKING_KEY: randomId(32),
      AUDIT_SIGNING_KEY: JSON.stringify(generateSigningKey('EdDSA').privateJwk),
      AUDIT_COMPLIANCE_JWKS: JSON.stringify({ keys: [officer.signingKey.publicJwk] }),
      NODE_OPTIONS: deployedNodeOptions(),
    };
    report.note(`audit service NODE_OPTIONS=${env.NODE_OPTIONS} (k8s/base/audit.yaml)`);
    const flags = (process.env['BENCH_AUDIT_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
    service = spawn(process.execPath, [...flags, join(root, 'dist', 'apps', 'audit', 'src', 'main.js')], {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const owner = new DataSource({ type: 'postgres', url });
    await owner.initialize();
    let first: number | undefined;
    let stored = 0;
    const deadline = Date.now() + 600_000;
    while (stored < INGEST_EVENTS && Date.now() < deadline) {
      await sleep(200);
      // Positions are dense from 1, so the highest is the count: one index probe, where count(*)
      // would scan the growing table (in parallel workers) five times a second beside the ingest.
      const rows = await owner
        .query('SELECT coalesce(max(seq), 0)::int AS n FROM audit.audit_records')
        .catch(() => [{ n: 0 }]);
      stored = rows[0].n;
      if (stored > 0 && first === undefined) first = performance.now();
    }
    const [{ span }] = await owner.query(
      'SELECT extract(epoch FROM max(ingested_at) - min(ingested_at)) AS span FROM audit.audit_records',
    );
    report.note(`stored ${stored} events; first to last record ${Number(span).toFixed(2)} s`);
    report.record('ingest_events_per_s', stored / Math.max(Number(span), 0.001), 'events/s');

    await fillTable(owner, report);
    const now = Math.floor(Date.now() / 1000);
    const token = await signJwt(officer.signingKey, {
      sub: 'bench-officer',
      aud: 'grantline-audit',
      iat: now,
      exp: now + 3000,
    });
    const consentPaths = Array.from(
      { length: QUERIES },
      (_, i) => `/audit/events?consentId=pdc-h${(i * 7919) % Math.floor(TABLE_EVENTS / EVENTS_PER_CONSENT)}`,
    );
    const clientPaths = Array.from({ length: QUERIES }, (_, i) => {
      const from = new Date(Date.parse('2026-09-01') + ((i * 104729) % 50) * 86_400_000);
      return `/audit/events?clientId=tpp-${i % CLIENTS}&from=${from.toISOString()}&to=${new Date(from.getTime() + 86_400_000).toISOString()}&limit=100`;
    });
    await timedQueries(`http://127.0.0.1:${port}`, token, [...consentPaths, ...clientPaths].slice(0, 100)); // warm-up
    const byConsent = await timedQueries(`http://127.0.0.1:${port}`, token, consentPaths);
    const byClient = await timedQueries(`http://127.0.0.1:${port}`, token, clientPaths);
    // The same lookups in SQL alone, to tell the database's share from HTTP, authentication and
    // the durable record every read writes of itself.
    const sql = 'SELECT seq, ingested_at, record, leaf_hash FROM audit.audit_records WHERE seq > 0 AND ';
    const sqlTimes = async (paths: string[], query: (params: URLSearchParams) => [string, unknown[]]) => {
      const times: number[] = [];
      for (const path of paths) {
        const [text, values] = query(new URL(path, 'http://x').searchParams);
        const started = performance.now();
        await owner.query(text, values);
        times.push(performance.now() - started);
      }
      return times;
    };
    const consentSql = await sqlTimes(consentPaths, (p) => [
      `${sql} consent_ids @> ARRAY[$1]::text[] ORDER BY seq LIMIT 101`,
      [p.get('consentId')],
    ]);
    const clientSql = await sqlTimes(clientPaths, (p) => [
      `${sql} client_id = $1 AND occurred_at >= $2 AND occurred_at < $3 ORDER BY seq LIMIT 101`,
      [p.get('clientId'), p.get('from'), p.get('to')],
    ]);
    const [{ n }] = await owner.query('SELECT count(*)::int AS n FROM audit.audit_records');
    report.record('query_by_consent_p99_ms', percentile(byConsent, 99), 'ms');
    report.record('query_by_client_time_p99_ms', percentile(byClient, 99), 'ms');
    report.record('query_by_consent_p50_ms', percentile(byConsent, 50), 'ms');
    report.record('query_by_client_time_p50_ms', percentile(byClient, 50), 'ms');
    report.record('query_by_consent_sql_p99_ms', percentile(consentSql, 99), 'ms');
    report.record('query_by_client_time_sql_p99_ms', percentile(clientSql, 99), 'ms');
    report.record('table_events', n, 'events');
    await owner.destroy();
  } finally {
    service?.kill('SIGTERM');
    await sleep(1000);
    await kafka?.release();
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`audit bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
