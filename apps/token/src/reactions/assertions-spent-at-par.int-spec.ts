// CLI-2 across the authorization server: an assertion authorize spent at PAR (ParRequestPushed) is
// refused at /token, where it could otherwise buy a client_credentials token within its lifetime.
import { clientAssertionReplayKey, randomId, sha256 } from '@grantline/crypto';
import { type TestTpp, eventually } from '@grantline/testing';
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

describe('client assertions spent at PAR', () => {
  let token: TokenHarness;
  let tpp: TestTpp;
  let other: TestTpp;

  beforeAll(async () => {
    token = await startToken();
    [tpp, other] = token.tpps;
  });

  afterAll(async () => {
    await token?.close();
  });

  const jtiSha256 = (jti: string) => sha256(jti).toString('base64url');

  /** What authorize appends when `client` pushed requests with assertions of these jtis (one stream). */
  const pushedAtPar = (client: TestTpp, ...assertions: Array<{ jti: string; exp: number }>) =>
    token.events.append(
      `authorization-az-${randomId(16)}`,
      'no-stream',
      assertions.map(({ jti, exp }) => ({
        type: 'ParRequestPushed',
        data: {
          authorizationId: `az-${randomId(16)}`,
          clientId: client.clientId,
          redirectUri: client.redirectUri,
          scopes: ['accounts'],
          authorizationDetails: [],
          consentIds: [],
          responseMode: 'query',
          requestUriFingerprint: `request-uri-${randomId(16)}`,
          expiresAt: new Date(Date.now() + 60_000).toISOString(),
          clientAssertionJtiSha256: jtiSha256(jti),
          clientAssertionExpiresAt: new Date(exp * 1000).toISOString(),
        },
      })),
      { correlationId: `corr-${randomId(16)}`, actor: { kind: 'tpp', id: client.clientId } },
    );

  const spentHere = async (client: TestTpp, jti: string) => {
    const rows: unknown[] = await token.dataSource.query('SELECT 1 FROM used_jtis WHERE jti = $1', [
      clientAssertionReplayKey(client.clientId, jtiSha256(jti)),
    ]);
    return rows.length > 0;
  };

  it('[CLI-2] refuses at /token a client assertion whose jti authorize spent at PAR', async () => {
    const jti = `par-${randomId(16)}`;
    const exp = Math.floor(Date.now() / 1000) + 60;
    const assertion = await tpp.clientAssertion(token.issuer, { jti, exp });
    await pushedAtPar(tpp, { jti, exp });
    await eventually(async () => expect(await spentHere(tpp, jti)).toBe(true));

    const { status, body } = await postToken(
      tpp,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', scope: 'accounts' },
      { assertion },
    );
    expect([status, body.error]).toEqual([401, 'invalid_client']);
    expect(String(body.error_description)).toContain('already used');
  });

  it("[CLI-2] another client's assertion with the same jti is its own", async () => {
    const jti = `par-${randomId(16)}`;
    const exp = Math.floor(Date.now() / 1000) + 60;
    await pushedAtPar(tpp, { jti, exp });
    await eventually(async () => expect(await spentHere(tpp, jti)).toBe(true));

    const { status } = await postToken(
      other,
      token.tokenEndpoint,
      token.issuer,
      { grant_type: 'client_credentials', scope: 'accounts' },
      { assertion: await other.clientAssertion(token.issuer, { jti, exp }) },
    );
    expect(status).toBe(200);
  });

  it('[CLI-2] ignores an assertion that has expired by the time the event arrives', async () => {
    const jti = `par-${randomId(16)}`;
    const late = `par-${randomId(16)}`;
    const past = Math.floor(Date.now() / 1000) - 5;
    await pushedAtPar(tpp, { jti: late, exp: past }, { jti, exp: past + 65 });
    // One stream's events are handled in order: once the second is spent, the first was handled.
    await eventually(async () => expect(await spentHere(tpp, jti)).toBe(true));
    expect(await spentHere(tpp, late)).toBe(false);
  });
});
