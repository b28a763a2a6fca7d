// Codes from the extensions Grantline speaks: token revocation (RFC 7009), rich authorization
// requests (RFC 9396, RAR-2) and FAPI Grant Management (GM-1, GM-3). RFC 7662 introspection adds no
// codes of its own: it answers with invalid_client / invalid_request, or `active: false`.
import { OAuthError, type OAuthErrorOptions } from './oauth-error';

/** RFC 7009 §2.2.1: the server cannot revoke this type of token. */
export class UnsupportedTokenTypeError extends OAuthError {
  override readonly code = 'unsupported_token_type' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, false, description, options);
  }
}

/** RFC 9396 §5: unknown type, malformed, or not allowed for this client (RAR-2). */
export class InvalidAuthorizationDetailsError extends OAuthError {
  override readonly code = 'invalid_authorization_details' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

/**
 * Grant Management: the grant_id of an authorization request is unknown, invalid, or belongs to
 * another client or PSU. An unsupported grant_management_action is `invalid_request` instead.
 */
export class InvalidGrantIdError extends OAuthError {
  override readonly code = 'invalid_grant_id' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

/**
 * Grant Management API: the grant resource URL is unknown (404). Also used for another client's
 * grant, so a client cannot learn which grant ids exist (GM-3).
 */
export class GrantNotFoundError extends OAuthError {
  override readonly code = 'invalid_grant_id' as const;

  constructor(description = 'No such grant', options?: OAuthErrorOptions) {
    super(404, false, description, options);
  }
}
