// RFC 6749 §6: a refresh may narrow the scope, never widen it beyond what the grant approved.
import { InvalidScopeError } from '@grantline/oauth';
import { type TokenContext, parameter } from '../token-context';

export function checkRefreshScope(context: TokenContext): void {
  const granted = context.refreshToken?.scopes ?? [];
  const requested = parameter(context, 'scope');
  if (requested === undefined) {
    context.scopes = [...granted];
    return;
  }
  const scopes = requested.split(' ').filter((scope) => scope !== '');
  const beyond = scopes.filter((scope) => !granted.includes(scope));
  if (beyond.length > 0) throw new InvalidScopeError('the requested scope exceeds the grant');
  context.scopes = scopes;
}
