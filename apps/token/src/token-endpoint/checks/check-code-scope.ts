// RFC 6749 §4.1.3: the code's scope is what was approved; the token carries exactly that.
import type { TokenContext } from '../token-context';

export function takeCodeScope(context: TokenContext): void {
  const scope = context.code?.scope ?? '';
  context.scopes = scope === '' ? [] : scope.split(' ');
}
