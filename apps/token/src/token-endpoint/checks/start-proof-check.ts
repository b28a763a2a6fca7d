// DPOP-1, begun before client authentication so that the two single-use jtis of a request, the
// proof's and the client assertion's (CLI-2), reach the replay store in the same turn of the event
// loop and are remembered by one statement, not by two one after the other:
//  - the proof's signature and claims are checked now (CPU only);
//  - its jti is written only once the client is authenticated: when the assertion's jti is (its
//    signature verified), or when authenticateClient succeeds by another method. A request whose
//    client fails to authenticate writes nothing and spends no proof;
//  - bindSender reads the outcome in its own place, so a request still gets the error of the first
//    check it fails (a bad client is invalid_client whatever its proof).
import type { JtiReplayStore } from '@grantline/crypto';
import type { TokenContext } from '../token-context';
import { verifyProof } from './bind-sender';

export function startProofCheck(context: TokenContext): void {
  if (context.http.dpopHeader === undefined) return;
  let authenticated!: () => void;
  const clientAuthenticated = new Promise<void>((resolve) => (authenticated = resolve));
  const replay = context.deps.replay;
  const afterClientAuthentication: JtiReplayStore = {
    remember: async (jti, expiresAt) => {
      await clientAuthenticated;
      return replay.remember(jti, expiresAt);
    },
  };
  const check = verifyProof(context, afterClientAuthentication);
  // bindSender reads the outcome; until then (or if an earlier check fails) it is not unhandled.
  check.catch(() => undefined);
  context.proofCheck = check;
  context.clientAuthenticated = authenticated;
}
