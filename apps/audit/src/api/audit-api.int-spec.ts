// The compliance API on real PostgreSQL (AUD-3, AUD-1, ROB-1): its own authentication, filters
// and cursors, every read recorded in the log, exports that verify offline, proofs, clear 400s.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions } from 'fastify';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@grantline/contracts';
import { generateSigningKey, randomId, signJwt, type PublicJwk } from '@grantline/crypto';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, eventually, withDataSource, type TestDatabase } from '@grantline/testing';
import { verifyExport } from '../cli/offline-verify';
import {
  auditTestKeys,
  everyEventType,
  freshSecrets,
  officerToken,
  publishEvents,
  startAudit,
  storedRecords,
} from '../test/audit-test-kit';
import { verifyConsistency, verifyInclusion } from '../tamper-evidence/merkle-tree';
import type { SignedCheckpoint } from '../tamper-evidence/checkpoint';

describe('the audit API', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const transport = new InProcessTransport();
  const keys = auditTestKeys();
  const alice = freshSecrets('alice');
  const bob = freshSecrets('bob');
  const aliceEvents = everyEventType(alice, { clientId: 'tpp-a', consentId: 'pdc-a', grantId: 'grant-a' });
  const bobEvents = everyEventType(bob, { clientId: 'tpp-b', consentId: 'pdc-b', grantId: 'grant-b' });
  /** Events found by a client filter: those naming one (AuditLogQueried and the PSU's self-service sign-ins name none). */
  const namingClient = (events: readonly EventEnvelope[]) =>
    events.filter((event) => 'clientId' in (event.data as object)).length;
  let token: string;

  const inject = (options: InjectOptions) => app.getHttpAdapter().getInstance().inject(options);
  const get = (url: string, bearer = token) =>
    inject({ url, headers: { authorization: `Bearer ${bearer}` } });
  const publish = (events: EventEnvelope[]) => publishEvents(transport, events);
  const count = () => storedRecords(app);

  beforeAll(async () => {
    database = await createTestDatabase('audit_api');
    await transport.start();
    app = await startAudit(database.url, transport, keys);
    token = await officerToken(keys.officer);
    await publish(aliceEvents);
    await publish(bobEvents);
    await eventually(async () => expect(await count()).toBe(aliceEvents.length + bobEvents.length), {
      timeoutMs: 20_000,
    });
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  it('[AUD-3] refuses requests without a compliance officer token, with a TPP-style token, a wrong audience or a long lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const stranger = generateSigningKey('ES256').signingKey;
    const cases = [
      await signJwt(stranger, { sub: 'tpp-a', aud: 'grantline-audit', iat: now, exp: now + 60 }),
      await signJwt(keys.officer, { sub: 'officer', aud: 'https://bank.example', iat: now, exp: now + 60 }),
      await signJwt(keys.officer, { sub: 'officer', aud: 'grantline-audit', iat: now, exp: now + 7200 }),
      await signJwt(keys.officer, { sub: 'officer', aud: 'grantline-audit', iat: now - 600, exp: now - 300 }),
      'not-a-jwt',
    ];
    expect((await inject({ url: '/audit/events' })).statusCode).toBe(401);
    for (const bad of cases) {
      const response = await get('/audit/events', bad);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ error: 'invalid_token' });
    }
  });

  it('[ROB-1] answers malformed queries with a 400 JSON error naming the problem, never a 500', async () => {
    for (const url of [
      '/audit/events?limit=0',
      '/audit/events?limit=abc',
      '/audit/events?from=yesterday',
      '/audit/events?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      '/audit/events?color=red',
      '/audit/events?cursor=-1',
      '/audit/events?consentId=a&consentId=b',
      '/audit/events?consentId=%00drop',
      '/audit/events/abc/proof',
      '/audit/export?limit=5',
      '/audit/verify?full=yes',
      '/audit/checkpoints?limit=x',
      '/audit/checkpoints/consistency?from=1',
    ]) {
      const response = await get(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 400 });
      expect(response.json()).toMatchObject({
        error: 'invalid_request',
        error_description: expect.any(String),
      });
    }
  });

  it('[AUD-3] filters by consent, grant, client, subject (raw id), event type and time, page by page', async () => {
    const byConsent = (await get('/audit/events?consentId=pdc-a&limit=1000')).json();
    const named = aliceEvents.filter((event) => JSON.stringify(event.data).includes('pdc-a'));
    expect(byConsent.records.map((r: { event: { id: string } }) => r.event.id).sort()).toEqual(
      named
        .filter((event) => 'consentId' in event.data || 'consentIds' in event.data)
        .map((event) => event.id)
        .sort(),
    );
    const bySubject = (await get(`/audit/events?subject=${bob.subject}&limit=1000`)).json();
    expect(bySubject.records.length).toBeGreaterThan(5);
    expect(
      bySubject.records.every(
        (r: { event: { actor: { id: string } } }) => !JSON.stringify(r).includes(bob.subject),
      ),
    ).toBe(true);
    expect(
      new Set(bySubject.records.map((r: { event: { correlationId: string } }) => r.event.correlationId)),
    ).toEqual(new Set(['corr-pdc-b']));
    const from = new Date(Date.now() - 3600_000).toISOString();
    const to = new Date(Date.now() + 3600_000).toISOString();
    const byClientTime = (await get(`/audit/events?clientId=tpp-b&from=${from}&to=${to}&limit=1000`)).json();
    expect(byClientTime.records.length).toBe(namingClient(bobEvents));
    expect((await get(`/audit/events?clientId=tpp-b&to=${from}`)).json().records).toEqual([]);
    expect((await get('/audit/events?grantId=grant-a&eventType=GrantRevoked')).json().records).toHaveLength(
      1,
    );
    const seen: number[] = [];
    let cursor = '';
    do {
      const page = (
        await get(`/audit/events?clientId=tpp-a&limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      seen.push(...page.records.map((r: { seq: number }) => r.seq));
      cursor = page.nextCursor ?? '';
    } while (cursor);
    expect(seen).toHaveLength(namingClient(aliceEvents));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('[AUD-3] records every query in the audit log itself, with the subject pseudonymised', async () => {
    const before = await count();
    const officer = `officer-${randomId(16)}`;
    await get(`/audit/events?subject=${alice.subject}`, await officerToken(keys.officer, officer));
    const [row] = await eventually(async () => {
      const rows = await app
        .get(DataSource)
        .query(
          `SELECT record FROM audit_records WHERE event_type = 'AuditLogQueried' AND record->'data'->>'officer' = $1`,
          [officer],
        );
      expect(rows).toHaveLength(1);
      return rows as Array<{ record: { data: { kind: string; filters: { subject: string } } } }>;
    });
    expect(row.record.data.kind).toBe('query');
    expect(row.record.data.filters.subject).toMatch(/^[0-9a-f]{40}$/);
    expect(await count()).toBeGreaterThan(before);
    const table: Array<{ row: string }> = await withDataSource(database.url, (owner) =>
      owner.query('SELECT r::text AS row FROM audit.audit_records r'),
    );
    const everything = table.map((entry) => entry.row).join('\n');
    for (const secret of [...Object.values(alice), ...Object.values(bob)])
      expect(everything.includes(secret)).toBe(false);
  });

  it('[AUD-3] exports NDJSON that verifies offline against the published key, and fails when altered or cut', async () => {
    const published = (await inject({ url: '/audit/checkpoints' })).json() as { publicKey: PublicJwk };
    const response = await get('/audit/export?clientId=tpp-a');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/x-ndjson');
    const lines = response.body.trim().split('\n');
    expect(lines.length).toBe(namingClient(aliceEvents) + 2);
    expect(await verifyExport(lines, published.publicKey)).toMatchObject({
      ok: true,
      records: namingClient(aliceEvents),
    });
    const altered = [...lines];
    altered[3] = altered[3].replace('tpp-a', 'tpp-x');
    expect((await verifyExport(altered, published.publicKey)).firstDivergence).toMatchObject({
      line: 4,
      reason: expect.stringContaining('not in the signed tree'),
    });
    expect((await verifyExport(lines.slice(0, -2), published.publicKey)).ok).toBe(false);
    const otherKey = generateSigningKey('EdDSA').signingKey.publicJwk;
    expect((await verifyExport(lines, otherKey)).ok).toBe(false);
  });

  it('[AUD-1] publishes signed checkpoints with inclusion and consistency proofs that verify', async () => {
    const proof = (await get('/audit/events/3/proof')).json() as {
      leafHash: string;
      treeSize: number;
      inclusionProof: string[];
      checkpoint: SignedCheckpoint;
    };
    const b = (text: string) => Buffer.from(text, 'base64url');
    expect(
      verifyInclusion(
        2,
        proof.treeSize,
        b(proof.leafHash),
        proof.inclusionProof.map(b),
        b(proof.checkpoint.rootHash),
      ),
    ).toBe(true);
    await publish(
      everyEventType(freshSecrets('carol'), { clientId: 'tpp-c', consentId: 'pdc-c', grantId: 'grant-c' }),
    );
    const later = await eventually(async () => {
      const next = (await get('/audit/events/1/proof')).json() as {
        treeSize: number;
        checkpoint: SignedCheckpoint;
      };
      expect(next.treeSize).toBeGreaterThan(proof.treeSize);
      return next;
    });
    const consistency = (
      await inject({ url: `/audit/checkpoints/consistency?from=${proof.treeSize}&to=${later.treeSize}` })
    ).json();
    expect(
      verifyConsistency(
        proof.treeSize,
        later.treeSize,
        b(proof.checkpoint.rootHash),
        b(later.checkpoint.rootHash),
        consistency.proof.map(b),
      ),
    ).toBe(true);
    const list = (await inject({ url: '/audit/checkpoints' })).json();
    expect(list.checkpoints.map((c: SignedCheckpoint) => c.treeSize)).toEqual(
      expect.arrayContaining([proof.treeSize, later.treeSize]),
    );
  });

  it('publishes its OpenAPI document', async () => {
    const response = await inject({ url: '/docs/audit/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().paths)).toEqual(
      expect.arrayContaining(['/audit/events', '/audit/export', '/audit/verify', '/audit/checkpoints']),
    );
  });
});
