// RFC 9449's codes. At the token endpoint they are 400 JSON errors (§5); at a protected resource
// they are 401 with a `WWW-Authenticate: DPoP` challenge (§7.1), which is what `challenge` selects.
import { OAuthError, type OAuthErrorOptions } from './oauth-error';

export class InvalidDpopProofError extends OAuthError {
  override readonly code = 'invalid_dpop_proof' as const;

  constructor(description?: string, options: OAuthErrorOptions = {}) {
    super(options.challenge ? 401 : 400, false, description, options);
  }
}

/** Carries the nonce the client must put in its next proof (DPOP-2). */
export class UseDpopNonceError extends OAuthError {
  override readonly code = 'use_dpop_nonce' as const;

  constructor(nonce: string, description?: string, options: Omit<OAuthErrorOptions, 'dpopNonce'> = {}) {
    super(options.challenge ? 401 : 400, false, description ?? 'A server-provided DPoP nonce is required', {
      ...options,
      dpopNonce: nonce,
    });
  }
}
