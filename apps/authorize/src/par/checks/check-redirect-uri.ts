// PAR-6: redirect_uri is required and equals one of the client's registered URIs exactly, character
// for character: no prefix, pattern or normalisation that could open a redirect. The error is never
// redirected (RESP-2).
import { InvalidRequestError } from '@grantline/oauth';
import { type ParContext, clientOf } from '../par-context';

export function checkRedirectUri(context: ParContext): void {
  const redirectUri = context.parameters['redirect_uri'];
  if (redirectUri === undefined)
    throw new InvalidRequestError('redirect_uri is required (PAR-6)', { redirectable: false });
  if (typeof redirectUri !== 'string' || !clientOf(context).metadata.redirect_uris.includes(redirectUri)) {
    throw new InvalidRequestError('redirect_uri is not registered for this client (PAR-6)', {
      redirectable: false,
    });
  }
  context.redirectUri = redirectUri;
}
