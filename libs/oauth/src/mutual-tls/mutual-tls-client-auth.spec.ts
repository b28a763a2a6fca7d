import {
  TestCertificateAuthority,
  selfSignedClientCertificate,
  type TestCertificate,
} from '@grantline/testing';
import { registeredClient, type RegisteredClient } from '../clients/client-registry';
import { validateClientMetadata } from '../clients/validate-client';
import type { OAuthError } from '../errors/oauth-error';
import { authenticateMutualTlsClient } from './authenticate-mutual-tls-client';
import {
  clientCertificateSettings,
  presentedClientCertificate,
  type ClientCertificateRequest,
  type ClientCertificateSettings,
} from './presented-client-certificate';

const PROXY = '10.0.0.5';
const HEADER = 'x-ssl-client-cert';

function client(metadata: Record<string, unknown>): RegisteredClient {
  return registeredClient(
    validateClientMetadata({
      client_id: 'tpp-1',
      redirect_uris: ['https://tpp.example/cb'],
      roles: ['AISP'],
      ...metadata,
    }),
  );
}

const overTls = (certificate: TestCertificate | undefined): ClientCertificateRequest => ({
  headers: {},
  peerAddress: '203.0.113.7',
  tlsClientCertificate: certificate?.der,
});

async function rejection(promise: Promise<unknown>): Promise<OAuthError> {
  try {
    await promise;
  } catch (error) {
    return error as OAuthError;
  }
  throw new Error('expected a rejection');
}

