// What /docs/token says about the three back-channel endpoints: form fields, answers, errors.
// Kept beside the controllers and applied as one decorator each, so the handlers stay thin.
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiFormBody, ApiOAuthErrors, CLIENT_AUTHENTICATION_FIELDS } from '@grantline/platform';

const DPOP_HEADER = ApiHeader({
  name: 'DPoP',
  required: false,
  description:
    'A DPoP proof (RFC 9449) for POST and this URL; the issued tokens are bound to its key. Without it, a client certificate binds them (RFC 8705); with neither the request is refused (SC-1).',
});

export function TokenEndpointDocs() {
  return applyDecorators(
    ApiTags('token'),
    ApiOperation({
      summary: 'Exchange a code, a refresh token or client credentials for a sender-constrained access token',
      description:
        'grant_type=authorization_code needs code, redirect_uri and code_verifier (PKCE S256); refresh_token needs refresh_token (not rotated); client_credentials takes scope (TPP-level resources such as creating consents, and grant_management_*). With DPOP_NONCE_REQUIRED the first answer may be use_dpop_nonce with a DPoP-Nonce header.',
    }),
    DPOP_HEADER,
    ApiFormBody(
      'The token request',
      {
        grant_type: { type: 'string', enum: ['authorization_code', 'refresh_token', 'client_credentials'] },
        code: { type: 'string', description: 'authorization_code: the code from the redirect' },
        redirect_uri: { type: 'string', description: 'authorization_code: the redirect URI of the request' },
        code_verifier: {
          type: 'string',
          description: 'authorization_code: the PKCE verifier (43–128 characters)',
        },
        refresh_token: { type: 'string', description: 'refresh_token: the refresh token' },
        scope: { type: 'string', description: 'client_credentials: space-separated scopes' },
        ...CLIENT_AUTHENTICATION_FIELDS,
      },
      ['grant_type'],
    ),
    ApiOkResponse({
      description: 'Tokens (Cache-Control: no-store)',
      schema: {
        type: 'object',
        required: ['access_token', 'token_type', 'expires_in'],
        properties: {
          access_token: {
            type: 'string',
            description: 'A JWT (RFC 9068, typ at+jwt) bound to the DPoP key or certificate',
          },
          token_type: {
            type: 'string',
            enum: ['DPoP', 'Bearer'],
            description: 'Bearer only for certificate-bound tokens',
          },
          expires_in: { type: 'integer' },
          scope: { type: 'string' },
          refresh_token: {
            type: 'string',
            description: 'Opaque, bound to the client and its key or certificate',
          },
          id_token: { type: 'string', description: 'With the openid scope' },
          grant_id: { type: 'string', description: 'FAPI Grant Management' },
          authorization_details: { type: 'array', items: { type: 'object' } },
        },
      },
    }),
    ApiOAuthErrors({
      400: 'invalid_request, invalid_grant, unsupported_grant_type, invalid_scope, invalid_dpop_proof or use_dpop_nonce',
      401: 'invalid_client: the client did not authenticate',
    }),
  );
}

export function IntrospectionEndpointDocs() {
  return applyDecorators(
    ApiTags('token'),
    ApiOperation({
      summary: 'Token introspection (RFC 7662)',
      description:
        'Reports an access or refresh token as active only to the authenticated client it was issued to (TOK-5).',
    }),
    ApiFormBody(
      'The token to inspect',
      {
        token: { type: 'string' },
        token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] },
        ...CLIENT_AUTHENTICATION_FIELDS,
      },
      ['token'],
    ),
    ApiOkResponse({
      description: "{ active: false } or the token's claims with active: true",
      schema: { type: 'object', required: ['active'], properties: { active: { type: 'boolean' } } },
    }),
    ApiOAuthErrors({ 400: 'invalid_request', 401: 'invalid_client' }),
  );
}

export function RevocationEndpointDocs() {
  return applyDecorators(
    ApiTags('token'),
    ApiOperation({
      summary: 'Token revocation (RFC 7009)',
      description:
        "Revoking a refresh token also revokes its grant's access tokens (TOK-6). An unknown token, or another client's, answers 200 with no effect.",
    }),
    ApiFormBody(
      'The token to revoke',
      {
        token: { type: 'string' },
        token_type_hint: { type: 'string', enum: ['access_token', 'refresh_token'] },
        ...CLIENT_AUTHENTICATION_FIELDS,
      },
      ['token'],
    ),
    ApiOkResponse({ description: 'Revoked, or nothing to revoke' }),
    ApiOAuthErrors({ 400: 'invalid_request', 401: 'invalid_client' }),
  );
}
