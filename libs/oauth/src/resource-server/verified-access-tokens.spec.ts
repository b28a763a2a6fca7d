// A token verified once is not verified again while it stays within its times, the cache's minute
// and its size; anything else about it is checked as before.
import { keySetFromJwks, type VerificationKeys } from '@grantline/crypto';
import { ResourceServerWorld, rejectionOf } from './test/fixtures';
import { VerifiedAccessTokens } from './verified-access-tokens';

/** The token service's keys, which a test can withdraw, as a rotation out of the JWKS would. */
function withdrawableKeys(world: () => ResourceServerWorld) {
  let withdrawn = false;
  const keys: VerificationKeys = {
    forHeader: (header) =>
      withdrawn
        ? Promise.resolve([])
        : keySetFromJwks({ keys: [world().tokenService.publicJwk] }).forHeader(header),
  };
  return { keys, withdraw: () => (withdrawn = true) };
}

describe('verified access tokens', () => {
  let world: ResourceServerWorld;
  let withdraw: () => void;

  beforeEach(() => {
    const withdrawable = withdrawableKeys(() => world);
    withdraw = withdrawable.withdraw;
    world = new ResourceServerWorld({
      accessTokenKeys: withdrawable.keys,
      verifiedAccessTokens: new VerifiedAccessTokens(2, 60),
    });
  });

  it('[TOK-1] serves a token verified before without checking its signature again, and only that text', async () => {
    const token = await world.accessToken();
    await world.resource.verify(world.dpopRequest(token, await world.proof(token)));
    withdraw();
    const again = await world.resource.verify(world.dpopRequest(token, await world.proof(token)));
    expect(again.jti).toBe('at-1');

    // One character changed in the signature is another text: verified, and refused.
    const at = token.length - 10;
    const tampered = `${token.slice(0, at)}${token[at] === 'A' ? 'B' : 'A'}${token.slice(at + 1)}`;
    expect(
      (await rejectionOf(world.resource.verify(world.dpopRequest(tampered, await world.proof(tampered)))))
        .code,
    ).toBe('invalid_token');
  });

  it('[TOK-1] refuses a remembered token once its exp has passed, as token_expired', async () => {
    const token = await world.accessToken();
    await world.resource.verify(world.dpopRequest(token, await world.proof(token)));
    world.now += 300_000;
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(error.code).toBe('invalid_token');
    expect(error.toProtocolProblem().body['error_description']).toBe('The access token has expired');
  });

  it('[TOK-1] verifies a token afresh after a minute: a key withdrawn from the JWKS then stops it', async () => {
    const token = await world.accessToken();
    await world.resource.verify(world.dpopRequest(token, await world.proof(token)));
    withdraw();
    world.now += 60_000;
    expect(
      (await rejectionOf(world.resource.verify(world.dpopRequest(token, await world.proof(token))))).code,
    ).toBe('invalid_token');
  });

  it('forgets the oldest token beyond its size', async () => {
    const tokens = [await world.accessToken(), await world.accessToken(), await world.accessToken()];
    for (const token of tokens)
      await world.resource.verify(world.dpopRequest(token, await world.proof(token)));
    withdraw();
    expect(
      (await rejectionOf(world.resource.verify(world.dpopRequest(tokens[0], await world.proof(tokens[0])))))
        .code,
    ).toBe('invalid_token');
    await world.resource.verify(world.dpopRequest(tokens[2], await world.proof(tokens[2])));
  });
});
