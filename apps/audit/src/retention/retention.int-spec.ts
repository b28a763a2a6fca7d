// Retention (AUD-1): whole monthly partitions older than the period are dropped by the schema
// owner, and the log stays verifiable: the verifier resumes at the horizon, new checkpoints and
// proofs still cover the whole log, tampering after the horizon is still found. Retention refuses
// to drop what no signed checkpoint covers, and to drop anything from a log that does not verify.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, eventually, withDataSource, type TestDatabase } from '@grantline/testing';
import { loadAuditKeys } from '../audit-keys';
import { AuditConfig } from '../audit.config';
import { loadConfig, openServiceDatabase } from '@grantline/platform';
import { auditMigrations } from '../migrations';
import { AuditAppender } from '../log/audit-appender';
import { Masker } from '../masking/masker';
import {
  auditTestKeys,
  everyEventType,
  freshSecrets,
  officerToken,
  publishEvents,
  startAudit,
  storedRecords,
} from '../test/audit-test-kit';
import { Checkpointer } from '../tamper-evidence/checkpointer';
import { verifyInclusion } from '../tamper-evidence/merkle-tree';
import { AuditRetention, RetentionRefused } from './audit-retention';
import { retainCommand } from './retain-command';

describe('audit retention', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const transport = new InProcessTransport();
  const keys = auditTestKeys();
  const old = everyEventType(freshSecrets('old'), {
    clientId: 'tpp-r',
    consentId: 'aac-old',
    grantId: 'gr-old',
  });
  const recent = everyEventType(freshSecrets('new'), {
    clientId: 'tpp-r',
    consentId: 'aac-new',
    grantId: 'gr-new',
  });
  const january = old.slice(0, 10);
  const february = old.slice(10);

  const owner = <T>(work: (db: DataSource) => Promise<T>) => withDataSource(database.url, work);
  const asSuperuser = (sql: string) =>
    owner((db) =>
      db.transaction(async (transaction) => {
        await transaction.query('SET LOCAL session_replication_role = replica'); // triggers off
        await transaction.query('SET LOCAL search_path = audit');
        await transaction.query(sql);
      }),
    );
  /** The schema owner's connection, as `main.js retain` opens it. */
  const asOwner = async <T>(work: (db: DataSource) => Promise<T>): Promise<T> => {
    const db = await openServiceDatabase(
      { service: 'audit', schema: 'audit', url: database.url, migrations: auditMigrations },
      false,
    );
    try {
      return await work(db);
    } finally {
      await db.destroy();
    }
  };
  const retention = () => asOwner((db) => new AuditRetention(db, app.get(Checkpointer)).run(12));
  const get = async (url: string) => {
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ url, headers: { authorization: `Bearer ${await officerToken(keys.officer)}` } });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  const partitions = () =>
    owner(async (db) =>
      (
        (await db.query(
          "SELECT relname FROM pg_class WHERE relname LIKE 'audit_records_%' AND relkind = 'r' ORDER BY relname",
        )) as Array<{ relname: string }>
      ).map((row) => row.relname),
    );

  beforeAll(async () => {
    database = await createTestDatabase('audit_retention');
    await transport.start();
    app = await startAudit(database.url, transport, keys);
    // Records ingested in January and February 2020, appended as the service does, then today's.
    const service = app.get(DataSource);
    const masker = app.get(Masker);
    for (const [events, at] of [
      [january, '2020-01-15T10:00:00Z'],
      [february, '2020-02-15T10:00:00Z'],
    ] as const) {
      await service.transaction((transaction) =>
        new AuditAppender(masker, () => new Date(at)).append(events, transaction),
      );
    }
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  it('[AUD-1] refuses to drop records no signed checkpoint covers yet', async () => {
    await expect(retention()).rejects.toThrow(/no signed checkpoint covers position/);
    expect(await partitions()).toEqual(['audit_records_2020_01', 'audit_records_2020_02']);
  });

  it('[AUD-1] refuses to drop anything from a log that does not verify', async () => {
    await app.get(Checkpointer).issue();
    await asSuperuser(
      `UPDATE audit_records SET record = jsonb_set(record::jsonb, '{data,clientId}', '"tpp-evil"')::json WHERE seq = 3`,
    );
    try {
      await expect(retention()).rejects.toThrow(/does not verify .*position 3/);
      expect(await partitions()).toHaveLength(2);
    } finally {
      await asSuperuser(
        `UPDATE audit_records SET record = jsonb_set(record::jsonb, '{data,clientId}', '"tpp-r"')::json WHERE seq = 3`,
      );
    }
  });

  it('[AUD-1] drops whole months past the period and the log still verifies from the horizon', async () => {
    const outcome = await retention();
    expect(outcome.droppedPartitions).toEqual(['audit_records_2020_01', 'audit_records_2020_02']);
    expect(outcome.horizon).toBe(old.length);
    expect(await storedRecords(app)).toBe(0);

    // Ingestion goes on after the horizon; a new checkpoint's root still covers the whole log.
    await publishEvents(transport, recent);
    await eventually(async () => expect(await storedRecords(app)).toBe(recent.length));
    const checkpoint = await app.get(Checkpointer).issue();
    expect(checkpoint?.treeSize).toBe(old.length + recent.length);

    const report = await get('/audit/verify');
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      ok: true,
      records: old.length + recent.length,
      retentionHorizon: old.length,
      checkpointsVerified: 1,
    });
    expect(await retention()).toMatchObject({ droppedPartitions: [], horizon: old.length });
  });

  it('[AUD-1] proofs after the horizon verify; a dropped position is a clear 404', async () => {
    const seq = old.length + 3;
    const proof = await get(`/audit/events/${seq}/proof`);
    expect(proof.status).toBe(200);
    const body = proof.body as {
      leafHash: string;
      treeSize: number;
      inclusionProof: string[];
      checkpoint: { rootHash: string };
    };
    const root = Buffer.from(body.checkpoint.rootHash, 'base64url');
    const path = body.inclusionProof.map((hash) => Buffer.from(hash, 'base64url'));
    expect(verifyInclusion(seq - 1, body.treeSize, Buffer.from(body.leafHash, 'base64url'), path, root)).toBe(
      true,
    );

    const dropped = await get('/audit/events/2/proof');
    expect(dropped.status).toBe(404);
    expect(dropped.body['error_description']).toMatch(/retention horizon/);

    const consistency = await get(`/audit/checkpoints/consistency?from=${old.length}&to=${body.treeSize}`);
    expect(consistency.status).toBe(200);
  });

  it('[AUD-1] tampering after the horizon, or a record slipped in before it, is still reported', async () => {
    const position = old.length + 5;
    // Which event sits there depends on how ingest and the audit's own query records interleave:
    // keep the record as it was, to put it back exactly.
    await asSuperuser(
      `CREATE TABLE record_before_tampering AS SELECT seq, record FROM audit_records WHERE seq = ${position};
       UPDATE audit_records SET record = jsonb_set(record::jsonb, '{data,clientId}', '"tpp-evil"')::json WHERE seq = ${position}`,
    );
    try {
      const report = await get('/audit/verify');
      expect(report.body['firstDivergence']).toEqual({
        position,
        reason: expect.stringContaining('altered'),
      });
    } finally {
      await asSuperuser(
        `UPDATE audit_records a SET record = b.record FROM record_before_tampering b WHERE a.seq = b.seq;
         DROP TABLE record_before_tampering`,
      );
    }
    await asSuperuser(
      `INSERT INTO audit_records SELECT 4, ingested_at, gen_random_uuid(), event_type, occurred_at, client_id,
         grant_id, consent_ids, subject_pseudonym, record, leaf_hash, chain_hash FROM audit_records WHERE seq = ${position}`,
    );
    try {
      const report = await get('/audit/verify');
      expect(report.body['firstDivergence']).toEqual({
        position: 4,
        reason: expect.stringContaining('before the retention horizon'),
      });
    } finally {
      await asSuperuser('DELETE FROM audit_records WHERE seq = 4');
    }
    expect((await get('/audit/verify')).body['ok']).toBe(true);
  });

  it('[AUD-1] the service role cannot change the horizon; retain without a period refuses', async () => {
    await expect(app.get(DataSource).query('DELETE FROM audit_retention_horizon')).rejects.toThrow(
      /permission denied/,
    );
    const config = loadConfig(AuditConfig, { DATABASE_URL: database.url, ...keys.env });
    expect(loadAuditKeys(config)).toBeDefined();
    await expect(asOwner((db) => retainCommand.run(config, db, () => undefined))).rejects.toThrow(
      RetentionRefused,
    );
  });
});
