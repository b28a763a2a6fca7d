// RFC 6749 §3.3 scopes, limited to what the client registered; `state` and `nonce` bounded so a
// request cannot smuggle megabytes into the redirect.
import { InvalidRequestError, InvalidScopeError } from '@grantline/oauth';
import { type ParContext, clientOf } from '../par-context';

const SCOPE_TOKEN = /^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/;
const MAX_STATE_LENGTH = 512;

export function checkScopeAndState(context: ParContext): void {
  const scope = context.parameters['scope'];
  if (scope !== undefined && typeof scope !== 'string') throw new InvalidScopeError('scope must be a string');
  const scopes = scope === undefined || scope === '' ? [] : scope.split(' ');
  if (scopes.length > 20 || !scopes.every((token) => SCOPE_TOKEN.test(token))) {
    throw new InvalidScopeError('scope must be space-separated scope tokens');
  }
  const registered = clientOf(context).metadata.scope?.split(' ');
  const outside = registered ? scopes.filter((token) => !registered.includes(token)) : [];
  if (outside.length > 0)
    throw new InvalidScopeError(`scope "${outside[0]}" is not registered for this client`);
  context.scopes = [...new Set(scopes)];
  for (const name of ['state', 'nonce']) {
    const value = context.parameters[name];
    if (
      value !== undefined &&
      (typeof value !== 'string' || value.length === 0 || value.length > MAX_STATE_LENGTH)
    ) {
      throw new InvalidRequestError(`${name} must be a string of 1–${MAX_STATE_LENGTH} characters`);
    }
  }
}
