import { certificateThumbprint } from '@grantline/crypto';
import type { ProtectedResourceRequest } from './protected-resource';
import {
  OTHER_CERTIFICATE,
  RESOURCE_URL,
  ResourceServerWorld,
  TPP_CERTIFICATE,
  derOf,
  rejectionOf,
} from './test/fixtures';

const PROXY = '10.0.0.5';
const forwardedCertificate = { header: 'X-SSL-Client-Cert', trustedProxies: [PROXY] };

describe('[MTLS-1] certificate-bound access tokens', () => {
  let world: ResourceServerWorld;
  let token: string;
  const bearer = (overrides: Partial<ProtectedResourceRequest> = {}): ProtectedResourceRequest => ({
    method: 'GET',
    url: RESOURCE_URL,
    headers: { authorization: `Bearer ${token}` },
    ...overrides,
  });

  beforeEach(async () => {
    world = new ResourceServerWorld({ forwardedCertificate });
    token = await world.accessToken({ cnf: { 'x5t#S256': certificateThumbprint(TPP_CERTIFICATE) } });
  });

  it('[MTLS-1] rejects a certificate other than the one the token is bound to', async () => {
    const error = await rejectionOf(
      world.resource.verify(bearer({ tlsClientCertificate: derOf(OTHER_CERTIFICATE) })),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe(
      'The client certificate does not match the access token',
    );
  });

  it('[MTLS-1] rejects the token when no certificate is presented', async () => {
    const error = await rejectionOf(world.resource.verify(bearer()));
    expect(error.code).toBe('invalid_token');
    expect(error.status).toBe(401);
  });

  it('[MTLS-1] ignores a forwarded certificate header from a peer that is not a trusted proxy', async () => {
    const request = bearer({
      peerAddress: '203.0.113.9',
      headers: { authorization: `Bearer ${token}`, 'x-ssl-client-cert': encodeURIComponent(TPP_CERTIFICATE) },
    });
    const error = await rejectionOf(world.resource.verify(request));
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe(
      'The access token is bound to a client certificate that was not presented',
    );
  });

  it('[MTLS-1] ignores the header entirely when no proxy is configured', async () => {
    const unconfigured = new ResourceServerWorld();
    const unboundToken = await unconfigured.accessToken({
      cnf: { 'x5t#S256': certificateThumbprint(TPP_CERTIFICATE) },
    });
    const request: ProtectedResourceRequest = {
      method: 'GET',
      url: RESOURCE_URL,
      peerAddress: PROXY,
      headers: {
        authorization: `Bearer ${unboundToken}`,
        'x-ssl-client-cert': encodeURIComponent(TPP_CERTIFICATE),
      },
    };
    expect((await rejectionOf(unconfigured.resource.verify(request))).code).toBe('invalid_token');
  });

  it('[MTLS-1] a forwarded header cannot override the certificate of the TLS connection', async () => {
    const request = bearer({
      peerAddress: PROXY,
      tlsClientCertificate: derOf(OTHER_CERTIFICATE),
      headers: { authorization: `Bearer ${token}`, 'x-ssl-client-cert': encodeURIComponent(TPP_CERTIFICATE) },
    });
    expect((await rejectionOf(world.resource.verify(request))).code).toBe('invalid_token');
  });

  it('[MTLS-1] rejects a garbage forwarded certificate', async () => {
    const request = bearer({
      peerAddress: PROXY,
      headers: { authorization: `Bearer ${token}`, 'x-ssl-client-cert': 'bm90IGEgY2VydGlmaWNhdGU=' },
    });
    expect((await rejectionOf(world.resource.verify(request))).code).toBe('invalid_token');
  });

  it('[SC-1] rejects a certificate-bound token sent with the DPoP scheme', async () => {
    const proof = await world.proof(token);
    const error = await rejectionOf(
      world.resource.verify({
        ...world.dpopRequest(token, proof),
        tlsClientCertificate: derOf(TPP_CERTIFICATE),
      }),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe('The access token is not DPoP-bound');
  });

  it('[MTLS-1] checks every binding of a token bound to both a DPoP key and a certificate', async () => {
    const both = await world.accessToken({
      cnf: { jkt: world.jkt, 'x5t#S256': certificateThumbprint(TPP_CERTIFICATE) },
    });
    const withoutCertificate = world.dpopRequest(both, await world.proof(both));
    expect((await rejectionOf(world.resource.verify(withoutCertificate))).code).toBe('invalid_token');
    const withCertificate = {
      ...world.dpopRequest(both, await world.proof(both)),
      tlsClientCertificate: derOf(TPP_CERTIFICATE),
    };
    expect((await world.resource.verify(withCertificate)).sender).toBe('dpop');
  });

  it('[MTLS-1] accepts the bound certificate from the TLS connection', async () => {
    const principal = await world.resource.verify(bearer({ tlsClientCertificate: derOf(TPP_CERTIFICATE) }));
    expect(principal.sender).toBe('mtls');
    expect(principal.cnf).toEqual({ 'x5t#S256': certificateThumbprint(TPP_CERTIFICATE) });
  });

  it.each([
    ['URL-encoded PEM', encodeURIComponent(TPP_CERTIFICATE)],
    ['PEM with spaces for newlines', TPP_CERTIFICATE.replace(/\n/g, ' ')],
    ['base64 DER', Buffer.from(derOf(TPP_CERTIFICATE)).toString('base64')],
  ])('[MTLS-1] accepts the bound certificate forwarded by a trusted proxy as %s', async (_format, value) => {
    const request = bearer({
      peerAddress: `::ffff:${PROXY}`,
      headers: { authorization: `Bearer ${token}`, 'x-ssl-client-cert': value },
    });
    expect((await world.resource.verify(request)).sender).toBe('mtls');
  });
});
