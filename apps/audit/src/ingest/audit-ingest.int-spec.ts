// Every event of every context reaches the audit log once, masked, in an append-only table
// (AUD-1, AUD-2, ROB-2), delivered by the real Kafka broker into real PostgreSQL.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { grantlineCatalogue, type EventEnvelope } from '@grantline/contracts';
import { KafkaTransport } from '@grantline/messaging';
import { createTestDatabase, eventually, withDataSource, type TestDatabase } from '@grantline/testing';
import {
  auditTestKeys,
  everyEventType,
  freshSecrets,
  publishEvents,
  startAudit,
} from '../test/audit-test-kit';

describe('audit ingest from Kafka', () => {
  let database: TestDatabase;
  let transport: KafkaTransport;
  let app: NestFastifyApplication;
  const tag = Date.now().toString(36);
  const secrets = freshSecrets(tag);
  const events = everyEventType(secrets, {
    clientId: `tpp-${tag}`,
    consentId: `pdc-${tag}`,
    grantId: `grant-${tag}`,
  });

  beforeAll(async () => {
    database = await createTestDatabase('audit_ingest');
    transport = new KafkaTransport({
      brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','),
      clientId: `audit-test-${tag}`,
    });
    await transport.start();
    app = await startAudit(database.url, transport, auditTestKeys(), {
      CONSUMER_GROUP: `audit-ingest-${tag}`,
    });
  });

  afterAll(async () => {
    await app?.close();
    await transport?.stop();
    await database?.drop();
  });

  const publish = (list: EventEnvelope[]) => publishEvents(transport, list);

  it('[AUD-1] [ROB-2] stores every event type exactly once, even when Kafka delivers it twice', async () => {
    expect(new Set(events.map((event) => event.type))).toEqual(
      new Set(grantlineCatalogue.definitions.map((definition) => definition.type)),
    );
    await publish(events);
    await publish(events); // the producer's retry, a relay's duplicate: the same ids again
    const ids = events.map((event) => event.id);
    const rows = await eventually(
      async () => {
        const found: Array<{ event_id: string; n: string }> = await app
          .get(DataSource)
          .query(
            'SELECT event_id, count(*) AS n FROM audit_records WHERE event_id = ANY($1) GROUP BY event_id',
            [ids],
          );
        expect(found).toHaveLength(ids.length);
        return found;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    expect(rows.every((row) => row.n === '1')).toBe(true);
    // Positions are dense from 1: the chain has no gaps.
    const [{ max, count }] = await app
      .get(DataSource)
      .query('SELECT max(seq) AS max, count(*) AS count FROM audit_records');
    expect(max).toBe(count);
  });

  it('[AUD-2] the whole table holds none of the raw tokens, codes, assertions, accounts, names and subjects', async () => {
    const table: Array<{ row: string }> = await withDataSource(database.url, (admin) =>
      admin.query('SELECT r::text AS row FROM audit.audit_records r'),
    );
    expect(table.length).toBeGreaterThanOrEqual(events.length);
    const everything = table.map((entry) => entry.row).join('\n');
    for (const [what, raw] of Object.entries(secrets)) {
      expect({ what, found: everything.includes(raw) }).toEqual({ what, found: false });
    }
    // What must stay readable does.
    expect(everything).toContain(`pdc-${tag}`);
    expect(everything).toContain(secrets.account.slice(-4));
  });

  it('[AUD-1] refuses UPDATE and DELETE from the service role, and from the owner through the trigger', async () => {
    const service = app.get(DataSource);
    await expect(service.query("UPDATE audit_records SET event_type = 'Forged'")).rejects.toThrow(
      /permission denied/,
    );
    await expect(service.query('DELETE FROM audit_records')).rejects.toThrow(/permission denied/);
    await expect(service.query('TRUNCATE audit_records')).rejects.toThrow(/permission denied/);
    await withDataSource(database.url, async (owner) => {
      await expect(owner.query("UPDATE audit.audit_records SET event_type = 'Forged'")).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query('DELETE FROM audit.audit_records')).rejects.toThrow(/append-only/);
    });
  });

  it('[AUD-1] keeps records in monthly partitions', async () => {
    const partitions: Array<{ name: string }> = await withDataSource(database.url, (admin) =>
      admin.query(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent WHERE p.relname = 'audit_records'`,
      ),
    );
    expect(partitions.map((p) => p.name)).toContain(
      `audit_records_${new Date().toISOString().slice(0, 7).replace('-', '_')}`,
    );
  });
});
