// RFC 9101 §6.2 codes, which RFC 9126 uses for pushed requests: a bad or expired request_uri
// (PAR-1, PAR-3, PAR-4) and a bad request object (JAR-1).
import { OAuthError, type OAuthErrorOptions } from './oauth-error';

/**
 * Never redirected: with PAR the redirect_uri lives inside the pushed request, so an unknown,
 * expired or foreign request_uri leaves no verified place to redirect to (RESP-2).
 */
export class InvalidRequestUriError extends OAuthError {
  override readonly code = 'invalid_request_uri' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, false, description, options);
  }
}

export class InvalidRequestObjectError extends OAuthError {
  override readonly code = 'invalid_request_object' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

export class RequestNotSupportedError extends OAuthError {
  override readonly code = 'request_not_supported' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}

export class RequestUriNotSupportedError extends OAuthError {
  override readonly code = 'request_uri_not_supported' as const;

  constructor(description?: string, options?: OAuthErrorOptions) {
    super(400, true, description, options);
  }
}
