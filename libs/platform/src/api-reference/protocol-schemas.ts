// OpenAPI pieces every service's reference shares: the two error formats (OAuth JSON, Open Banking
// error body), form-encoded bodies, and the client-authentication fields of the OAuth endpoints.
import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

export const FORM_ENCODED = 'application/x-www-form-urlencoded';

export const OAUTH_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'RFC 6749 §5.2 error',
  required: ['error'],
  properties: {
    error: { type: 'string', example: 'invalid_request', description: 'The error code' },
    error_description: { type: 'string', description: 'What was wrong, for the developer' },
  },
};

export const OPEN_BANKING_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  description: 'Open Banking error body',
  required: ['Code', 'Message', 'Errors'],
  properties: {
    Code: { type: 'string', example: '400' },
    Id: { type: 'string', description: 'The x-fapi-interaction-id of the request' },
    Message: { type: 'string' },
    Errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['ErrorCode', 'Message'],
        properties: {
          ErrorCode: { type: 'string', example: 'UK.OBIE.Field.Invalid' },
          Message: { type: 'string' },
          Path: { type: 'string', example: 'Data.Initiation.InstructedAmount.Amount' },
        },
      },
    },
  },
};

/** How a confidential client authenticates at PAR, /token, /introspect and /revoke (CLI-1..3). */
export const CLIENT_AUTHENTICATION_FIELDS: Record<string, SchemaObject> = {
  client_id: { type: 'string', description: 'The client; must match the assertion or certificate' },
  client_assertion_type: {
    type: 'string',
    enum: ['urn:ietf:params:oauth:client-assertion-type:jwt-bearer'],
    description: 'private_key_jwt (RFC 7523); leave out for mutual-TLS client authentication',
  },
  client_assertion: {
    type: 'string',
    description:
      "A JWT signed with the client's registered key (PS256, ES256 or EdDSA): iss = sub = client_id, aud = the issuer, exp, jti (single use)",
  },
};

/** A form-encoded request body with these fields. */
export function ApiFormBody(
  description: string,
  properties: Record<string, SchemaObject>,
  required: string[] = [],
) {
  return applyDecorators(
    ApiConsumes(FORM_ENCODED),
    ApiBody({ description, schema: { type: 'object', properties, required } }),
  );
}

/** The OAuth error answers an endpoint gives, by status. */
export function ApiOAuthErrors(statuses: Record<number, string>) {
  return applyDecorators(
    ...Object.entries(statuses).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, schema: OAUTH_ERROR_SCHEMA }),
    ),
  );
}

/** The Open Banking error answers an endpoint gives, by status. */
export function ApiOpenBankingErrors(statuses: Record<number, string>) {
  return applyDecorators(
    ...Object.entries(statuses).map(([status, description]) =>
      ApiResponse({ status: Number(status), description, schema: OPEN_BANKING_ERROR_SCHEMA }),
    ),
  );
}
