// The base of every OAuth protocol error. It renders itself for libs/platform's exception filter
// (the structural `RendersProtocolProblem` contract; this lib may not import platform), so domain
// code throws these and never an HttpException.
import { renderDpopChallenge, safeParameterValue, type DpopChallenge } from './www-authenticate';

/** Every error code Grantline sends; the registries they come from are named beside each class. */
export type OAuthErrorCode =
  // RFC 6749 §4.1.2.1 and §5.2
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'unsupported_response_type'
  | 'invalid_scope'
  | 'access_denied'
  | 'server_error'
  | 'temporarily_unavailable'
  // RFC 9101 §6.2, used at PAR and the authorization endpoint (RFC 9126)
  | 'invalid_request_uri'
  | 'invalid_request_object'
  | 'request_not_supported'
  | 'request_uri_not_supported'
  // RFC 9449
  | 'invalid_dpop_proof'
  | 'use_dpop_nonce'
  // RFC 6750 §3.1
  | 'invalid_token'
  | 'insufficient_scope'
  // RFC 7009 §2.2.1
  | 'unsupported_token_type'
  // RFC 9396 §5
  | 'invalid_authorization_details'
  // FAPI Grant Management
  | 'invalid_grant_id'
  // RFC 7591 §3.2.2
  | 'invalid_redirect_uri'
  | 'invalid_client_metadata';

export interface OAuthErrorOptions {
  /**
   * Set to false when the error concerns the client or its redirect URI: it must then be shown on
   * the server's own page (RESP-2). It can only narrow the class default, never widen it.
   */
  readonly redirectable?: boolean;
  /** Present when a protected resource answers: adds `WWW-Authenticate: DPoP …`. */
  readonly challenge?: DpopChallenge;
  /** A fresh server nonce for the client's next DPoP proof (DPOP-2): sent as `DPoP-Nonce`. */
  readonly dpopNonce?: string;
  readonly cause?: unknown;
}

/** The shape libs/platform's filter expects (mirrors its ProtocolProblem without importing it). */
export interface OAuthProblem {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export abstract class OAuthError extends Error {
  abstract readonly code: OAuthErrorCode;
  /** The HTTP status this error is answered with at a JSON endpoint. */
  readonly status: number;
  /** May this error travel to the client's redirect_uri (RFC 6749 §4.1.2.1)? */
  readonly allowRedirect: boolean;
  readonly description: string | undefined;
  readonly challenge: DpopChallenge | undefined;
  readonly dpopNonce: string | undefined;

  protected constructor(
    status: number,
    redirectableByDefault: boolean,
    description: string | undefined,
    options: OAuthErrorOptions = {},
  ) {
    super(description ?? new.target.name, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.status = status;
    this.allowRedirect = redirectableByDefault && options.redirectable !== false;
    this.description = description === undefined ? undefined : safeParameterValue(description);
    this.challenge = options.challenge;
    this.dpopNonce = options.dpopNonce;
  }

  /** The RFC 6749 §5.2 JSON body. */
  toJSON(): { error: OAuthErrorCode; error_description?: string } {
    return this.description === undefined
      ? { error: this.code }
      : { error: this.code, error_description: this.description };
  }

  /** Parameters for an error authorization response; callers add `state` and `iss`. */
  toRedirectParameters(): Record<string, string> {
    if (!this.allowRedirect) {
      throw new TypeError(`${this.code} must not be sent to a redirect_uri`);
    }
    return { ...this.toJSON() };
  }

  /** Implements libs/platform's `RendersProtocolProblem`. */
  toProtocolProblem(): OAuthProblem {
    const headers: Record<string, string> = {};
    if (this.challenge) {
      headers['www-authenticate'] = renderDpopChallenge(this.challenge, {
        code: this.code,
        description: this.description,
      });
    }
    if (this.dpopNonce !== undefined) headers['dpop-nonce'] = this.dpopNonce;
    return { status: this.status, body: this.toJSON(), headers };
  }
}

export function isOAuthError(error: unknown): error is OAuthError {
  return error instanceof OAuthError;
}
