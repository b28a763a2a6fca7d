// A DPoP proof checked alongside client authentication (the token endpoint, PAR). Its signature and
// claims are checked first, CPU only. Its single-use jti (DPOP-1) is written only once the client
// is authenticated:
//  - with the client assertion's jti (CLI-2), which is written once the assertion's signature is
//    verified. Both jtis then reach the replay store in the same turn of the event loop, and a
//    batching store (libs/platform's PostgresJtiReplayStore) writes them in one statement, not in
//    two one after the other;
//  - or when the client authenticated by mTLS, without an assertion.
// A request whose client fails to authenticate before its assertion's jti is written (signature,
// claims, unknown client, mTLS) writes nothing and spends no proof. One whose assertion was already
// used spends the proof's jti along with it, both being written at once: that proof is the
// replayer's own (or a copy of one already spent), so no client's proof is lost by it.
import type { JtiReplayStore } from '@grantline/crypto';

export class ClientAuthenticationGate {
  private open: () => void = () => undefined;
  private readonly opened = new Promise<void>((resolve) => {
    this.open = resolve;
  });

  constructor(private readonly replay: JtiReplayStore) {}

  /** The replay store for the proof: it remembers once the client is authenticated. */
  readonly forProof: JtiReplayStore = {
    remember: async (jti, expiresAt) => {
      await this.opened;
      return this.replay.remember(jti, expiresAt);
    },
  };

  /** The replay store for the client assertion: writing its jti lets the proof's go too. */
  readonly forClient: JtiReplayStore = {
    remember: (jti, expiresAt) => {
      this.open();
      return this.replay.remember(jti, expiresAt);
    },
  };

  /** The client is authenticated (by any method): the proof's jti may be written now. */
  clientAuthenticated(): void {
    this.open();
  }
}

/**
 * Begins verifying a DPoP proof now, its jti gated on client authentication. `verify` gets the
 * replay store the proof must use; the check whose place it is in the pipeline awaits `proofCheck`.
 */
export function beginProofCheck(
  replay: JtiReplayStore,
  verify: (replay: JtiReplayStore) => Promise<string>,
): { proofCheck: Promise<string>; clientGate: ClientAuthenticationGate } {
  const clientGate = new ClientAuthenticationGate(replay);
  const proofCheck = verify(clientGate.forProof);
  // Read later; until then (or if an earlier check fails) its failure is not an unhandled rejection.
  proofCheck.catch(() => undefined);
  return { proofCheck, clientGate };
}
