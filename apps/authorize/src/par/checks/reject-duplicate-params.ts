// PAR-5: a parameter sent twice is refused before anything reads it (RFC 9126 §2.1, RFC 6749 §3.1),
// so no check can be steered by which copy it happens to pick.
import { InvalidRequestError } from '@grantline/oauth';
import type { ParContext } from '../par-context';

export function rejectDuplicateParams(context: ParContext): void {
  for (const [name, value] of Object.entries(context.http.form)) {
    if (Array.isArray(value)) {
      throw new InvalidRequestError(`parameter "${name.slice(0, 40)}" is repeated`);
    }
  }
}
