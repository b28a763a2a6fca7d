// TOK-3: the refresh token is opaque and found by its hash. Unknown, revoked (by /revoke, a grant or
// consent revocation, code reuse) or expired: invalid grant. Issued to another client: invalid grant,
// and nothing about the token is revealed (CLI-3).
import { constantTimeEqual } from '@grantline/crypto';
import { InvalidGrantError, InvalidRequestError } from '@grantline/oauth';
import { isActive } from '../../records';
import { type TokenContext, clientOf, parameter } from '../token-context';

const MAX_REFRESH_TOKEN_LENGTH = 512;

export async function findRefreshToken(context: TokenContext): Promise<void> {
  const presented = parameter(context, 'refresh_token');
  if (presented === undefined || presented === '') throw new InvalidRequestError('refresh_token is required');
  if (presented.length > MAX_REFRESH_TOKEN_LENGTH)
    throw new InvalidGrantError('the refresh token is invalid');
  const record = await context.deps.refreshTokens.findRefreshToken(presented);
  if (!record || !constantTimeEqual(record.clientId, clientOf(context).clientId)) {
    throw new InvalidGrantError('the refresh token is invalid or was issued to another client (TOK-3)');
  }
  if (!isActive(record, new Date(context.deps.settings.clock()))) {
    throw new InvalidGrantError('the refresh token has been revoked or has expired');
  }
  context.refreshToken = record;
}
