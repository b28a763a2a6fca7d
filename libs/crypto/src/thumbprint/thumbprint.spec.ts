import { freshKeyPair } from '../keys/fresh-key-pair';
import { jwkThumbprint, jwkThumbprintUri } from './jwk-thumbprint';
import { certificateDer, certificateThumbprint } from './certificate-thumbprint';

// RFC 7638 §3.1 example key and its thumbprint.
const RFC7638_KEY = {
  kty: 'RSA',
  n: '0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw',
  e: 'AQAB',
  alg: 'RS256',
  kid: '2011-04-29',
};

describe('JWK thumbprint (RFC 7638)', () => {
  it('matches the RFC 7638 §3.1 example', () => {
    expect(jwkThumbprint(RFC7638_KEY)).toBe('NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs');
    expect(jwkThumbprintUri(RFC7638_KEY)).toBe(
      'urn:ietf:params:oauth:jwk-thumbprint:sha-256:NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs',
    );
  });

  it('ignores optional and private members, so a private JWK and its public half agree', () => {
    const { privateKey, publicKey } = freshKeyPair({ type: 'ec', namedCurve: 'P-256' });
    const priv = privateKey.export({ format: 'jwk' });
    const pub = publicKey.export({ format: 'jwk' });
    expect(jwkThumbprint({ ...priv, kid: 'x', use: 'sig' })).toBe(jwkThumbprint(pub));
  });

  it('refuses keys without their required members', () => {
    expect(() => jwkThumbprint({ kty: 'EC', crv: 'P-256', x: 'AA' })).toThrow(
      expect.objectContaining({ code: 'invalid_key' }),
    );
    expect(() => jwkThumbprint({ kty: 'oct', k: 'AA' })).toThrow(
      expect.objectContaining({ code: 'invalid_key' }),
    );
  });
});

describe('certificate thumbprint x5t#S256 (RFC 8705)', () => {
  // A self-signed P-256 certificate; its thumbprint computed independently with
  // `openssl x509 -outform DER | openssl dgst -sha256 -binary | basenc --base64url`.
  const PEM = `-----BEGIN CERTIFICATE-----
MIIBgDCCASegAwIBAgIUGeX/qNIdd57L9/zn77E+23wz/o4wCgYIKoZIzj0EAwIw
FjEUMBIGA1UEAwwLdHBwLmV4YW1wbGUwHhcNMjYxMTIzMDgzNTQ2WhcNMzYxMTIw
MDgzNTQ2WjAWMRQwEgYDVQQDDAt0cHAuZXhhbXBsZTBZMBMGByqGSM49AgEGCCqG
SM49AwEHA0IABDB7lCdAitcemBJN+onY1Qx3nm4UzEIitGdVUX66CiONWOKgq/e2
jGAgnD0CHFgtFgxZ/DarvZNCZf3ezPbKjTCjUzBRMB0GA1UdDgQWBBQNWF5kjvpn
Abp9PV0IMbXbIrSlQjAfBgNVHSMEGDAWgBQNWF5kjvpnAbp9PV0IMbXbIrSlQjAP
BgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIHzaEajWlOph7C5QvNkU
fMtHGAQMTJygWJX+p5gdHdV7AiBbbNAGLORiX0Lh1Jo2srUaBy5/LAmJzCYHo7cY
NO+Eaw==
-----END CERTIFICATE-----`;
  const OPENSSL_X5T_S256 = 'vN3ba5Kf0oxZaMEdyeQqmAvBiQpuJLuRA1SvrsQQtXY';

  it('[MTLS-1] is base64url(SHA-256(DER)) and the same from PEM or DER', () => {
    const der = certificateDer(PEM);
    const fromPem = certificateThumbprint(PEM);
    expect(certificateThumbprint(der)).toBe(fromPem);
    expect(fromPem).toBe(OPENSSL_X5T_S256);
  });

  it('[MTLS-1] refuses text that is not a certificate', () => {
    expect(() => certificateThumbprint('not a certificate')).toThrow(
      expect.objectContaining({ code: 'invalid_certificate' }),
    );
    expect(() => certificateThumbprint(Buffer.from('garbage'))).toThrow(
      expect.objectContaining({ code: 'invalid_certificate' }),
    );
  });
});
