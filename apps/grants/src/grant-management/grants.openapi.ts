// What /docs/grants says about the Grant Management API: the answers and the OAuth errors, kept
// beside the controller and applied as one decorator each, so the handlers stay thin.
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiOAuthErrors } from '@grantline/platform';

const PROTECTED = [
  ApiTags('grants'),
  ApiHeader({
    name: 'DPoP',
    required: false,
    description:
      'A DPoP proof (RFC 9449) for this method and URL, with Authorization: DPoP <token>; or a certificate-bound token over mutual TLS (RFC 8705). Bearer tokens are refused (GM-3).',
  }),
];

export function QueryGrantDocs() {
  return applyDecorators(
    ...PROTECTED,
    ApiOperation({
      summary: 'Query a grant (FAPI Grant Management): its scopes, claims and authorization_details',
      description: 'Needs a client_credentials or authorization-code token with grant_management_query.',
    }),
    ApiOkResponse({
      description: 'The grant (Cache-Control: no-store)',
      schema: {
        type: 'object',
        properties: {
          scopes: {
            type: 'array',
            items: { type: 'object', properties: { scope: { type: 'string' } }, required: ['scope'] },
          },
          claims: { type: 'array', items: { type: 'string' } },
          authorization_details: { type: 'array', items: { type: 'object' } },
        },
      },
    }),
    ApiOAuthErrors({
      401: 'invalid_token: no, an invalid, a revoked or a not sender-constrained token',
      403: 'insufficient_scope: the token lacks grant_management_query',
      404: "invalid_grant_id: unknown, revoked, or another client's grant",
    }),
  );
}

export function RevokeGrantDocs() {
  return applyDecorators(
    ...PROTECTED,
    ApiOperation({
      summary: 'Revoke a grant: its refresh and access tokens stop working everywhere',
      description: 'Needs a token with grant_management_revoke. A second DELETE answers 404.',
    }),
    ApiNoContentResponse({ description: 'Revoked' }),
    ApiOAuthErrors({
      401: 'invalid_token: no, an invalid, a revoked or a not sender-constrained token',
      403: 'insufficient_scope: the token lacks grant_management_revoke',
      404: "invalid_grant_id: unknown, already revoked, or another client's grant",
    }),
  );
}
