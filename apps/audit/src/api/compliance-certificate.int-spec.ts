// AUD-3: compliance officers may authenticate with a client certificate instead of a token: issued
// by the compliance CA (TLS_CLIENT_CA_FILE) and naming an officer in AUDIT_COMPLIANCE_CERT_SUBJECTS.
// Over real TLS sockets, the service serving HTTPS itself.
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { InProcessTransport } from '@grantline/messaging';
import {
  TestCertificateAuthority,
  createTestDatabase,
  mutualTlsFetch,
  selfSignedClientCertificate,
  tlsServiceEnvironment,
  type TestDatabase,
} from '@grantline/testing';
import { auditTestKeys, startAudit } from '../test/audit-test-kit';

describe('compliance officers with client certificates', () => {
  let database: TestDatabase;
  let app: NestFastifyApplication;
  let url: string;
  let ca: TestCertificateAuthority;
  const transport = new InProcessTransport();
  const officerSubject = 'CN=Olivia Officer, O=Example Bank Compliance, C=GB';

  beforeAll(async () => {
    database = await createTestDatabase('audit_certs');
    await transport.start();
    ca = await TestCertificateAuthority.create();
    app = await startAudit(database.url, transport, auditTestKeys(), {
      ...(await tlsServiceEnvironment(ca)),
      AUDIT_COMPLIANCE_CERT_SUBJECTS: JSON.stringify([officerSubject]),
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    await transport.stop();
    await database?.drop();
  });

  async function eventsAs(certificate?: { certificatePem: string; privateKeyPem: string }) {
    const fetch = mutualTlsFetch({ serverCaPem: ca.certificatePem, clientCertificate: certificate });
    try {
      const response = await fetch(`${url}/audit/events?limit=1`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    } finally {
      await fetch.close();
    }
  }

  it('[AUD-3] an officer certificate from the compliance CA reads the log', async () => {
    const officer = await ca.clientCertificate({
      subject: 'CN=Olivia Officer,O=Example Bank Compliance,C=GB',
    });
    const answer = await eventsAs(officer);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveProperty('records');
    // The read is itself audited, under the certificate's subject.
    const [read] = (await app
      .get(DataSource)
      .query(`SELECT data->>'officer' AS officer FROM events WHERE type = 'AuditLogQueried'`)) as Array<{
      officer: string;
    }>;
    expect(read.officer).toBe('cert:CN=Olivia Officer,O=Example Bank Compliance,C=GB');
  });

  it('[AUD-3] refuses a certificate from the compliance CA that names nobody on the list', async () => {
    const stranger = await ca.clientCertificate({ subject: 'CN=Mallory, O=Example Bank Compliance, C=GB' });
    expect((await eventsAs(stranger)).status).toBe(401);
  });

  it('[AUD-3] refuses a self-signed certificate carrying an officer name', async () => {
    const forged = await selfSignedClientCertificate({ subject: officerSubject });
    expect((await eventsAs(forged)).status).toBe(401);
  });

  it('[AUD-3] without a certificate or a token, the API asks for one', async () => {
    expect((await eventsAs()).status).toBe(401);
  });
});
