// FLOW-2: client_credentials gives TPP-level access only, limited by the client's registered roles:
// AISP → `accounts` (account-access consents), PISP → `payments` (payment consents). No `openid`,
// no customer data; absent scope means every scope the roles allow. Besides, every registered TPP
// may manage its own grants (GM-3): `grant_management_query` and `grant_management_revoke` are
// granted on request (never by default), and the grants service lets them reach only the TPP's own.
import { InvalidScopeError, type TppRole } from '@grantline/oauth';
import { type TokenContext, clientOf, parameter } from '../token-context';

const SCOPE_OF_ROLE: Readonly<Record<TppRole, string>> = { AISP: 'accounts', PISP: 'payments' };
export const GRANT_MANAGEMENT_SCOPES = ['grant_management_query', 'grant_management_revoke'] as const;

export function checkClientCredentialsScope(context: TokenContext): void {
  const ofRoles = clientOf(context).metadata.roles.map((role) => SCOPE_OF_ROLE[role]);
  const allowed = [...ofRoles, ...GRANT_MANAGEMENT_SCOPES];
  const requested = parameter(context, 'scope');
  const scopes = requested === undefined ? ofRoles : requested.split(' ').filter((scope) => scope !== '');
  if (scopes.length === 0) throw new InvalidScopeError('no scope is available to this client');
  const refused = scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) {
    throw new InvalidScopeError(
      `scope not allowed for this client's roles: ${refused.join(' ').slice(0, 100)}`,
    );
  }
  context.scopes = [...new Set(scopes)];
}
