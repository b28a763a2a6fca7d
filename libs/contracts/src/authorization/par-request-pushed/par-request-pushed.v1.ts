// A TPP pushed an authorization request (RFC 9126) and got a request_uri. Credentials never travel:
// the request_uri and the request object appear only as SHA-256 fingerprints. A private_key_jwt
// client's assertion appears as its jti's SHA-256 and expiry: the token service spends the same
// jti from it, so the assertion is single-use across the authorization server (CLI-2).
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsDetailList, IsIdentifier, IsIdentifierList, IsScopeList, IsTimestamp } from '../../shared/fields';
import { GRANT_MANAGEMENT_ACTIONS } from '../authorization-approved/authorization-approved.v1';

export const RESPONSE_MODES = ['query', 'jwt', 'query.jwt'] as const;

export class ParRequestPushedV1 {
  @IsIdentifier() authorizationId!: string;
  @IsIdentifier() clientId!: string;
  @IsString() @Length(1, 2000) redirectUri!: string;
  @IsScopeList() scopes!: string[];
  @IsDetailList() authorizationDetails!: object[];
  @IsIdentifierList() consentIds!: string[];
  @IsOptional() @IsIn(GRANT_MANAGEMENT_ACTIONS) grantManagementAction?: string;
  @IsOptional() @IsIdentifier() grantId?: string;
  @IsIn(RESPONSE_MODES) responseMode!: (typeof RESPONSE_MODES)[number];
  /** RFC 7638 thumbprint of the TPP's DPoP public key: public, not a credential. */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{43}$/) dpopJkt?: string;
  @IsIdentifier() requestUriFingerprint!: string;
  @IsOptional() @IsIdentifier() requestObjectFingerprint?: string;
  @IsTimestamp() expiresAt!: string;
  /** base64url SHA-256 of the client assertion's jti (private_key_jwt only): not a credential. */
  @IsOptional() @Matches(/^[A-Za-z0-9_-]{43}$/) clientAssertionJtiSha256?: string;
  /** The client assertion's exp: until then no endpoint accepts its jti again. */
  @IsOptional() @IsTimestamp() clientAssertionExpiresAt?: string;
}

export const ParRequestPushed = defineEvent({
  type: 'ParRequestPushed',
  schemaVersion: 1,
  context: 'authorization',
  schema: ParRequestPushedV1,
  description: 'A TPP pushed an authorization request',
});
