// DPOP-1 at PAR, begun before client authentication: the proof's signature and claims are checked
// now, and its jti is written with the client assertion's, in one statement, once the client is
// authenticated (ClientAuthenticationGate). checkDpopJkt reads the outcome in its own place, so a
// request still gets the error of the first check it fails, and a request whose client fails to
// authenticate spends no proof.
import { beginProofCheck } from '@grantline/oauth';
import type { ParContext } from '../par-context';
import { verifyProof } from './check-dpop-jkt';

export function startProofCheck(context: ParContext): void {
  if (context.http.dpopHeader === undefined) return;
  Object.assign(
    context,
    beginProofCheck(context.deps.replay, (replay) => verifyProof(context, replay)),
  );
}
