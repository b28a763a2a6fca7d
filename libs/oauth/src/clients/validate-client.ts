// The registration rules that make a client safe to serve: confidential clients only (CLI-1),
// exact https redirect URIs without fragments (PAR-6), public keys only, one key source for
// key-based authentication, and nothing the active profile forbids (CLI-4, ALG-1).
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { InvalidClientMetadataError, InvalidRedirectUriError } from '../errors/registration.errors';
import type { SigningAlgorithm } from '../profiles/signing-algorithms';
import { CLIENT_AUTH_METHODS, isClientAuthMethod, type ClientAuthMethod } from './client-auth-methods';
import { ClientMetadataDocument, type ClientMetadata } from './client-metadata';
import { checkRegisteredJwks } from './registered-jwks';
import { urlProblem } from './url-rules';

export interface ClientValidationOptions {
  /** Development only: allow http://127.0.0.1, http://[::1] and http://localhost redirect URIs. */
  readonly allowLoopbackHttp?: boolean;
  /** The active profile's methods; a client using another one is refused (CLI-4). */
  readonly clientAuthMethods?: readonly ClientAuthMethod[];
  /** The active profile's algorithms; a client asking for another one is refused (ALG-1). */
  readonly signingAlgorithms?: readonly SigningAlgorithm[];
}

const TLS_SUBJECT_FIELDS = [
  'tls_client_auth_subject_dn',
  'tls_client_auth_san_dns',
  'tls_client_auth_san_uri',
  'tls_client_auth_san_ip',
  'tls_client_auth_san_email',
] as const;

const ALGORITHM_FIELDS = [
  'token_endpoint_auth_signing_alg',
  'authorization_signed_response_alg',
  'id_token_signed_response_alg',
  'request_object_signing_alg',
] as const;

const URL_FIELDS = ['logo_uri', 'client_uri', 'policy_uri', 'tos_uri'] as const;

const TYPE_RULES = ['isString', 'isArray', 'isObject', 'isBoolean'];

function firstProblem(errors: readonly ValidationError[]): InvalidClientMetadataError | undefined {
  const [error] = errors;
  if (!error) return undefined;
  const constraints = error.constraints ?? {};
  if (constraints['whitelistValidation']) {
    return new InvalidClientMetadataError(error.property, `unknown field "${error.property}"`);
  }
  // A wrong type explains more than the format rule the wrong type also breaks.
  const typeRule = TYPE_RULES.find((rule) => constraints[rule] !== undefined);
  const message =
    constraints[typeRule ?? ''] ?? Object.values(constraints)[0] ?? `${error.property} is invalid`;
  return new InvalidClientMetadataError(error.property, message);
}

function checkAuthMethod(method: string, options: ClientValidationOptions): ClientAuthMethod {
  const field = 'token_endpoint_auth_method';
  if (!isClientAuthMethod(method)) {
    const why =
      method === 'none' || method.startsWith('client_secret_')
        ? 'Grantline serves confidential clients that prove possession of a key only (CLI-1)'
        : 'it is not a known method';
    throw new InvalidClientMetadataError(
      field,
      `${field} "${method}" is not allowed: ${why}; use ${CLIENT_AUTH_METHODS.join(', ')}`,
    );
  }
  const allowed = options.clientAuthMethods;
  if (allowed && !allowed.includes(method)) {
    throw new InvalidClientMetadataError(
      field,
      `${field} "${method}" is not allowed by the active security profile (allowed: ${allowed.join(', ')})`,
    );
  }
  return method;
}

function checkKeySources(metadata: ClientMetadataDocument, method: ClientAuthMethod): void {
  if (metadata.jwks !== undefined && metadata.jwks_uri !== undefined) {
    throw new InvalidClientMetadataError('jwks', 'jwks and jwks_uri must not both be present (RFC 7591 §2)');
  }
  // self_signed_tls_client_auth registers its certificate as an x5c key (RFC 8705 §2.2).
  const needsKeys = method === 'private_key_jwt' || method === 'self_signed_tls_client_auth';
  if (needsKeys && metadata.jwks === undefined && metadata.jwks_uri === undefined) {
    throw new InvalidClientMetadataError('jwks', `${method} needs exactly one of jwks or jwks_uri`);
  }
  const subjects = TLS_SUBJECT_FIELDS.filter((field) => metadata[field] !== undefined);
  if (method === 'tls_client_auth' && subjects.length !== 1) {
    throw new InvalidClientMetadataError(
      'tls_client_auth_subject_dn',
      `tls_client_auth needs exactly one of ${TLS_SUBJECT_FIELDS.join(', ')} (RFC 8705 §2.1.2)`,
    );
  }
  if (method !== 'tls_client_auth' && subjects.length > 0) {
    throw new InvalidClientMetadataError(subjects[0], `${subjects[0]} is only used with tls_client_auth`);
  }
}

/**
 * Validates one client's metadata; throws InvalidClientMetadataError (or InvalidRedirectUriError)
 * naming the field.
 */
export function validateClientMetadata(raw: unknown, options: ClientValidationOptions = {}): ClientMetadata {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new InvalidClientMetadataError('', 'a client must be an object of RFC 7591 metadata');
  }
  const hazard = ['__proto__', 'constructor', 'prototype'].find((key) => Object.hasOwn(raw, key));
  if (hazard) throw new InvalidClientMetadataError(hazard, `unknown field "${hazard}"`);
  const document = plainToInstance(ClientMetadataDocument, raw);
  const problem = firstProblem(
    validateSync(document, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true }),
  );
  if (problem) throw problem;

  const method = checkAuthMethod(document.token_endpoint_auth_method, options);
  document.redirect_uris.forEach((uri, index) => {
    const why = urlProblem(uri, options.allowLoopbackHttp === true);
    if (why) throw new InvalidRedirectUriError(`redirect_uris[${index}]`, `redirect_uris[${index}] ${why}`);
  });
  if (new Set(document.redirect_uris).size !== document.redirect_uris.length) {
    throw new InvalidRedirectUriError('redirect_uris', 'redirect_uris lists the same URL twice');
  }
  for (const field of ['jwks_uri', ...URL_FIELDS] as const) {
    const value = document[field];
    const why = value === undefined ? undefined : urlProblem(value, options.allowLoopbackHttp === true);
    if (why) throw new InvalidClientMetadataError(field, `${field} ${why}`);
  }
  checkKeySources(document, method);
  if (document.jwks !== undefined) checkRegisteredJwks(document.jwks);
  const algorithms = options.signingAlgorithms;
  for (const field of ALGORITHM_FIELDS) {
    const value = document[field];
    if (algorithms && value !== undefined && !(algorithms as readonly string[]).includes(value)) {
      throw new InvalidClientMetadataError(
        field,
        `${field} ${value} is not allowed by the active security profile (allowed: ${algorithms.join(', ')})`,
      );
    }
  }
  return deepFreeze({ ...document, token_endpoint_auth_method: method }) as unknown as ClientMetadata;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const member of Object.values(value)) deepFreeze(member);
    Object.freeze(value);
  }
  return value;
}
