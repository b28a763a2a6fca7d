// DPOP-3, TOK-3, MTLS-1: a refresh token is bound to the sender constraint it was issued with; only
// a proof of the same DPoP key, or the same certificate, may use it.
import { constantTimeEqual } from '@grantline/crypto';
import { InvalidGrantError } from '@grantline/oauth';
import { type TokenContext, senderOf } from '../token-context';

export function checkRefreshSender(context: TokenContext): void {
  if (!context.refreshToken) throw new TypeError('checkRefreshSender ran before findRefreshToken');
  const cnf = context.refreshToken.cnf ?? {};
  const sender = senderOf(context);
  const bound =
    sender.kind === 'dpop'
      ? cnf.jkt !== undefined && constantTimeEqual(cnf.jkt, sender.jkt)
      : cnf['x5t#S256'] !== undefined && constantTimeEqual(cnf['x5t#S256'], sender.x5tS256);
  if (!bound) {
    throw new InvalidGrantError('the refresh token is bound to another key or certificate (DPOP-3)');
  }
}
