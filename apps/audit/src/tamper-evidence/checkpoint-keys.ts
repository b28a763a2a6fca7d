// The checkpoint signing keys over the log's whole life. A checkpoint must verify for as long as
// the records it covers are kept, so rotating the signing key never drops the old public key:
// - AUDIT_SIGNING_KEY is a ring (one private JWK, or a JWKS newest first with `notBefore` for a
//   scheduled switch); each checkpoint is signed with the key active at that moment;
// - AUDIT_RETIRED_CHECKPOINT_KEYS holds the public JWKs of keys whose private part was destroyed.
// Everything that verifies (the API, exports, the CLI) gets all of them, chosen by `kid`.
import type { Clock, JwkSet, PublicJwk, SigningKey, SigningKeyRing } from '@grantline/crypto';

export class CheckpointKeys {
  constructor(
    private readonly ring: SigningKeyRing,
    private readonly retired: readonly PublicJwk[],
    private readonly clock: Clock,
  ) {}

  /** The key that signs a checkpoint issued now. */
  signer(): SigningKey {
    return this.ring.signingKey(this.clock);
  }

  /** The public key that signs now (what older clients of the API read). */
  get current(): PublicJwk {
    return this.signer().publicJwk;
  }

  /** Every key a checkpoint of this log may carry: the ring's and the retired ones. */
  get all(): JwkSet {
    const keys = [...this.ring.jwks(this.clock).keys];
    for (const jwk of this.retired) if (!keys.some((key) => key.kid === jwk.kid)) keys.push(jwk);
    return { keys };
  }
}
