import { keySetFromJwks } from '../keys/verification-keys';
import { generateSigningKey } from '../keys/signing-key';
import { verifyJwt } from '../jws/verify-jwt';
import { NOW, frozenClock, rejectsWith } from '../test/fixtures';
import { issueAccessToken, issueIdToken, issueJarmResponse } from './issue-tokens';

const es = generateSigningKey('ES256').signingKey;
const ed = generateSigningKey('EdDSA').signingKey;
const keys = keySetFromJwks({ keys: [es.publicJwk, ed.publicJwk] });
const clock = frozenClock();
const ISSUER = 'https://as.bank.example';

const accessClaims = {
  iss: ISSUER,
  sub: 'psu-1',
  aud: 'https://rs.bank.example',
  client_id: 'tpp-1',
  exp: NOW + 300,
  iat: NOW,
  jti: 'at-1',
  scope: 'accounts',
  cnf: { jkt: 'NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs' },
  authorization_details: [{ type: 'account_access', consent_id: 'c-1' }],
  grant_id: 'g-1',
};

describe('issuing tokens through the Signer', () => {
  it('[TOK-1] access tokens are at+jwt with the RFC 9068 claims', async () => {
    const token = await issueAccessToken(es, accessClaims);
    const { header, claims } = await verifyJwt(token, {
      keys,
      algorithms: ['ES256'],
      clock,
      typ: 'at+jwt',
      issuer: ISSUER,
    });
    expect(header).toMatchObject({ typ: 'at+jwt', alg: 'ES256', kid: es.kid });
    expect(claims).toEqual(accessClaims);
  });

  it('[TOK-1] refuses an access token missing a required claim', async () => {
    const { jti: _jti, ...withoutJti } = accessClaims;
    await rejectsWith(issueAccessToken(es, withoutJti as typeof accessClaims), 'missing_claim');
  });

  it('[TOK-4] ID tokens are JWTs signed with PS256/ES256 only', async () => {
    const claims = {
      iss: ISSUER,
      sub: 'psu-1',
      aud: 'tpp-1',
      exp: NOW + 300,
      iat: NOW,
      nonce: 'n',
      auth_time: NOW,
      acr: 'urn:x',
    };
    const token = await issueIdToken(es, claims);
    await expect(verifyJwt(token, { keys, algorithms: ['ES256'], clock, typ: 'JWT' })).resolves.toMatchObject(
      { claims },
    );
    await rejectsWith(issueIdToken(ed, claims), 'alg_not_allowed');
  });

  it('[RESP-1] JARM responses carry iss, aud and exp', async () => {
    const token = await issueJarmResponse(es, {
      iss: ISSUER,
      aud: 'tpp-1',
      exp: NOW + 60,
      code: 'c',
      state: 's',
    });
    await expect(
      verifyJwt(token, { keys, algorithms: ['ES256'], clock, audience: 'tpp-1', issuer: ISSUER }),
    ).resolves.toMatchObject({
      claims: { code: 'c', state: 's' },
    });
    await rejectsWith(issueJarmResponse(es, { iss: ISSUER, aud: 'tpp-1' } as never), 'missing_claim');
  });
});
