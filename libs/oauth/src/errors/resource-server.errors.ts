// RFC 6750 §3.1 codes a protected resource answers with. invalid_request (a malformed request,
// e.g. a token in the query string, TOK-7) is InvalidRequestError with a challenge.
import { OAuthError, type OAuthErrorOptions } from './oauth-error';

/** 401: missing, malformed, expired, revoked or unbound access token. */
export class InvalidTokenError extends OAuthError {
  override readonly code = 'invalid_token' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(401, false, description, options);
  }
}

/** 403: a valid token without the scope the resource needs; the challenge names that scope. */
export class InsufficientScopeError extends OAuthError {
  override readonly code = 'insufficient_scope' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(403, false, description, options);
  }
}
