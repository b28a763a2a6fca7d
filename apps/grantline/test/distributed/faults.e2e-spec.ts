// Faults under load (ROB-2, CON-3; G10): the five services as separate processes on a Kafka broker
// and a PostgreSQL server of this file's own (the run's shared ones serve parallel suites and are
// never touched), while TPP workers run AIS and PIS journeys back to back: kill -9 and restart
// Kafka, then PostgreSQL, then each service in turn. Every journey completes or ends with a clear
// error; afterwards the audit log holds every event any service recorded, exactly once, its chain
// verifies, and no payment consent paid twice.
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { prepareDemoCoreBank } from '@grantline/core-bank';
import type { EmbeddedPostgres } from '@grantline/embedded-postgres';
import {
  AuditCompliance,
  crashAndRestartKafka,
  crashAndRestartPostgres,
  DISTRIBUTED_SERVICES,
  eventually,
  KafkaBroker,
  OpenBankingTpp,
  startDistributedGrantline,
  startTestPostgres,
  TestTpp,
  withDataSource,
  type DistributedGrantline,
} from '@grantline/testing';
import { alice } from './distributed-cluster';
import { JourneyLoad, JourneyTpp, type JourneyOutcome } from './journey-load';

const WORKERS = 3;
const SCHEMAS = ['authorize', 'token', 'consent', 'grants', 'audit'];
// After each fault, journeys must complete again before the next (the platform recovered).
const RECOVERY_TIMEOUT_MS = 150_000;

