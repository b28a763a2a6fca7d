// The node:crypto fast path (jws/signature.ts behind verifyJws, verifyJwt and DPoP's embedded key)
// must agree with jose, the reference JOSE implementation, on every hostile input of the suite.
// Where we are deliberately stricter (non-canonical base64url, RFC 7797 `b64`, stray private JWK
// members), the case says so and proves jose would have accepted it. Generated inputs: signature.generated.spec.ts.
import { assertKeyFitsAlgorithm, importPublicKey } from '../keys/public-key';
import { jwkThumbprint } from '../thumbprint/jwk-thumbprint';
import { expectAgreement, joseEmbedded, joseJws, oursEmbedded, oursJws, pool } from '../test/differential';
import { embeddedSuite, hostileSuite } from '../test/hostile-jws';
import { JoseOracle } from '../test/jose-oracle';

let oracle: JoseOracle;
beforeAll(() => {
  oracle = JoseOracle.start();
});
afterAll(() => oracle.stop());

describe('fast path agrees with jose (ALG-1, ALG-2, DPOP-1)', () => {
  it.each(hostileSuite.map((c) => [c.name, c] as const))('[ALG-1] hostile JWS: %s', async (_name, c) => {
    expectAgreement(
      c.name,
      await oursJws(c.token, c.jwk),
      await joseJws(oracle, c.token, c.jwk),
      c.expectation,
    );
  });

  it.each(embeddedSuite.map((c) => [c.name, c] as const))(
    '[DPOP-1] hostile embedded jwk: %s',
    async (_name, c) => {
      expectAgreement(
        c.name,
        await oursEmbedded(c.token),
        await joseEmbedded(oracle, c.token),
        c.expectation,
      );
    },
  );

  it('[ALG-5] RFC 7638 thumbprints agree with jose', async () => {
    for (const pair of Object.values(pool)) {
      const { thumbprint } = await oracle.ask({ op: 'thumbprint', jwk: pair.publicJwk });
      expect(jwkThumbprint(pair.publicJwk)).toBe(thumbprint);
    }
  });

  it('key fitness is what jose enforces too (sanity of the suite)', () => {
    expect(() => assertKeyFitsAlgorithm(importPublicKey(pool.rsa1024.publicJwk), 'PS256')).toThrow(
      expect.objectContaining({ code: 'key_too_weak' }),
    );
  });
});
