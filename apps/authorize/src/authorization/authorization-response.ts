// The authorization response at the client's registered redirect URI: `code` or `error`, with
// `state` and RFC 9207 `iss` (RESP-1); for response_mode=jwt a signed JARM response carrying the same.
import { epochSeconds, issueJarmResponse } from '@grantline/crypto';
import type { RegisteredClient } from '@grantline/oauth';
import type { AuthorizationRequest } from '../par/pushed-requests';
import type { AuthorizeSettings } from '../settings/authorize-settings';

/** JARM responses are short-lived: the browser carries them straight to the client. */
const JARM_LIFETIME_SECONDS = 60;

export async function authorizationResponseUrl(
  settings: AuthorizeSettings,
  client: RegisteredClient,
  request: AuthorizationRequest,
  parameters: Record<string, string>,
): Promise<string> {
  const response: Record<string, string> = {
    ...parameters,
    ...(request.state !== undefined && { state: request.state }),
    iss: settings.issuer,
  };
  const url = new URL(request.redirectUri);
  if (request.responseMode === 'query') {
    for (const [name, value] of Object.entries(response)) url.searchParams.append(name, value);
    return url.toString();
  }
  const registered = client.metadata.authorization_signed_response_alg;
  const signer = settings.signingKeys.signingKey(
    settings.clock,
    registered ? [registered] : settings.security.signingAlgorithms,
  );
  const jwt = await issueJarmResponse(signer, {
    ...response,
    iss: settings.issuer,
    aud: client.clientId,
    exp: epochSeconds(settings.clock) + JARM_LIFETIME_SECONDS,
  });
  url.searchParams.append('response', jwt);
  return url.toString();
}
