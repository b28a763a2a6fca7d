import { InvalidDpopProofError, UseDpopNonceError } from './dpop.errors';
import {
  GrantNotFoundError,
  InvalidAuthorizationDetailsError,
  InvalidGrantIdError,
  UnsupportedTokenTypeError,
} from './extension.errors';
import { OAuthError, isOAuthError } from './oauth-error';
import { InvalidRequestObjectError, InvalidRequestUriError } from './request-object.errors';
import { InsufficientScopeError, InvalidTokenError } from './resource-server.errors';
import {
  AccessDeniedError,
  InvalidClientError,
  InvalidGrantError,
  InvalidRequestError,
  InvalidScopeError,
  ServerError,
  TemporarilyUnavailableError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
  UnsupportedResponseTypeError,
} from './rfc6749.errors';

const context = { interactionId: undefined };
const challenge = { algs: ['PS256', 'ES256', 'EdDSA'] };

describe('OAuth protocol errors', () => {
  it.each([
    [new InvalidRequestError(), 'invalid_request', 400, true],
    [new InvalidClientError(), 'invalid_client', 401, false],
    [new InvalidGrantError(), 'invalid_grant', 400, false],
    [new UnauthorizedClientError(), 'unauthorized_client', 400, true],
    [new UnsupportedGrantTypeError(), 'unsupported_grant_type', 400, false],
    [new UnsupportedResponseTypeError(), 'unsupported_response_type', 400, true],
    [new InvalidScopeError(), 'invalid_scope', 400, true],
    [new AccessDeniedError(), 'access_denied', 403, true],
    [new ServerError(), 'server_error', 500, true],
    [new TemporarilyUnavailableError(), 'temporarily_unavailable', 503, true],
    [new InvalidRequestUriError(), 'invalid_request_uri', 400, false],
    [new InvalidRequestObjectError(), 'invalid_request_object', 400, true],
    [new InvalidDpopProofError(), 'invalid_dpop_proof', 400, false],
    [new UseDpopNonceError('n-1'), 'use_dpop_nonce', 400, false],
    [new InvalidTokenError(), 'invalid_token', 401, false],
    [new InsufficientScopeError(), 'insufficient_scope', 403, false],
    [new UnsupportedTokenTypeError(), 'unsupported_token_type', 400, false],
    [new InvalidAuthorizationDetailsError(), 'invalid_authorization_details', 400, true],
    [new InvalidGrantIdError(), 'invalid_grant_id', 400, true],
    [new GrantNotFoundError(), 'invalid_grant_id', 404, false],
  ])('%p has code %s, status %i, allowRedirect %p', (error, code, status, allowRedirect) => {
    expect(error).toBeInstanceOf(OAuthError);
    expect(isOAuthError(error)).toBe(true);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
    expect(error.allowRedirect).toBe(allowRedirect);
    expect(error.toProtocolProblem().body['error']).toBe(code);
  });

  it('renders RFC 6749 §5.2 JSON for the platform exception filter', () => {
    const problem = new InvalidGrantError('code already used').toProtocolProblem();
    expect(problem).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'code already used' },
      headers: {},
    });
  });

  it('is structurally what the platform filter renders (toProtocolProblem(context))', () => {
    const renders: { toProtocolProblem(c: typeof context): { status: number } } = new InvalidClientError();
    expect(renders.toProtocolProblem(context).status).toBe(401);
  });

  it('[RESP-2] an error about the client or redirect URI can be narrowed to never redirect', () => {
    const error = new InvalidRequestError('redirect_uri does not match', { redirectable: false });
    expect(error.allowRedirect).toBe(false);
    expect(() => error.toRedirectParameters()).toThrow(TypeError);
  });

  it('[RESP-2] redirectable cannot widen a class that must not redirect', () => {
    expect(new InvalidClientError(undefined, { redirectable: true }).allowRedirect).toBe(false);
    expect(new InvalidRequestUriError('expired', { redirectable: true }).allowRedirect).toBe(false);
  });

  it('gives redirect parameters for a redirectable error', () => {
    expect(new AccessDeniedError('The PSU denied').toRedirectParameters()).toEqual({
      error: 'access_denied',
      error_description: 'The PSU denied',
    });
  });

  it('keeps error_description within the RFC 6749 character set (no header or JSON injection)', () => {
    const error = new InvalidTokenError('bad "token"\r\nSet-Cookie: x=1\\ é', { challenge });
    expect(error.description).toBe("bad 'token'  Set-Cookie: x=1/  ");
    const header = error.toProtocolProblem().headers?.['www-authenticate'] ?? '';
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(
      `DPoP error="invalid_token", error_description="bad 'token'  Set-Cookie: x=1/  ", algs="PS256 ES256 EdDSA"`,
    );
  });

  it('[DPOP-1] invalid_dpop_proof at a resource server is 401 with a DPoP challenge', () => {
    const problem = new InvalidDpopProofError('ath mismatch', { challenge }).toProtocolProblem();
    expect(problem.status).toBe(401);
    expect(problem.headers).toEqual({
      'www-authenticate':
        'DPoP error="invalid_dpop_proof", error_description="ath mismatch", algs="PS256 ES256 EdDSA"',
    });
  });

  it('[DPOP-2] use_dpop_nonce carries a DPoP-Nonce header, 400 at the token endpoint', () => {
    const problem = new UseDpopNonceError('eyJ7S_zG.nonce').toProtocolProblem();
    expect(problem.status).toBe(400);
    expect(problem.body['error']).toBe('use_dpop_nonce');
    expect(problem.headers).toEqual({ 'dpop-nonce': 'eyJ7S_zG.nonce' });
  });

  it('[DPOP-2] use_dpop_nonce at a resource server is 401 with challenge and nonce', () => {
    const problem = new UseDpopNonceError('n-2', undefined, { challenge }).toProtocolProblem();
    expect(problem.status).toBe(401);
    expect(problem.headers?.['dpop-nonce']).toBe('n-2');
    expect(problem.headers?.['www-authenticate']).toMatch(/^DPoP error="use_dpop_nonce", /);
    expect(problem.headers?.['www-authenticate']).toMatch(/algs="PS256 ES256 EdDSA"$/);
  });

  it('[SC-1] never offers the Bearer scheme', () => {
    const problem = new InvalidTokenError('expired', { challenge }).toProtocolProblem();
    expect(problem.headers?.['www-authenticate']).not.toMatch(/Bearer/i);
  });

  it('a request without credentials gets a challenge without an error code (RFC 6750 §3.1)', () => {
    const problem = new InvalidTokenError('An access token is required', {
      challenge: { ...challenge, omitError: true },
    }).toProtocolProblem();
    expect(problem.headers?.['www-authenticate']).toBe('DPoP algs="PS256 ES256 EdDSA"');
  });

  it('insufficient_scope names the scope needed', () => {
    const problem = new InsufficientScopeError('payments scope required', {
      challenge: { ...challenge, scope: 'payments' },
    }).toProtocolProblem();
    expect(problem.status).toBe(403);
    expect(problem.headers?.['www-authenticate']).toBe(
      'DPoP error="insufficient_scope", error_description="payments scope required", scope="payments", algs="PS256 ES256 EdDSA"',
    );
  });

  it('keeps its cause for logs but never in the body', () => {
    const cause = new Error('db down at 10.0.0.1');
    const error = new TemporarilyUnavailableError('Try again', { cause });
    expect(error.cause).toBe(cause);
    expect(JSON.stringify(error.toProtocolProblem())).not.toContain('10.0.0.1');
  });
});
