// The compliance CLI (dist build) against a running audit service: export with proofs to a file,
// verify it offline against the published key, detect an altered file, verify online (AUD-1, AUD-3).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { InProcessTransport } from '@grantline/messaging';
import { createTestDatabase, eventually, type TestDatabase } from '@grantline/testing';
import {
  auditTestKeys,
  everyEventType,
  freshSecrets,
  publishEvents,
  startAudit,
  storedRecords,
} from '../src/test/audit-test-kit';

const cli = join(__dirname, '..', '..', '..', 'dist', 'apps', 'audit', 'src', 'cli', 'main.js');

describe('grantline-audit CLI', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  const transport = new InProcessTransport();
  const keys = auditTestKeys();
  const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
  const officerKey = join(dir, 'officer.jwk.json');
  let url: string;
  let events: ReturnType<typeof everyEventType>;
  /** Every sample names the client except the audit's own read event. */
  const clientRecords = () => events.filter((event) => 'clientId' in event.data).length;
  // Asynchronous: the service answers from this very process, so a blocking spawn would deadlock.
  const run = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [
        cli,
        '--url',
        url,
        '--key',
        officerKey,
        '--officer',
        'officer-cli',
        ...args,
      ]);
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (status) => resolve({ status, stdout, stderr }));
    });

  beforeAll(async () => {
    writeFileSync(officerKey, JSON.stringify(keys.officerJwk));
    database = await createTestDatabase('audit_cli');
    await transport.start();
    app = await startAudit(database.url, transport, keys);
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = await app.getUrl();
    events = everyEventType(freshSecrets('cli'), {
      clientId: 'tpp-cli',
      consentId: 'pdc-cli',
      grantId: 'grant-cli',
    });
    await publishEvents(transport, events);
    await eventually(async () => expect(await storedRecords(app)).toBe(events.length));
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  it('[AUD-3] [AUD-1] exports to a file that verifies offline, and reports an altered export', async () => {
    const file = join(dir, 'export.ndjson');
    const exported = await run('export', '--client-id', 'tpp-cli', '--out', file);
    expect(exported.stderr).toContain(`wrote ${clientRecords()} records`);
    expect(exported.status).toBe(0);
    const publicKey = join(dir, 'audit.jwk.json');
    const published = (await (await fetch(`${url}/audit/checkpoints`)).json()) as { publicKey: object };
    writeFileSync(publicKey, JSON.stringify(published.publicKey));
    const verified = await run('verify', '--export', file, '--public-key', publicKey);
    expect(verified.status).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, records: clientRecords() });

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    lines[5] = lines[5].replace('tpp-cli', 'tpp-evil');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const altered = await run('verify', '--export', file, '--public-key', publicKey);
    expect(altered.status).toBe(1);
    expect(JSON.parse(altered.stdout).firstDivergence).toMatchObject({ line: 6 });
  });

  it('[AUD-1] verifies online and queries with filters', async () => {
    const online = await run('verify');
    expect(online.status).toBe(0);
    expect(JSON.parse(online.stdout)).toMatchObject({ ok: true });
    const query = await run('query', '--consent-id', 'pdc-cli', '--all');
    expect(query.status).toBe(0);
    expect(query.stdout.trim().split('\n').length).toBeGreaterThan(3);
  });

  it('[ROB-1] reports a refused request in one line with exit status 2', async () => {
    const result = await run('query', '--limit', '0');
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^grantline-audit: 400 invalid_request: limit must be/);
  });
});
