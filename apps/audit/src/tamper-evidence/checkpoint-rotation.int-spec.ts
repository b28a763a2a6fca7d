// AUD-1 across a key rotation: checkpoints signed before the audit key was replaced keep verifying,
// online and in an offline export, as long as the old public key is kept (ring or retired keys);
// a log whose old key was simply dropped is reported, not silently trusted.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { generateSigningKey } from '@grantline/crypto';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
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
import { Checkpointer } from './checkpointer';

describe('rotating the checkpoint signing key', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication | undefined;
  const transport = new InProcessTransport();
  const keys = auditTestKeys();
  const oldKey = generateSigningKey('EdDSA');
  const newKey = generateSigningKey('ES256');
  const batch = (tag: string) =>
    everyEventType(freshSecrets(tag), {
      clientId: 'tpp-r',
      consentId: `pdc-${tag}`,
      grantId: `grant-${tag}`,
    });

  /** Restarts the service on the same database with other key settings. */
  async function restart(env: Record<string, string>): Promise<NestFastifyApplication> {
    await app?.close();
    app = await startAudit(database.url, transport, keys, env);
    return app;
  }

  const get = async (url: string) => {
    if (!app) throw new Error('the service is not running');
    const response = await app
      .getHttpAdapter()
      .getInstance()
      .inject({ url, headers: { authorization: `Bearer ${await officerToken(keys.officer)}` } });
    expect(response.statusCode).toBe(200);
    return response;
  };

  beforeAll(async () => {
    database = await createTestDatabase('audit_rotation');
    await transport.start();
    const first = await restart({ AUDIT_SIGNING_KEY: JSON.stringify(oldKey.privateJwk) });
    const events = batch('before');
    await publishEvents(transport, events);
    await eventually(async () => expect(await storedRecords(first)).toBe(events.length));
    await first.get(Checkpointer).issue();
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  it('[AUD-1] a log whose old checkpoint key was dropped does not verify', async () => {
    await restart({ AUDIT_SIGNING_KEY: JSON.stringify(newKey.privateJwk) });
    const report = (await get('/audit/verify')).json();
    expect(report).toMatchObject({
      ok: false,
      firstDivergence: { reason: expect.stringMatching(/signature/) },
    });
  });

  it('[AUD-1] with the old key retired (public half only), old and new checkpoints verify online and offline', async () => {
    const running = await restart({
      AUDIT_SIGNING_KEY: JSON.stringify(newKey.privateJwk),
      AUDIT_RETIRED_CHECKPOINT_KEYS: JSON.stringify({ keys: [oldKey.signingKey.publicJwk] }),
    });
    const before = await storedRecords(running);
    const events = batch('after');
    await publishEvents(transport, events);
    await eventually(async () => expect(await storedRecords(running)).toBe(before + events.length));
    const latest = await running.get(Checkpointer).issue();
    expect(latest?.signature.split('.')[0]).toBeDefined();

    const listed = (await get('/audit/checkpoints')).json();
    expect(listed.publicKey.kid).toBe(newKey.signingKey.kid);
    expect(listed.publicKeys.keys.map((key: { kid: string }) => key.kid).sort()).toEqual(
      [oldKey.signingKey.kid, newKey.signingKey.kid].sort(),
    );
    expect(JSON.stringify(listed.publicKeys)).not.toContain('"d"');
    expect(listed.checkpoints.length).toBeGreaterThanOrEqual(2);

    expect((await get('/audit/verify')).json()).toMatchObject({
      ok: true,
      checkpointsVerified: expect.any(Number),
    });

    const exported = (await get('/audit/export?clientId=tpp-r')).body;
    const lines = createInterface({ input: Readable.from([exported]) });
    const trusted = { keys: [oldKey.signingKey.publicJwk, newKey.signingKey.publicJwk] };
    expect(await verifyExport(lines, trusted)).toMatchObject({ ok: true });
  });

  it('[AUD-1] a ring with a scheduled successor signs with the key whose notBefore has passed', async () => {
    const successor = generateSigningKey('ES256');
    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const running = await restart({
      AUDIT_SIGNING_KEY: JSON.stringify({
        keys: [{ ...successor.privateJwk, notBefore: inAnHour }, newKey.privateJwk],
      }),
      AUDIT_RETIRED_CHECKPOINT_KEYS: JSON.stringify({ keys: [oldKey.signingKey.publicJwk] }),
    });
    const listed = (await get('/audit/checkpoints')).json();
    expect(listed.publicKey.kid).toBe(newKey.signingKey.kid);
    // Published before it signs, so verifiers can pick it up in time.
    expect(listed.publicKeys.keys.map((key: { kid: string }) => key.kid)).toContain(successor.signingKey.kid);
    expect(await running.get(Checkpointer).issue()).toBeDefined();
    expect((await get('/audit/verify')).json()).toMatchObject({ ok: true });
  });
});
