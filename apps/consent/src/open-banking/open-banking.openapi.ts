// What /docs/consent says about the Open Banking endpoints: the headers every call takes, the token
// each needs, and the Open Banking error body. One class decorator per controller, one method
// decorator per handler, so the controllers stay thin.
import { applyDecorators } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiOpenBankingErrors } from '@grantline/platform';

/** The Open Banking API family a controller belongs to, and what every call to it carries. */
export function OpenBankingApiDocs(
  tag: 'account access consents' | 'accounts' | 'domestic payment consents' | 'domestic payments',
) {
  return applyDecorators(
    ApiTags(tag),
    ApiSecurity('DPoP'),
    ApiHeader({
      name: 'x-fapi-interaction-id',
      required: false,
      description: 'A UUID correlating the call; echoed, or generated when absent',
    }),
    ApiOpenBankingErrors({
      400: 'The request is malformed or breaks a rule (Errors[].Path names the field)',
      401: 'No valid sender-constrained access token (WWW-Authenticate says why)',
      403: 'The token lacks the scope or the consent does not allow it',
      404: "No such resource for this client (other clients' resources are never visible, CON-6)",
      429: 'Rate limit reached',
    }),
  );
}

/** A POST that creates a resource: idempotency key (CON-4) and, where the profile asks, a detached JWS (CON-5). */
export function CreateDocs(summary: string, description: string) {
  return applyDecorators(
    ApiOperation({ summary, description }),
    ApiHeader({
      name: 'x-idempotency-key',
      required: true,
      description:
        'Up to 40 characters; a repeat within 24 h with the same body returns the original resource, with another body is refused',
    }),
    ApiHeader({
      name: 'x-jws-signature',
      required: false,
      description:
        "Detached JWS (PS256) over the body, signed with the client's registered key; required by the uk-ob and strict profiles for payments",
    }),
    ApiResponse({ status: 201, description: 'Created: { Data, Links, Meta } as in UK Open Banking v4' }),
  );
}

export function ReadDocs(summary: string, parameter?: { name: string; description: string }) {
  return applyDecorators(
    ApiOperation({ summary }),
    ...(parameter ? [ApiParam({ name: parameter.name, description: parameter.description })] : []),
    ApiResponse({ status: 200, description: '{ Data, Links, Meta } as in UK Open Banking v4' }),
  );
}
