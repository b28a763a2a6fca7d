// CODE-3, CLI-3: the code was issued to this client for this redirect_uri. A code presented by
// another client, or with another redirect_uri than the one pushed at PAR, is an invalid grant.
import { constantTimeEqual } from '@grantline/crypto';
import { InvalidGrantError, InvalidRequestError } from '@grantline/oauth';
import { type TokenContext, clientOf, parameter } from '../token-context';

export function checkCodeBinding(context: TokenContext): void {
  const code = context.code;
  if (!code) throw new TypeError('checkCodeBinding ran before openCode');
  if (!constantTimeEqual(code.client_id, clientOf(context).clientId)) {
    throw new InvalidGrantError('the authorization code was issued to another client (CODE-3)');
  }
  const redirectUri = parameter(context, 'redirect_uri');
  if (redirectUri === undefined) throw new InvalidRequestError('redirect_uri is required');
  if (redirectUri !== code.redirect_uri) {
    throw new InvalidGrantError('redirect_uri does not match the authorization request (CODE-3)');
  }
}
