// The body of GET /grants/{grant_id} (FAPI Grant Management §6.4): `scopes` as a list of objects
// whose `scope` is space-separated, `claims`, `authorization_details`. One scope object: the
// authorization requests carry no `resource` parameter (RFC 8707), so there is no scope/resource
// relationship a second object would have to keep apart.
import type { GrantContent } from '@grantline/contracts';

export interface GrantQueryResponse {
  scopes: Array<{ scope: string; resource?: string[] }>;
  claims: string[];
  authorization_details: object[];
}

export function grantQueryResponse(content: GrantContent): GrantQueryResponse {
  return {
    scopes: content.scopes.length > 0 ? [{ scope: content.scopes.join(' ') }] : [],
    claims: content.claims,
    authorization_details: content.authorizationDetails,
  };
}
