// RFC 7662 answers from what the records and the verified JWT say (pure logic, no database).
import type { PresentedToken } from '../records/presented-token';
import { introspectionResponse } from './introspection-response';

const now = new Date('2026-11-23T14:00:00Z');
const issuedAt = new Date('2026-11-23T13:59:00Z');
const expiresAt = new Date('2026-11-23T14:04:00Z');

const access = (
  overrides: Partial<Extract<PresentedToken, { kind: 'access_token' }>['record']> = {},
): PresentedToken => ({
  kind: 'access_token',
  record: { jti: 'at-1', clientId: 'tpp-one', scopes: ['accounts'], issuedAt, expiresAt, ...overrides },
  claims: {
    iss: 'https://bank.example',
    sub: 'psu-1',
    aud: 'https://bank.example',
    client_id: 'tpp-one',
    scope: 'accounts',
    jti: 'at-1',
    iat: issuedAt.getTime() / 1000,
    exp: expiresAt.getTime() / 1000,
    cnf: { 'x5t#S256': 'cert-thumb' },
    grant_id: 'grant-1',
  },
});

const refresh: PresentedToken = {
  kind: 'refresh_token',
  record: {
    id: 'rt-1',
    clientId: 'tpp-one',
    subject: 'psu-1',
    grantId: 'grant-1',
    scopes: ['openid', 'accounts'],
    cnf: { jkt: 'key-thumb' },
    issuedAt,
  },
};

describe('introspectionResponse', () => {
  it('[TOK-5] answers active: false and nothing else to a client that does not own the token', () => {
    expect(introspectionResponse(access(), 'tpp-two', 'https://bank.example', now)).toEqual({
      active: false,
    });
    expect(introspectionResponse(refresh, 'tpp-two', 'https://bank.example', now)).toEqual({ active: false });
  });

  it('[TOK-5] answers active: false for revoked, expired and unknown tokens', () => {
    expect(introspectionResponse(access({ revokedAt: now }), 'tpp-one', 'x', now)).toEqual({ active: false });
    expect(introspectionResponse(access({ expiresAt: now }), 'tpp-one', 'x', now)).toEqual({ active: false });
    expect(introspectionResponse(undefined, 'tpp-one', 'x', now)).toEqual({ active: false });
  });

  it('[TOK-5] describes an mTLS-bound access token as Bearer with its certificate thumbprint', () => {
    expect(introspectionResponse(access(), 'tpp-one', 'https://bank.example', now)).toMatchObject({
      active: true,
      token_type: 'Bearer',
      cnf: { 'x5t#S256': 'cert-thumb' },
      grant_id: 'grant-1',
    });
  });

  it('[TOK-5] describes a refresh token without expiry from its record', () => {
    const response = introspectionResponse(refresh, 'tpp-one', 'https://bank.example', now);
    expect(response).toEqual({
      active: true,
      scope: 'openid accounts',
      client_id: 'tpp-one',
      sub: 'psu-1',
      iss: 'https://bank.example',
      iat: issuedAt.getTime() / 1000,
      token_type: 'refresh_token',
      cnf: { jkt: 'key-thumb' },
      grant_id: 'grant-1',
    });
  });
});
