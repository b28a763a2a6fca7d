// The appender writes runs with COPY's text format: values holding its delimiters and escapes
// (tab, newline, carriage return, backslash) or an array literal's (quotes, braces, commas, NULL)
// must be stored exactly as the masked event has them, and the log must still verify (AUD-1).
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@grantline/contracts';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, type TestDatabase } from '@grantline/testing';
import { Masker } from '../masking/masker';
import { auditTestKeys, startAudit, verifyThroughApi } from '../test/audit-test-kit';
import { AuditAppender } from './audit-appender';
import { canonicalJson } from './canonical-json';

const AWKWARD = 'tab\there\nnewline\r\\backslash "quoted" {braces},comma NULL \\N ü€😀';

function revoked(consentId: string, correlationId: string): EventEnvelope {
  return {
    id: globalThis.crypto.randomUUID(),
    type: 'ConsentRevoked',
    schemaVersion: 1,
    streamId: 'aac-awkward',
    streamPosition: 1,
    occurredAt: new Date().toISOString(),
    correlationId,
    causationId: null,
    actor: { kind: 'tpp', id: 'tpp-awkward' },
    data: { consentId, clientId: AWKWARD, revokedBy: 'tpp', statusReason: AWKWARD },
  } as EventEnvelope;
}

describe('audit appender', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const transport = new InProcessTransport();
  const keys = auditTestKeys();

  beforeAll(async () => {
    database = await createTestDatabase('audit_appender');
    await transport.start();
    app = await startAudit(database.url, transport, keys);
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  const verify = () => verifyThroughApi(app, keys.officer);

  it('[AUD-1] stores values holding COPY delimiters, escapes and array-literal syntax exactly, and the log verifies', async () => {
    const events = [revoked(AWKWARD, AWKWARD), revoked('NULL', '\\'), revoked('"', 'x\ty')];
    const dataSource = app.get(DataSource);
    await dataSource.transaction((transaction) => app.get(AuditAppender).append(events, transaction));

    const rows: Array<{
      event_id: string;
      client_id: string;
      grant_id: string | null;
      consent_ids: string[];
      subject_pseudonym: string | null;
      record: Record<string, unknown>;
    }> = await dataSource.query(
      'SELECT event_id, client_id, grant_id, consent_ids, subject_pseudonym, record FROM audit_records ORDER BY seq',
    );
    const masker = app.get(Masker);
    expect(rows.map((row) => row.event_id)).toEqual(events.map((event) => event.id));
    rows.forEach((row, i) => {
      expect(row.client_id).toBe(AWKWARD);
      expect(row.grant_id).toBeNull();
      expect(row.subject_pseudonym).toBeNull();
      expect(row.consent_ids).toEqual([(events[i].data as { consentId: string }).consentId]);
      expect(canonicalJson(row.record)).toBe(canonicalJson(masker.maskEvent(events[i])));
    });

    expect(await verify()).toMatchObject({ ok: true, records: events.length });
  });

  it('[AUD-1] runs appended concurrently chain one after another: dense positions, and the log verifies', async () => {
    const dataSource = app.get(DataSource);
    const [{ before }] = await dataSource.query('SELECT count(*)::int AS before FROM audit_records');
    const runs = Array.from({ length: 8 }, (_, run) =>
      Array.from({ length: 150 }, (_, i) => revoked(`aac-${run}-${i}`, `corr-${run}-${i}`)),
    );
    await Promise.all(
      runs.map((run) =>
        dataSource.transaction((transaction) => app.get(AuditAppender).append(run, transaction)),
      ),
    );
    const [{ count, max }] = await dataSource.query(
      'SELECT count(*)::int AS count, max(seq)::int AS max FROM audit_records',
    );
    // Dense from 1 (the service may also have recorded its own reads meanwhile).
    expect(max).toBe(count);
    expect(count).toBeGreaterThanOrEqual(before + 8 * 150);
    // Each run's records are contiguous: a run appends under the lock, start to end.
    const positions: Array<{ correlation: string; seq: number }> = await dataSource.query(
      "SELECT record->>'correlationId' AS correlation, seq::int FROM audit_records WHERE seq > $1 AND record->>'correlationId' LIKE 'corr-%' ORDER BY seq",
      [before],
    );
    const runOf = positions.map((row) => row.correlation.split('-')[1]);
    const switches = runOf.filter((run, i) => i > 0 && run !== runOf[i - 1]).length;
    expect(switches).toBe(7);
    expect(await verify()).toMatchObject({ ok: true });
  });
});
