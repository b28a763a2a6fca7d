// AUD-1: a superuser who edits, deletes, swaps or inserts records (triggers disabled) is caught by
// /audit/verify at the right position; a rewrite that recomputes every hash is caught by the
// signed checkpoint.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, eventually, withDataSource, type TestDatabase } from '@grantline/testing';
import { chainHash, entryLeafHash, type MaskedEvent } from '../log/audit-entry';
import {
  auditTestKeys,
  everyEventType,
  freshSecrets,
  publishEvents,
  startAudit,
  storedRecords,
  verifyThroughApi,
} from '../test/audit-test-kit';
import { Checkpointer } from './checkpointer';

describe('tamper evidence', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const transport = new InProcessTransport();
  const keys = auditTestKeys();
  const events = everyEventType(freshSecrets('tamper'), {
    clientId: 'tpp-t',
    consentId: 'pdc-t',
    grantId: 'grant-t',
  });

  const asSuperuser = (sql: string, parameters: unknown[] = []) =>
    withDataSource(database.url, (owner) =>
      owner.transaction(async (transaction) => {
        await transaction.query('SET LOCAL session_replication_role = replica'); // triggers off
        await transaction.query('SET LOCAL search_path = audit');
        await transaction.query(sql, parameters);
      }),
    );

  const verify = () => verifyThroughApi(app, keys.officer);

  /** Applies a tampering, checks what verify says, and restores the table for the next case. */
  async function tampered(sql: string, parameters: unknown[] = []) {
    await asSuperuser(sql, parameters);
    try {
      return await verify();
    } finally {
      await asSuperuser('DELETE FROM audit_records; INSERT INTO audit_records SELECT * FROM public.pristine');
    }
  }

  beforeAll(async () => {
    database = await createTestDatabase('audit_tamper');
    await transport.start();
    app = await startAudit(database.url, transport, keys);
    await publishEvents(transport, events);
    await eventually(async () => expect(await storedRecords(app)).toBe(events.length));
    await app.get(Checkpointer).issue();
    await withDataSource(database.url, (owner) =>
      owner.query('CREATE TABLE public.pristine AS SELECT * FROM audit.audit_records'),
    );
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  it('[AUD-1] verifies an untouched log against its signed checkpoint', async () => {
    expect(await verify()).toMatchObject({ ok: true, records: events.length, checkpointsVerified: 1 });
  });

  it('[AUD-1] reports an edited record at its position', async () => {
    const report = await tampered(
      `UPDATE audit_records SET record = jsonb_set(record::jsonb, '{data,clientId}', '"tpp-evil"')::json WHERE seq = 5`,
    );
    expect(report.firstDivergence).toEqual({ position: 5, reason: expect.stringContaining('altered') });
  });

  it('[AUD-1] reports a deleted record at its position', async () => {
    const report = await tampered('DELETE FROM audit_records WHERE seq = 7');
    expect(report.firstDivergence).toEqual({ position: 7, reason: expect.stringContaining('missing') });
  });

  it('[AUD-1] reports two swapped records at the first of them', async () => {
    const report = await tampered(
      `UPDATE audit_records a SET record = b.record, leaf_hash = b.leaf_hash, chain_hash = b.chain_hash,
         event_id = b.event_id, event_type = b.event_type, occurred_at = b.occurred_at, client_id = b.client_id,
         grant_id = b.grant_id, consent_ids = b.consent_ids, subject_pseudonym = b.subject_pseudonym
       FROM public.pristine b WHERE (a.seq, b.seq) IN ((3, 9), (9, 3))`,
    );
    expect(report.firstDivergence?.position).toBe(3);
  });

  it('[AUD-1] reports an inserted record at its position', async () => {
    const report = await tampered(
      `INSERT INTO audit_records SELECT seq, ingested_at + interval '1 millisecond', gen_random_uuid(), event_type, occurred_at, client_id, grant_id,
         consent_ids, subject_pseudonym, record, leaf_hash, chain_hash FROM audit_records WHERE seq = 10`,
    );
    expect(report.firstDivergence?.position).toBe(10);
  });

  it('[AUD-1] reports a rewrite that recomputed every hash through the signed checkpoint', async () => {
    const rows: Array<{ seq: string; ingested_at: Date; record: MaskedEvent }> = await withDataSource(
      database.url,
      (owner) => owner.query('SELECT seq, ingested_at, record FROM audit.audit_records ORDER BY seq'),
    );
    let chain: Buffer = Buffer.alloc(32);
    const statements: string[] = [];
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq === 4) (row.record['data'] as Record<string, unknown>)['grantManagementAction'] = 'replace';
      const leaf = entryLeafHash({ seq, ingestedAt: row.ingested_at.toISOString(), event: row.record });
      chain = chainHash(chain, leaf);
      statements.push(
        `UPDATE audit_records SET record = '${JSON.stringify(row.record).replace(/'/g, "''")}'::json, leaf_hash = '\\x${leaf.toString('hex')}', chain_hash = '\\x${chain.toString('hex')}' WHERE seq = ${seq};`,
      );
    }
    const report = await tampered(statements.join('\n'));
    expect(report.firstDivergence?.reason).toContain('signed checkpoint');
    expect(report.firstDivergence?.position).toBe(events.length);
  });

  it('[AUD-1] the service role cannot update, delete or truncate the log', async () => {
    const service = app.get(DataSource);
    await expect(service.query('UPDATE audit_records SET seq = seq')).rejects.toThrow(/permission denied/);
    await expect(service.query('DELETE FROM audit_records WHERE seq = 1')).rejects.toThrow(
      /permission denied/,
    );
    await expect(service.query('DELETE FROM audit_checkpoints')).rejects.toThrow(/permission denied/);
  });
});
