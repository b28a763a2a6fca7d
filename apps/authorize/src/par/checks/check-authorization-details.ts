// RAR-1, RAR-2: authorization_details are parsed per type; an unknown type or a malformed detail is
// `invalid_authorization_details`. A client may only ask for the types its roles allow (AISP →
// account_access, PISP → payment_initiation).
import { InvalidAuthorizationDetailsError, InvalidRequestError } from '@grantline/oauth';
import { parseAuthorizationDetails } from '../authorization-details';
import { type ParContext, clientOf } from '../par-context';

const ROLE_FOR_TYPE = { account_access: 'AISP', payment_initiation: 'PISP' } as const;

export function checkAuthorizationDetails(context: ParContext): void {
  const raw = context.parameters['authorization_details'];
  if (raw === undefined) {
    if (context.scopes.length === 0)
      throw new InvalidRequestError('scope or authorization_details is required');
    context.authorizationDetails = [];
    return;
  }
  const details = parseAuthorizationDetails(raw);
  const roles = clientOf(context).metadata.roles;
  for (const detail of details) {
    if (!roles.includes(ROLE_FOR_TYPE[detail.type])) {
      throw new InvalidAuthorizationDetailsError(
        `this client is not registered as ${ROLE_FOR_TYPE[detail.type]} for ${detail.type}`,
      );
    }
  }
  context.authorizationDetails = details;
  context.consentIds = details.flatMap((detail) =>
    detail.consent_id === undefined ? [] : [detail.consent_id],
  );
}