describe('mTLS client authentication (RFC 8705 §2)', () => {
  let ca: TestCertificateAuthority;
  let otherCa: TestCertificateAuthority;
  let tppCertificate: TestCertificate;
  let settings: ClientCertificateSettings;

  const authenticate = (registered: RegisteredClient, request: ClientCertificateRequest) =>
    authenticateMutualTlsClient(registered, presentedClientCertificate(request, settings));

  beforeAll(async () => {
    ca = await TestCertificateAuthority.create();
    otherCa = await TestCertificateAuthority.create('CN=Somebody Else CA');
    tppCertificate = await ca.clientCertificate({
      subject: 'CN=tpp-1, OU=Payments, O=Example TPP\\, Ltd, C=GB',
      san: {
        dns: ['tpp-1.example'],
        uri: ['https://tpp-1.example/software'],
        ip: ['2001:db8:0:0:0:0:0:7'],
        email: ['ops@tpp-1.example'],
      },
    });
    settings = clientCertificateSettings({
      clientCaPem: ca.certificatePem,
      header: HEADER,
      trustedProxies: [PROXY],
    });
  });

  describe('tls_client_auth', () => {
    const pki = (subject: Record<string, string>) =>
      client({ token_endpoint_auth_method: 'tls_client_auth', ...subject });

    it('accepts a CA-issued certificate whose subject DN is the registered one, as a name', async () => {
      const registered = pki({
        tls_client_auth_subject_dn: 'cn=TPP-1,ou=payments, o=Example TPP\\, Ltd,C=GB',
      });
      await expect(authenticate(registered, overTls(tppCertificate))).resolves.toBeUndefined();
    });

    it.each([
      ['tls_client_auth_san_dns', 'TPP-1.example'],
      ['tls_client_auth_san_uri', 'https://tpp-1.example/software'],
      ['tls_client_auth_san_ip', '2001:db8::7'],
      ['tls_client_auth_san_email', 'ops@tpp-1.example'],
    ])('accepts a certificate whose SAN matches %s', async (field, value) => {
      await expect(authenticate(pki({ [field]: value }), overTls(tppCertificate))).resolves.toBeUndefined();
    });

    it('[CLI-1] rejects a certificate issued by a CA that is not configured', async () => {
      const foreign = await otherCa.clientCertificate({
        subject: 'CN=tpp-1, OU=Payments, O=Example TPP\\, Ltd, C=GB',
      });
      const registered = pki({
        tls_client_auth_subject_dn: 'CN=tpp-1,OU=Payments,O=Example TPP\\, Ltd,C=GB',
      });
      const error = await rejection(authenticate(registered, overTls(foreign)));
      expect(error.code).toBe('invalid_client');
      expect(error.message).toMatch(/not issued by a trusted CA/);
    });

    it('[CLI-1] rejects a self-signed certificate copying the registered subject', async () => {
      const forged = await selfSignedClientCertificate({
        subject: 'CN=tpp-1, OU=Payments, O=Example TPP\\, Ltd, C=GB',
      });
      const registered = pki({
        tls_client_auth_subject_dn: 'CN=tpp-1,OU=Payments,O=Example TPP\\, Ltd,C=GB',
      });
      expect((await rejection(authenticate(registered, overTls(forged)))).code).toBe('invalid_client');
    });

    it('[CLI-1] rejects a subject DN that does not match the registration', async () => {
      const registered = pki({
        tls_client_auth_subject_dn: 'CN=tpp-2,OU=Payments,O=Example TPP\\, Ltd,C=GB',
      });
      const error = await rejection(authenticate(registered, overTls(tppCertificate)));
      expect(error.code).toBe('invalid_client');
      expect(error.message).toMatch(/subject does not match/);
    });

    it('[CLI-1] rejects a registered DN that names only part of the subject', async () => {
      const registered = pki({ tls_client_auth_subject_dn: 'CN=tpp-1' });
      expect((await rejection(authenticate(registered, overTls(tppCertificate)))).code).toBe(
        'invalid_client',
      );
    });

    it.each([
      ['tls_client_auth_san_dns', 'tpp-2.example'],
      ['tls_client_auth_san_uri', 'https://tpp-1.example/other'],
      ['tls_client_auth_san_ip', '2001:db8::8'],
      ['tls_client_auth_san_email', 'someone@tpp-1.example'],
    ])('[CLI-1] rejects a certificate whose SANs do not hold the registered %s', async (field, value) => {
      expect((await rejection(authenticate(pki({ [field]: value }), overTls(tppCertificate)))).code).toBe(
        'invalid_client',
      );
    });

    it('[CLI-1] rejects an expired certificate from the trusted CA', async () => {
      const expired = await ca.clientCertificate({
        subject: 'CN=tpp-1',
        notBefore: new Date(Date.now() - 10 * 86_400_000),
        notAfter: new Date(Date.now() - 86_400_000),
      });
      const error = await rejection(
        authenticate(pki({ tls_client_auth_subject_dn: 'CN=tpp-1' }), overTls(expired)),
      );
      expect(error.code).toBe('invalid_client');
    });

    it('[CLI-1] never counts a certificate as CA-issued when no CA is configured, even if TLS verified it', async () => {
      const noCa = clientCertificateSettings({});
      const presented = presentedClientCertificate({ ...overTls(tppCertificate), tlsAuthorized: true }, noCa);
      const registered = pki({
        tls_client_auth_subject_dn: 'CN=tpp-1,OU=Payments,O=Example TPP\\, Ltd,C=GB',
      });
      expect((await rejection(authenticateMutualTlsClient(registered, presented))).code).toBe(
        'invalid_client',
      );
    });

    it('[CLI-1] rejects a tls_client_auth client that presents no certificate', async () => {
      const error = await rejection(
        authenticate(pki({ tls_client_auth_subject_dn: 'CN=tpp-1' }), overTls(undefined)),
      );
      expect(error.code).toBe('invalid_client');
      expect(error.message).toMatch(/none was presented/);
    });
  });

  describe('self_signed_tls_client_auth', () => {
    let own: TestCertificate;
    beforeAll(async () => {
      own = await selfSignedClientCertificate({ subject: 'CN=tpp-1 self-signed' });
    });
    const selfSigned = (certificate: TestCertificate) =>
      client({
        token_endpoint_auth_method: 'self_signed_tls_client_auth',
        jwks: { keys: [certificate.publicJwk] },
      });

    it('accepts the certificate registered as x5c in the client jwks', async () => {
      await expect(authenticate(selfSigned(own), overTls(own))).resolves.toBeUndefined();
    });

    it('[CLI-1] rejects a self-signed certificate whose key is not registered', async () => {
      const stranger = await selfSignedClientCertificate({ subject: 'CN=tpp-1 self-signed' });
      const error = await rejection(authenticate(selfSigned(own), overTls(stranger)));
      expect(error.code).toBe('invalid_client');
      expect(error.message).toMatch(/not one the client registered/);
    });

    it('[CLI-1] rejects a CA-issued certificate that is not the registered one', async () => {
      expect((await rejection(authenticate(selfSigned(own), overTls(tppCertificate)))).code).toBe(
        'invalid_client',
      );
    });

    it('[CLI-1] rejects a client whose registered keys carry no x5c', async () => {
      const { x5c: _dropped, ...bare } = own.publicJwk;
      const registered = client({
        token_endpoint_auth_method: 'self_signed_tls_client_auth',
        jwks: { keys: [bare] },
      });
      expect((await rejection(authenticate(registered, overTls(own)))).code).toBe('invalid_client');
    });

    it('[CLI-1] rejects a self-signed client that presents no certificate', async () => {
      expect((await rejection(authenticate(selfSigned(own), overTls(undefined)))).code).toBe(
        'invalid_client',
      );
    });
  });

  describe('where the certificate comes from', () => {
    const registered = () =>
      client({
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: 'CN=tpp-1,OU=Payments,O=Example TPP\\, Ltd,C=GB',
      });
    const forwarded = (peerAddress: string, value: string): ClientCertificateRequest => ({
      peerAddress,
      headers: { [HEADER]: value },
    });

    it('accepts the certificate a trusted proxy forwards (URL-encoded PEM)', async () => {
      const request = forwarded(PROXY, encodeURIComponent(tppCertificate.certificatePem));
      await expect(authenticate(registered(), request)).resolves.toBeUndefined();
      expect(presentedClientCertificate(request, settings)?.source).toBe('forwarded');
    });

    it('[MTLS-1] ignores a certificate header sent by a peer that is not a configured proxy', async () => {
      const request = forwarded('203.0.113.9', encodeURIComponent(tppCertificate.certificatePem));
      expect(presentedClientCertificate(request, settings)).toBeUndefined();
      expect((await rejection(authenticate(registered(), request))).code).toBe('invalid_client');
    });

    it('[MTLS-1] treats a header that is not a certificate as no certificate', async () => {
      const request = forwarded(PROXY, 'not-a-certificate');
      expect(presentedClientCertificate(request, settings)).toBeUndefined();
    });

    it('[CLI-1] refuses a private_key_jwt client that tries to authenticate with a certificate', async () => {
      const own = await selfSignedClientCertificate({ subject: 'CN=jwt client' });
      const jwtClient = client({
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [own.publicJwk] },
      });
      expect((await rejection(authenticate(jwtClient, overTls(own)))).code).toBe('invalid_client');
    });
  });
});
