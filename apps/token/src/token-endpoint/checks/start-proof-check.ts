// DPOP-1, begun before client authentication: the proof's signature and claims are checked now,
// and its jti is written with the client assertion's, in one statement, once the client is
// authenticated (ClientAuthenticationGate). bindSender reads the outcome in its own place, so a
// request still gets the error of the first check it fails (a bad client is invalid_client
// whatever its proof), and a request whose client fails to authenticate spends no proof.
import { beginProofCheck } from '@grantline/oauth';
import type { TokenContext } from '../token-context';
import { verifyProof } from './bind-sender';

export function startProofCheck(context: TokenContext): void {
  if (context.http.dpopHeader === undefined) return;
  Object.assign(
    context,
    beginProofCheck(context.deps.replay, (replay) => verifyProof(context, replay)),
  );
}
