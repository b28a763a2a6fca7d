// One authorization request's life, as a pure decider (STYLE.md): pushed → started → PSU signed in →
// approved or denied. The stream refuses what the order forbids (approving twice, approving before
// the PSU signed in), whatever a browser replays.
import type { Decider, NewEvent } from '@grantline/event-store';

export type AuthorizationStatus = 'none' | 'pushed' | 'started' | 'authenticated' | 'approved' | 'denied';

export interface AuthorizationState {
  status: AuthorizationStatus;
  subject?: string;
}

export type AuthorizationCommand =
  | { kind: 'start'; data: object }
  | { kind: 'authenticate'; data: { subject: string; [field: string]: unknown } }
  | { kind: 'fail-authentication'; data: object }
  | { kind: 'approve'; approval: object; code: object }
  | { kind: 'deny'; data: object };

/** The command does not fit the authorization's state: the PSU sees it on our own page (RESP-2). */
export class AuthorizationStateError extends Error {
  constructor(
    readonly status: AuthorizationStatus,
    readonly command: AuthorizationCommand['kind'],
  ) {
    super(`cannot ${command} an authorization that is ${status}`);
    this.name = 'AuthorizationStateError';
  }
}

const OPEN: readonly AuthorizationStatus[] = ['started', 'authenticated'];

export const authorizationDecider: Decider<AuthorizationState, AuthorizationCommand> = {
  initialState: () => ({ status: 'none' }),

  evolve(state, event) {
    switch (event.type) {
      case 'ParRequestPushed':
        return { status: 'pushed' };
      case 'AuthorizationStarted':
        return { ...state, status: state.status === 'pushed' ? 'started' : state.status };
      case 'PsuAuthenticated':
        return { status: 'authenticated', subject: (event.data as { subject: string }).subject };
      case 'AuthorizationApproved':
        return { ...state, status: 'approved' };
      case 'AuthorizationDenied':
        return { ...state, status: 'denied' };
      default:
        return state;
    }
  },

  decide(command, state): NewEvent[] {
    const refuse = (): never => {
      throw new AuthorizationStateError(state.status, command.kind);
    };
    switch (command.kind) {
      case 'start':
        // A reload of /authorize before completion may start again (PAR-4); nothing new happened.
        if (state.status === 'pushed') return [{ type: 'AuthorizationStarted', data: command.data }];
        return OPEN.includes(state.status) ? [] : refuse();
      case 'authenticate':
        return OPEN.includes(state.status) ? [{ type: 'PsuAuthenticated', data: command.data }] : refuse();
      case 'fail-authentication':
        return OPEN.includes(state.status)
          ? [{ type: 'PsuAuthenticationFailed', data: command.data }]
          : refuse();
      case 'approve':
        return state.status === 'authenticated'
          ? [
              { type: 'AuthorizationApproved', data: command.approval },
              { type: 'CodeIssued', data: command.code },
            ]
          : refuse();
      case 'deny':
        return OPEN.includes(state.status) ? [{ type: 'AuthorizationDenied', data: command.data }] : refuse();
    }
  },
};
