import { keySetFromJwks } from '../keys/verification-keys';
import { NOW, forgeJws, frozenClock, rawKeys, rawSign, rejectsWith, signingKey } from '../test/fixtures';
import { signJwt } from '../jws/sign-jws';
import { type VerifyRequestObjectOptions, verifyRequestObject } from './verify-request-object';

const ISSUER = 'https://as.bank.example';
const CLIENT = 'tpp-1';
const clientKey = signingKey(rawKeys.p256(), 'ES256', 'tpp-1-key');
const otherClient = rawKeys.p256();
const otherClientKey = signingKey(otherClient, 'ES256', 'tpp-2-key');
const clock = frozenClock();

const options = (extra: Partial<VerifyRequestObjectOptions> = {}): VerifyRequestObjectOptions => ({
  clientId: CLIENT,
  issuerIdentifier: ISSUER,
  keys: keySetFromJwks({ keys: [clientKey.publicJwk] }),
  algorithms: ['PS256', 'ES256'],
  clock,
  ...extra,
});

const claims = {
  iss: CLIENT,
  aud: ISSUER,
  client_id: CLIENT,
  response_type: 'code',
  nbf: NOW - 10,
  exp: NOW + 290,
  scope: 'openid accounts',
};
const requestObject = (overrides: Record<string, unknown> = {}, key = clientKey) =>
  signJwt(key, { ...claims, ...overrides }, { typ: 'oauth-authz-req+jwt' });

describe('verifyRequestObject (JAR-1)', () => {
  it('[JAR-1] accepts a good request object and returns its claims', async () => {
    const { claims: verified } = await verifyRequestObject(await requestObject(), options());
    expect(verified).toMatchObject({ response_type: 'code', scope: 'openid accounts' });
  });

  it('[JAR-1] accepts aud as an array containing the issuer', async () => {
    await expect(
      verifyRequestObject(await requestObject({ aud: ['https://x.example', ISSUER] }), options()),
    ).resolves.toBeDefined();
  });

  it('[JAR-1] rejects exp − nbf over 60 min', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject({ nbf: NOW - 10, exp: NOW - 10 + 3601 }), options()),
      'invalid_claim',
    );
    await expect(
      verifyRequestObject(await requestObject({ nbf: NOW - 10, exp: NOW - 10 + 3600 }), options()),
    ).resolves.toBeDefined();
  });

  it('[JAR-1] honours a shorter maximum lifetime (AU)', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject(), options({ maxLifetimeSeconds: 120 })),
      'invalid_claim',
    );
  });

  it('[JAR-1] rejects nbf 70 min in the past', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject({ nbf: NOW - 70 * 60, exp: NOW + 60 }), options()),
      'invalid_claim',
    );
  });

  it('[JAR-1] rejects a missing exp and a missing nbf', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject({ exp: undefined }), options()),
      'missing_claim',
    );
    await rejectsWith(
      verifyRequestObject(await requestObject({ nbf: undefined }), options()),
      'missing_claim',
    );
  });

  it('[JAR-1] rejects an expired one and one not yet valid', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject({ nbf: NOW - 100, exp: NOW - 1 }), options()),
      'token_expired',
    );
    await rejectsWith(
      verifyRequestObject(await requestObject({ nbf: NOW + 5, exp: NOW + 60 }), options()),
      'not_yet_valid',
    );
  });

  it('[JAR-1] rejects a wrong or missing aud', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject({ aud: 'https://other-as.example' }), options()),
      'audience_mismatch',
    );
    await rejectsWith(
      verifyRequestObject(await requestObject({ aud: [`${ISSUER}/par`] }), options()),
      'audience_mismatch',
    );
    await rejectsWith(
      verifyRequestObject(await requestObject({ aud: undefined }), options()),
      'missing_claim',
    );
  });

  it('[JAR-1] rejects iss other than the client_id, and a mismatched client_id claim', async () => {
    await rejectsWith(
      verifyRequestObject(await requestObject({ iss: 'tpp-2' }), options()),
      'issuer_mismatch',
    );
    await rejectsWith(
      verifyRequestObject(await requestObject({ client_id: 'tpp-2' }), options()),
      'invalid_claim',
    );
  });

  it("[JAR-1] rejects a request object signed by another client's key", async () => {
    // With the other client's kid, no registered key matches…
    await rejectsWith(
      verifyRequestObject(await requestObject({}, otherClientKey), options()),
      'no_matching_key',
    );
    // …and with our client's kid forged onto it, the signature fails.
    const forged = forgeJws(
      { alg: 'ES256', kid: clientKey.kid },
      claims,
      rawSign.es256(otherClient.privateKey),
    );
    await rejectsWith(verifyRequestObject(forged, options()), 'invalid_signature');
  });

  it('[JAR-1] [ALG-1] rejects alg none and RS256 request objects', async () => {
    const rsa = rawKeys.rsa2048();
    const keys = keySetFromJwks({ keys: [{ ...rsa.publicJwk, kid: 'r' }] });
    await rejectsWith(
      verifyRequestObject(forgeJws({ alg: 'none', kid: 'r' }, claims, rawSign.none()), options({ keys })),
      'alg_not_allowed',
    );
    await rejectsWith(
      verifyRequestObject(
        forgeJws({ alg: 'RS256', kid: 'r' }, claims, rawSign.rs256(rsa.privateKey)),
        options({ keys }),
      ),
      'alg_not_allowed',
    );
  });

  it('[JAR-1] rejects a JWT typed as something else (a DPoP proof replayed as a request object)', async () => {
    const jwt = await signJwt(clientKey, claims, { typ: 'dpop+jwt' });
    await rejectsWith(verifyRequestObject(jwt, options()), 'invalid_typ');
  });
});
