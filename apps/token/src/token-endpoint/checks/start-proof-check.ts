// DPOP-1, begun before client authentication: the proof is verified alongside the client's
// assertion, so the two single-use jtis (CLI-2 and DPOP-1) reach the replay store in the same turn
// of the event loop and are remembered by one statement, not by two one after the other. Only the
// reading of its outcome waits for bindSender's place in the pipeline, so a request still gets the
// error of the first check it fails (a bad client is invalid_client whatever its proof). One thing
// changes: a proof sent with a failing client authentication is spent, which a single-use proof
// may always be.
import type { TokenContext } from '../token-context';
import { verifyProof } from './bind-sender';

export function startProofCheck(context: TokenContext): void {
  if (context.http.dpopHeader === undefined) return;
  const check = verifyProof(context);
  // bindSender reads the outcome; until then (or if an earlier check fails) it is not unhandled.
  check.catch(() => undefined);
  context.proofCheck = check;
}
