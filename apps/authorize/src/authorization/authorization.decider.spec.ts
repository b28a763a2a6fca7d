import { given, type NewEvent } from '@grantline/event-store';
import { AuthorizationStateError, authorizationDecider } from './authorization.decider';

const pushed: NewEvent = { type: 'ParRequestPushed', data: {} };
const started: NewEvent = { type: 'AuthorizationStarted', data: {} };
const signedIn: NewEvent = { type: 'PsuAuthenticated', data: { subject: 's-1' } };
const approved: NewEvent = { type: 'AuthorizationApproved', data: {} };

describe('authorization decider', () => {
  it('starts a pushed request once; a reload before completion adds nothing (PAR-4)', () => {
    expect(given(authorizationDecider, [pushed]).when({ kind: 'start', data: { a: 1 } })).toEqual([
      { type: 'AuthorizationStarted', data: { a: 1 } },
    ]);
    expect(given(authorizationDecider, [pushed, started]).when({ kind: 'start', data: {} })).toEqual([]);
  });

  it('[PAR-4] refuses to start a completed authorization again', () => {
    expect(() =>
      given(authorizationDecider, [pushed, started, signedIn, approved]).when({ kind: 'start', data: {} }),
    ).toThrow(AuthorizationStateError);
  });

  it('approves only after the PSU signed in, with the code issued in the same decision', () => {
    expect(() =>
      given(authorizationDecider, [pushed, started]).when({ kind: 'approve', approval: {}, code: {} }),
    ).toThrow(AuthorizationStateError);
    expect(
      given(authorizationDecider, [pushed, started, signedIn])
        .when({ kind: 'approve', approval: { x: 1 }, code: { y: 2 } })
        .map((event) => event.type),
    ).toEqual(['AuthorizationApproved', 'CodeIssued']);
  });

  it('never approves twice (a replayed approve POST issues no second code)', () => {
    expect(() =>
      given(authorizationDecider, [pushed, started, signedIn, approved]).when({
        kind: 'approve',
        approval: {},
        code: {},
      }),
    ).toThrow(AuthorizationStateError);
  });

  it('denies an open authorization, never a completed one', () => {
    expect(given(authorizationDecider, [pushed, started]).when({ kind: 'deny', data: {} })[0].type).toBe(
      'AuthorizationDenied',
    );
    expect(() =>
      given(authorizationDecider, [pushed, started, signedIn, approved]).when({ kind: 'deny', data: {} }),
    ).toThrow(AuthorizationStateError);
  });
});
