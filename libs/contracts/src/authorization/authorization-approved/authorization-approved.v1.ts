// The PSU approved a TPP's pushed authorization request. `consent` turns the consents AUTH,
// `grants` creates, updates or replaces the grant, `token` learns the grant exists.
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { defineEvent } from '../../envelope/event-catalogue';
import { IsDetailList, IsIdentifier, IsIdentifierList, IsScopeList, IsTimestamp } from '../../shared/fields';

export const GRANT_MANAGEMENT_ACTIONS = ['create', 'update', 'replace'] as const;

export class AuthorizationApprovedV1 {
  @IsIdentifier() clientId!: string;
  @IsIdentifier() subject!: string;
  @IsIdentifier() grantId!: string;
  @IsIn(GRANT_MANAGEMENT_ACTIONS) grantManagementAction!: (typeof GRANT_MANAGEMENT_ACTIONS)[number];
  @IsScopeList() scopes!: string[];
  @IsDetailList() authorizationDetails!: object[];
  /** Every consent this approval authorises, those it creates (below) included. */
  @IsIdentifierList() consentIds!: string[];
  @IsIdentifierList() accountIds!: string[];
  @IsOptional() @IsString() @Length(1, 200) acr?: string;
  @IsTimestamp() authTime!: string;
  /** Added later (optional, so v1 stays compatible): the authorization stream this approval ends. */
  @IsOptional() @IsIdentifier() authorizationId?: string;
  /**
   * Added later (optional): the payment consents this approval creates from RAR-first
   * payment_initiation details (no consent registered first). Each such detail in
   * `authorizationDetails` names its id as `consent_id`. Events from before name none; their ids
   * were derived as rar-<grantId>-<index>, which a grant update could repeat.
   */
  @IsOptional() @IsIdentifierList() createdConsentIds?: string[];
}

export const AuthorizationApproved = defineEvent({
  type: 'AuthorizationApproved',
  schemaVersion: 1,
  context: 'authorization',
  schema: AuthorizationApprovedV1,
  description: 'The PSU approved an authorization request',
});
