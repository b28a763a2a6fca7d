// RFC 6749 §3.2: request parameters must not be included more than once. Refused before anything
// reads them, so no check can be steered by which copy it happens to pick.
import { InvalidRequestError } from '@grantline/oauth';
import type { TokenContext } from '../token-context';

export function rejectDuplicateParams(context: TokenContext): void {
  for (const [name, value] of Object.entries(context.http.form)) {
    if (Array.isArray(value)) throw new InvalidRequestError(`parameter "${name.slice(0, 40)}" is repeated`);
  }
}
