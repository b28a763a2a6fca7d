import { DpopNonces } from '@grantline/crypto';
import { ResourceServerWorld, rejectionOf } from './test/fixtures';

const ALGS = 'algs="PS256 ES256 EdDSA"';

describe('DPoP nonces at the resource server', () => {
  const secret = Buffer.alloc(32, 7).toString('base64url');

  it('[DPOP-2] answers use_dpop_nonce with a DPoP-Nonce header, then accepts the nonce', async () => {
    let now = Date.UTC(2026, 5, 1, 12, 0, 0);
    const source = new DpopNonces({ secrets: [secret], clock: () => now });
    const world = new ResourceServerWorld({ dpopNonces: { source, required: true } });
    world.now = now;
    const token = await world.accessToken();
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token))),
    );
    expect(error.code).toBe('use_dpop_nonce');
    expect(error.status).toBe(401);
    const problem = error.toProtocolProblem();
    const nonce = problem.headers?.['dpop-nonce'];
    expect(nonce).toEqual(expect.any(String));
    expect(problem.headers?.['www-authenticate']).toBe(
      `DPoP error="use_dpop_nonce", error_description="A server-provided DPoP nonce is required", ${ALGS}`,
    );
    now += 1000;
    world.now = now;
    const principal = await world.resource.verify(
      world.dpopRequest(token, await world.proof(token, { nonce })),
    );
    expect(principal.sender).toBe('dpop');
  });

  it('[DPOP-2] rejects a made-up nonce with a fresh one', async () => {
    const source = new DpopNonces({ secrets: [secret], clock: () => Date.UTC(2026, 5, 1, 12, 0, 0) });
    const world = new ResourceServerWorld({ dpopNonces: { source, required: true } });
    const token = await world.accessToken();
    const error = await rejectionOf(
      world.resource.verify(world.dpopRequest(token, await world.proof(token, { nonce: 'made-up' }))),
    );
    expect(error.code).toBe('use_dpop_nonce');
    expect(error.toProtocolProblem().headers?.['dpop-nonce']).not.toBe('made-up');
  });
});
