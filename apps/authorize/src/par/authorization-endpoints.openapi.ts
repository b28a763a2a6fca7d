// What /docs/authorize says about the front channel: PAR's form, /authorize's two parameters,
// discovery and the JWKS. Applied as one decorator per handler so the controllers stay thin.
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiFormBody, ApiOAuthErrors, CLIENT_AUTHENTICATION_FIELDS } from '@grantline/platform';

export function PushedAuthorizationRequestDocs() {
  return applyDecorators(
    ApiTags('authorization'),
    ApiOperation({
      summary: 'Push an authorization request (RFC 9126)',
      description:
        'The only way to start an authorization (PAR-1). Either the parameters below, or a signed request object in `request` (required by the au-cdr, br-of, uk-ob and strict profiles). Repeated parameters and request_uri are refused (PAR-5).',
    }),
    ApiHeader({
      name: 'DPoP',
      required: false,
      description: 'A DPoP proof; with dpop_jkt it must use that key (CODE-3)',
    }),
    ApiFormBody(
      'The authorization request',
      {
        response_type: { type: 'string', enum: ['code'] },
        redirect_uri: {
          type: 'string',
          description: "Exactly one of the client's registered redirect URIs (PAR-6)",
        },
        code_challenge: { type: 'string', description: 'PKCE S256 challenge (PKCE-1)' },
        code_challenge_method: { type: 'string', enum: ['S256'] },
        scope: { type: 'string', description: 'e.g. openid accounts, openid payments' },
        state: { type: 'string' },
        nonce: { type: 'string' },
        dpop_jkt: { type: 'string', description: 'Thumbprint of the DPoP key the code will be bound to' },
        authorization_details: {
          type: 'string',
          description:
            'JSON array (RFC 9396) of type account_access or payment_initiation, naming the consent',
        },
        response_mode: { type: 'string', enum: ['query', 'jwt'], description: 'jwt: a JARM response' },
        grant_management_action: { type: 'string', enum: ['create', 'update', 'merge', 'replace'] },
        grant_id: { type: 'string' },
        request: {
          type: 'string',
          description: 'A signed request object (JAR, RFC 9101) carrying the parameters',
        },
        ...CLIENT_AUTHENTICATION_FIELDS,
      },
      ['client_id'],
    ),
    ApiResponse({
      status: 201,
      description: 'The request_uri to send the browser to /authorize with',
      schema: {
        type: 'object',
        required: ['request_uri', 'expires_in'],
        properties: {
          request_uri: { type: 'string', example: 'urn:ietf:params:oauth:request_uri:…' },
          expires_in: { type: 'integer', description: "Seconds; the profile's PAR lifetime (PAR-3)" },
        },
      },
    }),
    ApiOAuthErrors({
      400: 'invalid_request, invalid_request_object, invalid_scope, invalid_authorization_details, invalid_dpop_proof…',
      401: 'invalid_client',
    }),
  );
}

export function AuthorizationEndpointDocs() {
  return applyDecorators(
    ApiTags('authorization'),
    ApiOperation({
      summary: "Start the PSU's sign-in and consent in the browser",
      description:
        "Send the PSU's browser here with the client_id and the request_uri from PAR. The answer is a redirect to the PSU pages; at the end the browser returns to the redirect URI with code, state and iss (or a JARM response, or error=access_denied). Errors about the client or the request_uri are shown on this server's own page, never redirected (RESP-2).",
    }),
    ApiQuery({ name: 'client_id', required: true, type: String }),
    ApiQuery({ name: 'request_uri', required: true, type: String }),
    ApiResponse({ status: 303, description: 'To the PSU sign-in and consent pages' }),
    ApiResponse({ status: 400, description: 'An HTML error page (never a redirect)' }),
  );
}

export function ServerMetadataDocs(summary: string) {
  return applyDecorators(
    ApiTags('discovery'),
    ApiOperation({ summary }),
    ApiOkResponse({ description: 'The metadata of this authorization server, as configured (META-1)' }),
  );
}

export function JwksDocs() {
  return applyDecorators(
    ApiTags('discovery'),
    ApiOperation({
      summary: 'The public keys that sign tokens and JARM responses (META-2)',
      description:
        'During a key rotation the next key is published before it signs, and the old one stays until what it signed expired.',
    }),
    ApiOkResponse({ description: 'A JWK set (application/jwk-set+json) of public keys only' }),
  );
}
