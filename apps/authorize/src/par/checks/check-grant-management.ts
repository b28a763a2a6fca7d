// GM-1 (FAPI Grant Management §4): grant_management_action create | update (merge accepted as an
// alias) | replace. update and replace need a grant_id that exists, belongs to this client and is
// not revoked; create must not name one. Unknown actions are invalid_request.
import { InvalidGrantIdError, InvalidRequestError } from '@grantline/oauth';
import { type GrantManagementAction, type ParContext, clientOf } from '../par-context';

export const SUPPORTED_GRANT_MANAGEMENT_ACTIONS = ['create', 'update', 'merge', 'replace'] as const;
const GRANT_ID = /^[A-Za-z0-9][A-Za-z0-9._:~-]{0,199}$/;

export async function checkGrantManagement(context: ParContext): Promise<void> {
  const action = context.parameters['grant_management_action'];
  const grantId = context.parameters['grant_id'];
  if (action === undefined && grantId === undefined) return;
  if (action !== undefined && !(SUPPORTED_GRANT_MANAGEMENT_ACTIONS as readonly unknown[]).includes(action)) {
    throw new InvalidRequestError('grant_management_action must be create, update or replace (GM-1)');
  }
  const normalised: GrantManagementAction =
    action === 'merge' ? 'update' : ((action ?? 'update') as GrantManagementAction);
  if (normalised === 'create') {
    if (grantId !== undefined) throw new InvalidRequestError('grant_id must not be sent with create (GM-1)');
    context.grantManagementAction = 'create';
    return;
  }
  if (action === undefined)
    throw new InvalidRequestError('grant_id needs grant_management_action update or replace');
  if (grantId === undefined)
    throw new InvalidRequestError(`grant_management_action ${String(action)} needs a grant_id`);
  if (typeof grantId !== 'string' || !GRANT_ID.test(grantId))
    throw new InvalidGrantIdError('grant_id is malformed');
  const grant = await context.deps.grants.find(grantId);
  // A grant the PSU asked to withdraw (self-service page) is as good as revoked for the TPP.
  if (
    !grant ||
    grant.clientId !== clientOf(context).clientId ||
    grant.status !== 'active' ||
    grant.revocationRequestedAt
  ) {
    throw new InvalidGrantIdError("grant_id is unknown, revoked or not this client's (GM-1)");
  }
  context.grantManagementAction = normalised;
  context.grantId = grantId;
}
