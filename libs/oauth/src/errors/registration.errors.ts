// RFC 7591 §3.2.2 codes: a client registration (from the clients file today, dynamic registration
// later) that breaks a rule. Each names the client and the field, so an operator can fix it.
import { OAuthError, type OAuthErrorOptions } from './oauth-error';

export class InvalidClientMetadataError extends OAuthError {
  override readonly code: 'invalid_client_metadata' | 'invalid_redirect_uri' = 'invalid_client_metadata';

  constructor(
    /** The metadata field at fault, e.g. `redirect_uris[1]` or `jwks.keys[0]`. */
    readonly field: string,
    problem: string,
    options?: OAuthErrorOptions,
  ) {
    super(400, false, problem, options);
  }
}

export class InvalidRedirectUriError extends InvalidClientMetadataError {
  override readonly code = 'invalid_redirect_uri' as const;
}
