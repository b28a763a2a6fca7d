// RFC 6749's error codes: §4.1.2.1 (authorization endpoint) and §5.2 (token endpoint). Codes of the
// authorization endpoint may travel to the redirect_uri; those about client authentication or a
// grant only ever answer the client directly.
import { OAuthError, type OAuthErrorOptions } from './oauth-error';

export class InvalidRequestError extends OAuthError {
  override readonly code = 'invalid_request' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

/** 401: unknown client, failed or missing authentication, or a forbidden method (CLI-1, CLI-3). */
export class InvalidClientError extends OAuthError {
  override readonly code = 'invalid_client' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(401, false, description, options);
  }
}

export class InvalidGrantError extends OAuthError {
  override readonly code = 'invalid_grant' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, false, description, options);
  }
}

export class UnauthorizedClientError extends OAuthError {
  override readonly code = 'unauthorized_client' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

export class UnsupportedGrantTypeError extends OAuthError {
  override readonly code = 'unsupported_grant_type' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, false, description, options);
  }
}

export class UnsupportedResponseTypeError extends OAuthError {
  override readonly code = 'unsupported_response_type' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

export class InvalidScopeError extends OAuthError {
  override readonly code = 'invalid_scope' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

/** The PSU (or the server on its behalf) refused (RESP-3). 403 where answered directly. */
export class AccessDeniedError extends OAuthError {
  override readonly code = 'access_denied' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(403, true, description, options);
  }
}

/** Anticipated failure only; the description must never carry internals. */
export class ServerError extends OAuthError {
  override readonly code = 'server_error' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(500, true, description, options);
  }
}

export class TemporarilyUnavailableError extends OAuthError {
  override readonly code = 'temporarily_unavailable' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(503, true, description, options);
  }
}
