// POST /token with certificate-bound tokens (MTLS-1, RFC 8705 §3) and mTLS client authentication
// (RFC 8705 §2), the certificate forwarded by a trusted TLS-terminating proxy (the test itself, on
// loopback, configured as that proxy). `tpp` is registered without dpop_bound_access_tokens, so a
// certificate alone binds its tokens; `dpopTpp` is registered with it, so a certificate alone is not
// enough (RFC 9449 §5.2).
import { randomId, readUnverifiedJwt } from '@grantline/crypto';
import {
  TestCertificateAuthority,
  TestTpp,
  selfSignedClientCertificate,
  type TestCertificate,
  writePemFiles,
} from '@grantline/testing';
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

const HEADER = 'x-client-cert';
const forwarded = (certificate: TestCertificate) => ({
  [HEADER]: Buffer.from(certificate.der).toString('base64'),
});

describe('POST /token: certificate-bound tokens and mTLS client authentication', () => {
  let token: TokenHarness;
  const tpp = new TestTpp({ dpopBoundAccessTokens: false });
  const dpopTpp = new TestTpp();
  let certificate: TestCertificate;
  let otherCertificate: TestCertificate;
  let selfSigned: TestCertificate;
  const selfSignedClientId = `tpp-mtls-${randomId(16).replace(/[^A-Za-z0-9]/g, 'x')}`;

  beforeAll(async () => {
    const ca = await TestCertificateAuthority.create();
    certificate = await ca.clientCertificate({ subject: 'CN=tpp-bound, O=Example TPP' });
    otherCertificate = await ca.clientCertificate({ subject: 'CN=tpp-other, O=Example TPP' });
    selfSigned = await selfSignedClientCertificate({ subject: `CN=${selfSignedClientId}` });
    const files = writePemFiles({ 'ca.pem': ca.own.certificatePem });
    token = await startToken({
      tpps: [tpp, dpopTpp],
      clients: [
        {
          client_id: selfSignedClientId,
          redirect_uris: ['https://tpp.example/callback'],
          token_endpoint_auth_method: 'self_signed_tls_client_auth',
          jwks: { keys: [selfSigned.publicJwk] },
          grant_types: ['client_credentials'],
          roles: ['AISP'],
        },
      ],
      env: {
        CLIENT_CERT_HEADER: HEADER,
        CLIENT_CERT_TRUSTED_PROXIES: '127.0.0.1',
        TLS_CLIENT_CA_FILE: files['ca.pem'],
      },
    });
  });

  afterAll(async () => {
    await token?.close();
  });

  it('[MTLS-1] binds a token to the presented certificate (cnf.x5t#S256) when no DPoP proof is sent', async () => {
    const { status, body } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', scope: 'accounts' },
      { dpop: null, headers: forwarded(certificate) },
    );
    expect([status, body.token_type]).toEqual([200, 'Bearer']);
    expect(readUnverifiedJwt(body.access_token as string).claims.cnf).toEqual({
      'x5t#S256': certificate.thumbprint,
    });
  });

  it('[MTLS-1] [CLI-1] authenticates a self_signed_tls_client_auth client by its registered certificate', async () => {
    const client = new TestTpp({ clientId: selfSignedClientId });
    const good = await postToken(
      client,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', client_id: selfSignedClientId },
      { assertion: null, dpop: null, headers: forwarded(selfSigned) },
    );
    expect([good.status, good.body.token_type]).toEqual([200, 'Bearer']);
    const wrong = await postToken(
      client,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', client_id: selfSignedClientId },
      { assertion: null, dpop: null, headers: forwarded(otherCertificate) },
    );
    expect([wrong.status, wrong.body.error]).toEqual([401, 'invalid_client']);
  });

  it('[MTLS-1] [TOK-3] refreshes only with the certificate the refresh token is bound to', async () => {
    const sealed = token.sealCode(tpp, { dpop_jkt: undefined });
    const first = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      {
        grant_type: 'authorization_code',
        code: sealed.code,
        redirect_uri: tpp.redirectUri,
        code_verifier: sealed.verifier,
      },
      { dpop: null, headers: forwarded(certificate) },
    );
    expect([first.status, first.body.token_type]).toEqual([200, 'Bearer']);
    const refresh = (headers: Record<string, string>) =>
      postToken(
        tpp,
        token.tokenEndpoint,
        token.issuer,
        { grant_type: 'refresh_token', refresh_token: first.body.refresh_token as string },
        { dpop: null, headers },
      );
    const other = await refresh(forwarded(otherCertificate));
    expect([other.status, other.body.error]).toEqual([400, 'invalid_grant']);
    const same = await refresh(forwarded(certificate));
    expect(same.status).toBe(200);
    expect(readUnverifiedJwt(same.body.access_token as string).claims.cnf).toEqual({
      'x5t#S256': certificate.thumbprint,
    });
  });

  it('[DPOP-3] refuses to redeem a DPoP-bound code with a certificate only', async () => {
    const sealed = token.sealCode(tpp);
    const { status, body } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      {
        grant_type: 'authorization_code',
        code: sealed.code,
        redirect_uri: tpp.redirectUri,
        code_verifier: sealed.verifier,
      },
      { dpop: null, headers: forwarded(certificate) },
    );
    expect([status, body.error]).toEqual([400, 'invalid_grant']);
  });

  it.each(['client_credentials', 'authorization_code', 'refresh_token'])(
    '[SC-1] [DPOP-1] refuses a %s request without DPoP from a client registered with dpop_bound_access_tokens, even with a client certificate',
    async (grantType) => {
      const { status, body } = await postToken(
        dpopTpp,
        token.tokenEndpoint,
        token.issuer,
        await grantParameters(grantType),
        { dpop: null, headers: forwarded(certificate) },
      );
      expect([status, body.error]).toEqual([400, 'invalid_dpop_proof']);
    },
  );

  it('[SC-1] [DPOP-1] binds to the DPoP key when a client registered with dpop_bound_access_tokens sends a proof and a certificate', async () => {
    const { status, body } = await postToken(
      dpopTpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', scope: 'accounts' },
      { headers: forwarded(certificate) },
    );
    expect([status, body.token_type]).toEqual([200, 'DPoP']);
    expect(readUnverifiedJwt(body.access_token as string).claims.cnf).toEqual({ jkt: dpopTpp.dpopJkt });
  });

  it('[ROB-1] answers an unreadable forwarded certificate with a 4xx, never a 500', async () => {
    const { status } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', scope: 'accounts' },
      { dpop: null, headers: { [HEADER]: 'bm90IGEgY2VydGlmaWNhdGU=' } },
    );
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
  });

  /** A good request of the grant type for dpopTpp; its code is not bound to a dpop_jkt. */
  async function grantParameters(grantType: string): Promise<Record<string, string>> {
    if (grantType === 'client_credentials') return { grant_type: grantType, scope: 'accounts' };
    const sealed = token.sealCode(dpopTpp, { dpop_jkt: undefined });
    const code = {
      grant_type: 'authorization_code',
      code: sealed.code,
      redirect_uri: dpopTpp.redirectUri,
      code_verifier: sealed.verifier,
    };
    if (grantType === 'authorization_code') return code;
    const issued = await postToken(dpopTpp, token.tokenEndpoint, token.issuer, code);
    expect(issued.status).toBe(200);
    return { grant_type: grantType, refresh_token: issued.body.refresh_token as string };
  }
});
