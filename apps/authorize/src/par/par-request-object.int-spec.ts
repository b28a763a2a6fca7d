// POST /par: signed request objects (JAR-1, JAR-2) and what they may carry (PAR-5, PAR-6), after the
// FAPI 2.0 Message Signing conformance modules. The request object replaces every other parameter.
import { TestTpp } from '@grantline/testing';
import { type AuthorizeHarness, startAuthorize } from '../test/authorize-harness';

describe('POST /par: request objects', () => {
  let authorize: AuthorizeHarness;
  let tpp: TestTpp;
  let other: TestTpp;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    authorize = await startAuthorize();
    [tpp, other] = authorize.tpps;
  });

  afterAll(async () => {
    await authorize?.close();
  });

  const pushSigned = async (requestObject: string) =>
    tpp.push(authorize.par, authorize.issuer, { client_id: tpp.clientId, request: requestObject });
  const parameters = () => tpp.authorizationRequest(tpp.newPkce());
  const expectRejected = async (requestObject: string, error = 'invalid_request_object') => {
    const { status, body } = await pushSigned(requestObject);
    expect([status, body.error]).toEqual([400, error]);
  };

  it('[JAR-1] accepts a good signed request object', async () => {
    const { status } = await pushSigned(await tpp.requestObject(authorize.issuer, parameters()));
    expect(status).toBe(201);
  });

  it('[JAR-1] rejects a request object without exp', async () => {
    await expectRejected(await tpp.requestObject(authorize.issuer, parameters(), { exp: undefined }));
  });

  it('[JAR-1] rejects a request object without nbf', async () => {
    await expectRejected(await tpp.requestObject(authorize.issuer, parameters(), { nbf: undefined }));
  });

  it('[PAR-6] rejects a request object without redirect_uri', async () => {
    await expectRejected(
      await tpp.requestObject(authorize.issuer, { ...parameters(), redirect_uri: undefined }),
      'invalid_request',
    );
  });

  it('[JAR-1] rejects an expired request object', async () => {
    await expectRejected(
      await tpp.requestObject(authorize.issuer, parameters(), { nbf: now() - 600, exp: now() - 60 }),
    );
  });

  it('[JAR-1] rejects a request object with a bad aud', async () => {
    await expectRejected(
      await tpp.requestObject(authorize.issuer, parameters(), { aud: 'https://other-bank.example' }),
    );
  });

  it('[JAR-1] rejects exp − nbf over 60 minutes', async () => {
    await expectRejected(
      await tpp.requestObject(authorize.issuer, parameters(), { nbf: now(), exp: now() + 3601 }),
    );
  });

  it('[JAR-1] rejects nbf more than 60 minutes in the past', async () => {
    await expectRejected(
      await tpp.requestObject(authorize.issuer, parameters(), { nbf: now() - 3700, exp: now() + 60 }),
    );
  });

  it('[ALG-1] [JAR-1] rejects request objects signed with RS256, alg none, or an invalid signature', async () => {
    const claims = {
      iss: tpp.clientId,
      aud: authorize.issuer,
      nbf: now(),
      exp: now() + 300,
      ...parameters(),
    };
    await expectRejected(await tpp.forgeWithAlg('RS256', claims));
    await expectRejected(TestTpp.unsigned(claims));
    await expectRejected(TestTpp.tampered(await tpp.requestObject(authorize.issuer, parameters())));
  });

  it("[JAR-1] rejects a request object signed with another client's key", async () => {
    await expectRejected(await tpp.requestObject(authorize.issuer, parameters(), {}, other.signingKey));
  });

  it('[PAR-5] rejects request_uri inside the request object', async () => {
    await expectRejected(
      await tpp.requestObject(authorize.issuer, {
        ...parameters(),
        request_uri: 'urn:ietf:params:oauth:request_uri:x',
      }),
      'invalid_request',
    );
  });

  it('[JAR-2] ignores parameters outside the request object: an outside redirect_uri does not count', async () => {
    const inside = { ...parameters(), redirect_uri: undefined };
    const { status, body } = await tpp.push(authorize.par, authorize.issuer, {
      client_id: tpp.clientId,
      redirect_uri: tpp.redirectUri,
      request: await tpp.requestObject(authorize.issuer, inside),
    });
    expect([status, body.error]).toEqual([400, 'invalid_request']);
  });

  it('[CLI-3] rejects a request object naming another client as iss', async () => {
    await expectRejected(await tpp.requestObject(authorize.issuer, parameters(), { iss: other.clientId }));
  });
});

describe('POST /par when the profile requires signed request objects', () => {
  let authorize: AuthorizeHarness;

  beforeAll(async () => {
    authorize = await startAuthorize({ env: { REQUIRE_SIGNED_REQUEST_OBJECT: 'true' } });
  });

  afterAll(async () => {
    await authorize?.close();
  });

  it('[JAR-1] rejects an unsigned pushed request', async () => {
    const [tpp] = authorize.tpps;
    const { status, body } = await tpp.pushAuthorizationRequest(authorize.par, authorize.issuer);
    expect([status, body.error]).toEqual([400, 'invalid_request']);
    const signed = await tpp.pushAuthorizationRequest(authorize.par, authorize.issuer, {}, { signed: true });
    expect(signed.status).toBe(201);
  });
});
