// PAR-5: a pushed request never carries a request_uri, neither as a parameter nor inside the
// request object (RFC 9126 §2.1): it would let a request point at another request.
import { InvalidRequestError } from '@grantline/oauth';
import type { ParContext } from '../par-context';

export function rejectRequestUri(context: ParContext): void {
  if (context.http.form['request_uri'] !== undefined || context.parameters['request_uri'] !== undefined) {
    throw new InvalidRequestError('request_uri must not be sent to the PAR endpoint (PAR-5)');
  }
}