describe('faults under load: Kafka, PostgreSQL and every service killed and restarted while journeys run', () => {
  const tpp = new TestTpp({ clientName: 'Fault Tolerant Budgeting App' });
  let broker: KafkaBroker;
  let postgres: EmbeddedPostgres;
  let databaseUrl: string;
  let grantline: DistributedGrantline;
  let load: JourneyLoad | undefined;

  beforeAll(async () => {
    [broker, postgres] = await Promise.all([KafkaBroker.start(), startTestPostgres({ durable: true })]);
    await postgres.ensureDatabase('faults');
    databaseUrl = postgres.url('faults');
    await prepareDemoCoreBank(databaseUrl);
    grantline = await startDistributedGrantline({
      databaseUrl,
      kafkaBrokers: broker.brokers,
      tpps: [tpp],
      environment: { AUDIT_CHECKPOINT_INTERVAL_MS: '2000' },
    });
  }, 300_000);

  afterAll(async () => {
    await load?.stop();
    await grantline?.stop();
    await broker?.destroy();
    await postgres?.stop();
    if (postgres) rmSync(dirname(postgres.dataDir), { recursive: true, force: true });
  }, 120_000);

  const query = <T>(sql: string, parameters: unknown[] = []): Promise<T[]> =>
    withDataSource(databaseUrl, (admin) => admin.query(sql, parameters));

  /**
   * Journeys of both kinds completed after `since`: the platform serves again. Polls; an unclear
   * ending fails at once (waiting longer cannot undo it).
   */
  async function recovered(since: number, fault: string): Promise<void> {
    const deadline = Date.now() + RECOVERY_TIMEOUT_MS;
    for (;;) {
      const running = load as JourneyLoad;
      const unclear = running.outcomes.filter((outcome) => outcome.verdict === 'unclear').map(brief);
      expect({ fault, unclear }).toEqual({ fault, unclear: [] });
      const AIS = running.completedSince(since, 'AIS') > 0;
      const PIS = running.completedSince(since, 'PIS') > 0;
      if (AIS && PIS) return;
      if (Date.now() > deadline) {
        // What ended otherwise since, so the failure says why journeys did not complete.
        const others = running.outcomes
          .filter((outcome) => outcome.endedAt > since && outcome.verdict !== 'completed')
          .slice(-5)
          .map(brief);
        expect({ fault, AIS, PIS, others }).toEqual({ fault, AIS: true, PIS: true, others });
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  it('[ROB-2] [CON-3] every journey completes or ends with a clear error; every event reaches the audit log once; no payment twice', async () => {
    const client = new OpenBankingTpp(tpp, grantline.publicUrl);
    load = new JourneyLoad(Array.from({ length: WORKERS }, () => new JourneyTpp(client, alice)));
    await recovered(0, 'none yet');

    const faults: Array<[string, () => Promise<void>]> = [
      ['kafka', () => crashAndRestartKafka(broker)],
      ['postgres', () => crashAndRestartPostgres(postgres)],
      ...DISTRIBUTED_SERVICES.map((service): [string, () => Promise<void>] => [
        service,
        async () => {
          await grantline.stopService(service, 'SIGKILL');
          await grantline.startService(service);
        },
      ]),
    ];
    for (const [fault, inject] of faults) {
      await inject();
      await recovered(Date.now(), fault);
    }
    await load.stop();

    const outcomes = load.outcomes;
    const tally = (verdict: string) => outcomes.filter((outcome) => outcome.verdict === verdict);
    const clearSteps = [
      ...new Set(tally('clear-error').map((outcome) => `${outcome.step}: ${outcome.detail.slice(0, 80)}`)),
    ];
    process.stdout.write(
      `faults under load: ${outcomes.length} journeys, ${tally('completed').length} completed, ` +
        `${tally('clear-error').length} clear errors ${JSON.stringify(clearSteps)}\n`,
    );
    const unclear = outcomes.filter((outcome) => outcome.verdict === 'unclear');
    expect(unclear.map(brief)).toEqual([]);
    expect(outcomes.filter((outcome) => outcome.verdict === 'completed').length).toBeGreaterThan(
      faults.length,
    );

    // ROB-2: every event any service recorded is in the audit log, exactly once; nothing waits in
    // an outbox or was given up on.
    await eventually(
      async () => {
        for (const schema of SCHEMAS) {
          const missing = await query<{ event_id: string; type: string }>(
            `SELECT event_id, type FROM "${schema}".events
             WHERE event_id NOT IN (SELECT event_id FROM audit.audit_records)`,
          );
          expect({ schema, missing }).toEqual({ schema, missing: [] });
        }
      },
      { timeoutMs: 120_000, intervalMs: 1000 },
    );
    for (const schema of SCHEMAS) {
      const [{ waiting, dead }] = await query<{ waiting: number; dead: number }>(
        `SELECT (SELECT count(*) FROM "${schema}".outbox)::int AS waiting,
                (SELECT count(*) FROM "${schema}".outbox_dead_letters)::int AS dead`,
      );
      expect({ schema, dead }).toEqual({ schema, dead: 0 });
      expect({ schema, waiting }).toEqual({ schema, waiting: 0 });
    }
    expect(
      await query(`SELECT event_id FROM audit.audit_records GROUP BY event_id HAVING count(*) > 1`),
    ).toEqual([]);
    const officer = new AuditCompliance(grantline.serviceUrls.audit, grantline.audit.complianceOfficer);
    expect(await officer.verify()).toMatchObject({ ok: true });

    // CON-3: at most one debit per payment consent, each consent consumed at most once, and every
    // completed payment journey's payment debited exactly once.
    expect(
      await query(
        `SELECT d.consent_id, count(*)::int AS debits FROM consent.payment_documents d
           JOIN core_bank.transactions t ON t.transaction_id = d.payment_id || ':debit'
         GROUP BY d.consent_id HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    expect(
      await query(
        `SELECT data->>'consentId' AS consent_id, count(*)::int FROM consent.events
         WHERE type = 'ConsentConsumed' GROUP BY 1 HAVING count(*) > 1`,
      ),
    ).toEqual([]);
    const paid = outcomes.filter((outcome) => outcome.kind === 'PIS' && outcome.verdict === 'completed');
    const debits = await query<{ payment_id: string }>(
      `SELECT split_part(transaction_id, ':', 1) AS payment_id FROM core_bank.transactions
       WHERE transaction_id = ANY($1)`,
      [paid.map((outcome) => `${outcome.paymentId}:debit`)],
    );
    expect(debits.map((row) => row.payment_id).sort()).toEqual(
      paid.map((outcome) => outcome.paymentId).sort(),
    );
  }, 900_000);
});

const brief = (outcome: JourneyOutcome) => ({
  kind: outcome.kind,
  step: outcome.step,
  detail: outcome.detail.slice(0, 400),
});
