// DPOP-3, CODE-3 (RFC 9449 §10): a code bound to a DPoP key at PAR (`dpop_jkt`) is redeemed only with
// a proof of that key; a certificate or another key is an invalid grant.
import { constantTimeEqual } from '@grantline/crypto';
import { InvalidGrantError } from '@grantline/oauth';
import { type TokenContext, senderOf } from '../token-context';

export function checkCodeSender(context: TokenContext): void {
  const expected = context.code?.dpop_jkt;
  if (expected === undefined) return;
  const sender = senderOf(context);
  if (sender.kind !== 'dpop' || !constantTimeEqual(sender.jkt, expected)) {
    throw new InvalidGrantError('the DPoP key does not match the dpop_jkt the code is bound to (DPOP-3)');
  }
}
