// A grant (FAPI Grant Management) as a pure decider, one stream per grant: created, updated
// (merged) or replaced by the PSU's approvals, narrowed when one of its consents is revoked, and
// revoked by the TPP (DELETE), the PSU (self-service) or the system (its last consent revoked).
// Every content event carries the whole content after the change. Commands the grant may not act
// on are refused (GrantRefused): a reaction logs and drops them, the API answers 404.
import type {
  AuthorizationApprovedV1,
  GrantContent,
  GrantCreatedV1,
  GrantReplacedV1,
  GrantRevokedV1,
  GrantUpdatedV1,
} from '@grantline/contracts';
import type { Decider } from '@grantline/event-store';
import { contentOfApproval, mergedContent, withoutConsent } from './grant-content';

export class GrantRefused extends Error {
  override readonly name = 'GrantRefused';
}

export type GrantEvent =
  | { type: 'GrantCreated'; data: GrantCreatedV1 }
  | { type: 'GrantUpdated'; data: GrantUpdatedV1 }
  | { type: 'GrantReplaced'; data: GrantReplacedV1 }
  | { type: 'GrantRevoked'; data: GrantRevokedV1 };

export type Revoker = GrantRevokedV1['revokedBy'];

export interface Grant {
  content: GrantContent;
  status: 'active' | 'revoked';
  revokedBy?: Revoker;
}

export type GrantState = Grant | undefined;

export type GrantCommand =
  | { kind: 'approve'; approval: AuthorizationApprovedV1 }
  /** `subject` when the PSU revokes: the grant must be theirs. */
  | { kind: 'revoke'; clientId: string; subject?: string; revokedBy: Revoker; reason: string }
  | { kind: 'remove-consent'; consentId: string };

function activeOf(state: GrantState, clientId: string, subject?: string): Grant {
  if (!state) throw new GrantRefused('the grant is unknown');
  if (state.content.clientId !== clientId) throw new GrantRefused("the grant is another client's");
  if (subject !== undefined && state.content.subject !== subject) {
    throw new GrantRefused("the grant is another PSU's");
  }
  if (state.status === 'revoked') throw new GrantRefused('the grant is revoked');
  return state;
}

function decideApproval(approval: AuthorizationApprovedV1, state: GrantState): GrantEvent[] {
  const approved = contentOfApproval(approval);
  if (approval.grantManagementAction === 'create') {
    if (state) throw new GrantRefused('a grant with this id already exists');
    return [{ type: 'GrantCreated', data: approved }];
  }
  // GM-1: only the client's and PSU's own active grant is updated or replaced.
  const grant = activeOf(state, approval.clientId, approval.subject);
  if (approval.grantManagementAction === 'replace') return [{ type: 'GrantReplaced', data: approved }];
  return [{ type: 'GrantUpdated', data: mergedContent(grant.content, approved) }];
}

function decideConsentRemoval(consentId: string, state: GrantState): GrantEvent[] {
  if (!state || state.status === 'revoked' || !state.content.consentIds.includes(consentId)) return [];
  const remaining = withoutConsent(state.content, consentId);
  if (remaining.consentIds.length === 0) {
    const { grantId, clientId, consentIds } = state.content;
    const reason = `its only consent ${consentId} was revoked`.slice(0, 200);
    return [{ type: 'GrantRevoked', data: { grantId, clientId, revokedBy: 'system', reason, consentIds } }];
  }
  return [{ type: 'GrantUpdated', data: remaining }];
}

export const grantDecider: Decider<GrantState, GrantCommand, GrantEvent> = {
  initialState: () => undefined,

  evolve(state, event) {
    switch (event.type) {
      case 'GrantCreated':
      case 'GrantUpdated':
      case 'GrantReplaced':
        return { content: event.data, status: 'active' };
      case 'GrantRevoked':
        return state && { ...state, status: 'revoked', revokedBy: event.data.revokedBy };
    }
  },

  decide(command, state) {
    switch (command.kind) {
      case 'approve':
        return decideApproval(command.approval, state);
      case 'revoke': {
        // Revoking twice changes nothing (a second DELETE, a redelivered PSU revocation).
        if (state?.status === 'revoked' && state.content.clientId === command.clientId) return [];
        const { grantId, clientId, consentIds } = activeOf(state, command.clientId, command.subject).content;
        const reason = command.reason.slice(0, 200);
        const revokedBy = command.revokedBy;
        return [{ type: 'GrantRevoked', data: { grantId, clientId, revokedBy, reason, consentIds } }];
      }
      case 'remove-consent':
        return decideConsentRemoval(command.consentId, state);
    }
  },
};
