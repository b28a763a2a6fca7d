// What a grant holds (FAPI Grant Management): the same shape after create, update and replace.
// Each GrantCreated / GrantUpdated / GrantReplaced carries the grant's whole content after the
// change (not a delta), so a projection needs only the latest event of a grant.
import { defineEvent, type EventDefinition } from '../envelope/event-catalogue';
import { IsDetailList, IsIdentifier, IsIdentifierList, IsScopeList } from '../shared/fields';

export class GrantContent {
  @IsIdentifier() grantId!: string;
  @IsIdentifier() clientId!: string;
  @IsIdentifier() subject!: string;
  @IsScopeList() scopes!: string[];
  @IsScopeList() claims!: string[];
  @IsDetailList() authorizationDetails!: object[];
  @IsIdentifierList() consentIds!: string[];
}

export function defineGrantContentEvent<T extends GrantContent>(
  type: string,
  schema: new () => T,
  description: string,
): EventDefinition<T> {
  return defineEvent({ type, schemaVersion: 1, context: 'grant', schema, description });
}
