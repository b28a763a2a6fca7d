// A TPP's registration, in RFC 7591 names (CLI-5). The class gives each field its type for
// class-validator; the protocol rules that relate fields to each other live in validate-client.ts.
import {
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
} from 'class-validator';
import { SIGNING_ALGORITHMS, type SigningAlgorithm } from '../profiles/signing-algorithms';
import type { ClientAuthMethod } from './client-auth-methods';

/** Open Banking roles: account information (AISP) and payment initiation (PISP). */
export const TPP_ROLES = ['AISP', 'PISP'] as const;
export type TppRole = (typeof TPP_ROLES)[number];

export const GRANT_TYPES = ['authorization_code', 'refresh_token', 'client_credentials'] as const;
export type GrantType = (typeof GRANT_TYPES)[number];

/** A JWK Set as registered; each key is checked to be public in validate-client.ts. */
export interface RegisteredJwks {
  readonly keys: readonly Readonly<Record<string, unknown>>[];
}

/** Validated client metadata. */
export interface ClientMetadata {
  readonly client_id: string;
  readonly client_name?: string;
  readonly org_name?: string;
  readonly redirect_uris: readonly string[];
  readonly token_endpoint_auth_method: ClientAuthMethod;
  readonly token_endpoint_auth_signing_alg?: SigningAlgorithm;
  readonly jwks?: RegisteredJwks;
  readonly jwks_uri?: string;
  readonly tls_client_auth_subject_dn?: string;
  readonly tls_client_auth_san_dns?: string;
  readonly tls_client_auth_san_uri?: string;
  readonly tls_client_auth_san_ip?: string;
  readonly tls_client_auth_san_email?: string;
  readonly dpop_bound_access_tokens?: boolean;
  /** RFC 8705 §3.4: the client asks for certificate-bound access tokens. */
  readonly tls_client_certificate_bound_access_tokens?: boolean;
  readonly authorization_signed_response_alg?: SigningAlgorithm;
  readonly id_token_signed_response_alg?: SigningAlgorithm;
  readonly request_object_signing_alg?: SigningAlgorithm;
  readonly grant_types?: readonly GrantType[];
  readonly response_types?: readonly 'code'[];
  readonly scope?: string;
  readonly roles: readonly TppRole[];
  readonly logo_uri?: string;
  readonly client_uri?: string;
  readonly policy_uri?: string;
  readonly tos_uri?: string;
  readonly contacts?: readonly string[];
  readonly software_id?: string;
  readonly software_version?: string;
}

const algorithms = SIGNING_ALGORITHMS.join(', ');
const text = (property: string) => ({ message: `${property} must be a string` });
const alg = (property: string) => ({
  message: `${property} must be one of ${algorithms}`,
});

/** Only for class-validator; read ClientMetadata everywhere else. */
export class ClientMetadataDocument {
  @IsString(text('client_id'))
  @Matches(/^[\x21-\x7e]{1,255}$/, { message: 'client_id must be 1–255 printable ASCII characters' })
  client_id!: string;

  @IsOptional()
  @IsString(text('client_name'))
  @Length(1, 200, { message: 'client_name must be 1–200 characters' })
  client_name?: string;

  @IsOptional()
  @IsString(text('org_name'))
  @Length(1, 200, { message: 'org_name must be 1–200 characters' })
  org_name?: string;

  @IsArray({ message: 'redirect_uris must be an array of URLs' })
  @ArrayNotEmpty({ message: 'redirect_uris must list at least one URL' })
  @IsString({ each: true, message: 'redirect_uris must be an array of URLs' })
  redirect_uris!: string[];

  // Checked by hand so the message can say why client_secret_* and none are refused (CLI-1).
  @IsString(text('token_endpoint_auth_method'))
  token_endpoint_auth_method!: string;

  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS, alg('token_endpoint_auth_signing_alg'))
  token_endpoint_auth_signing_alg?: string;

  @IsOptional()
  @IsObject({ message: 'jwks must be a JWK Set object ({"keys": [...]})' })
  jwks?: Record<string, unknown>;

  @IsOptional()
  @IsString(text('jwks_uri'))
  jwks_uri?: string;

  @IsOptional()
  @IsString(text('tls_client_auth_subject_dn'))
  tls_client_auth_subject_dn?: string;

  @IsOptional()
  @IsString(text('tls_client_auth_san_dns'))
  tls_client_auth_san_dns?: string;

  @IsOptional()
  @IsString(text('tls_client_auth_san_uri'))
  tls_client_auth_san_uri?: string;

  @IsOptional()
  @IsString(text('tls_client_auth_san_ip'))
  tls_client_auth_san_ip?: string;

  @IsOptional()
  @IsString(text('tls_client_auth_san_email'))
  tls_client_auth_san_email?: string;

  @IsOptional()
  @IsBoolean({ message: 'dpop_bound_access_tokens must be true or false' })
  dpop_bound_access_tokens?: boolean;

  @IsOptional()
  @IsBoolean({ message: 'tls_client_certificate_bound_access_tokens must be true or false' })
  tls_client_certificate_bound_access_tokens?: boolean;

  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS, alg('authorization_signed_response_alg'))
  authorization_signed_response_alg?: string;

  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS, alg('id_token_signed_response_alg'))
  id_token_signed_response_alg?: string;

  @IsOptional()
  @IsIn(SIGNING_ALGORITHMS, alg('request_object_signing_alg'))
  request_object_signing_alg?: string;

  @IsOptional()
  @IsArray({ message: `grant_types must be an array of ${GRANT_TYPES.join(', ')}` })
  @IsIn(GRANT_TYPES, { each: true, message: `grant_types may only contain ${GRANT_TYPES.join(', ')}` })
  grant_types?: string[];

  // FLOW-1: the code flow only; implicit and hybrid response types are refused at registration.
  @IsOptional()
  @IsArray({ message: 'response_types must be ["code"]' })
  @IsIn(['code'], { each: true, message: 'response_types may only contain "code"' })
  response_types?: string[];

  // RFC 6749 §3.3 scope-token characters, space-separated.
  @IsOptional()
  @IsString(text('scope'))
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, {
    message: 'scope must be space-separated RFC 6749 scope tokens',
  })
  scope?: string;

  @IsArray({ message: `roles must be an array of ${TPP_ROLES.join(', ')}` })
  @ArrayNotEmpty({ message: `roles must list at least one of ${TPP_ROLES.join(', ')}` })
  @IsIn(TPP_ROLES, { each: true, message: `roles may only contain ${TPP_ROLES.join(', ')}` })
  roles!: string[];

  @IsOptional()
  @IsString(text('logo_uri'))
  logo_uri?: string;

  @IsOptional()
  @IsString(text('client_uri'))
  client_uri?: string;

  @IsOptional()
  @IsString(text('policy_uri'))
  policy_uri?: string;

  @IsOptional()
  @IsString(text('tos_uri'))
  tos_uri?: string;

  @IsOptional()
  @IsArray({ message: 'contacts must be an array of strings' })
  @IsString({ each: true, message: 'contacts must be an array of strings' })
  contacts?: string[];

  @IsOptional()
  @IsString(text('software_id'))
  software_id?: string;

  @IsOptional()
  @IsString(text('software_version'))
  software_version?: string;
}
