import type { AuthorizationApprovedV1, GrantContent } from '@grantline/contracts';
import { given } from '@grantline/event-store';
import { GrantRefused, grantDecider, type GrantEvent } from './grant.decider';

const GRANT = 'gr-1';

function approval(overrides: Partial<AuthorizationApprovedV1> = {}): AuthorizationApprovedV1 {
  return {
    clientId: 'tpp-1',
    subject: 'sub-1',
    grantId: GRANT,
    grantManagementAction: 'create',
    scopes: ['openid', 'accounts'],
    authorizationDetails: [{ type: 'account_access', consent_id: 'aac-1' }],
    consentIds: ['aac-1'],
    accountIds: ['acc-1'],
    authTime: '2026-11-23T10:00:00.000Z',
    ...overrides,
  };
}

const content = (overrides: Partial<GrantContent> = {}): GrantContent => ({
  grantId: GRANT,
  clientId: 'tpp-1',
  subject: 'sub-1',
  scopes: ['openid', 'accounts'],
  claims: [],
  authorizationDetails: [{ type: 'account_access', consent_id: 'aac-1' }],
  consentIds: ['aac-1'],
  ...overrides,
});

const created: GrantEvent = { type: 'GrantCreated', data: content() };
const revokedByTpp: GrantEvent = {
  type: 'GrantRevoked',
  data: { grantId: GRANT, clientId: 'tpp-1', revokedBy: 'tpp', reason: 'DELETE by the client' },
};
const approve = (overrides: Partial<AuthorizationApprovedV1>) =>
  ({ kind: 'approve', approval: approval(overrides) }) as const;

describe('grant decider', () => {
  it('given nothing, when approved with create, then the grant is created with the whole content', () => {
    expect(given(grantDecider, []).when(approve({}))).toEqual([created]);
  });

  it('given a grant, when approved with update, then the content is the union of both', () => {
    const update = approve({
      grantManagementAction: 'update',
      scopes: ['accounts', 'payments'],
      authorizationDetails: [
        { consent_id: 'aac-1', type: 'account_access' },
        { type: 'payment_initiation', consent_id: 'pdc-2' },
      ],
      consentIds: ['aac-1', 'pdc-2'],
    });
    expect(given(grantDecider, [created]).when(update)).toEqual([
      {
        type: 'GrantUpdated',
        data: content({
          scopes: ['openid', 'accounts', 'payments'],
          authorizationDetails: [
            { type: 'account_access', consent_id: 'aac-1' },
            { type: 'payment_initiation', consent_id: 'pdc-2' },
          ],
          consentIds: ['aac-1', 'pdc-2'],
        }),
      },
    ]);
  });

  it('given a grant, when approved with replace, then the new content replaces the old', () => {
    const replace = approve({
      grantManagementAction: 'replace',
      scopes: ['payments'],
      authorizationDetails: [{ type: 'payment_initiation', consent_id: 'pdc-9' }],
      consentIds: ['pdc-9'],
    });
    expect(given(grantDecider, [created]).when(replace)).toEqual([
      {
        type: 'GrantReplaced',
        data: content({
          scopes: ['payments'],
          authorizationDetails: [{ type: 'payment_initiation', consent_id: 'pdc-9' }],
          consentIds: ['pdc-9'],
        }),
      },
    ]);
  });

  it('[RAR-1] [GM-1] an update with a second RAR-first payment keeps both consents the approvals named', () => {
    const paid = (amount: string, consentId: string) => ({
      type: 'payment_initiation',
      instructedAmount: { amount, currency: 'GBP' },
      consent_id: consentId,
    });
    const [created] = given(grantDecider, []).when(
      approve({
        authorizationDetails: [paid('10.00', 'rar-first')],
        consentIds: ['rar-first'],
        createdConsentIds: ['rar-first'],
      }),
    );
    const [updated] = given(grantDecider, created ? [created] : []).when(
      approve({
        grantManagementAction: 'update',
        authorizationDetails: [paid('20.00', 'rar-second')],
        consentIds: ['rar-second'],
        createdConsentIds: ['rar-second'],
      }),
    );
    expect(updated?.data).toMatchObject({
      authorizationDetails: [paid('10.00', 'rar-first'), paid('20.00', 'rar-second')],
      consentIds: ['rar-first', 'rar-second'],
    });
  });

  it('records the consent the consent service created for a RAR-first detail of an approval from before', () => {
    const rar = { type: 'payment_initiation', instructedAmount: { amount: '10.00', currency: 'GBP' } };
    const [event] = given(grantDecider, []).when(
      approve({ authorizationDetails: [{ type: 'account_access', consent_id: 'aac-1' }, rar] }),
    );
    expect(event.data).toMatchObject({
      authorizationDetails: [
        { type: 'account_access', consent_id: 'aac-1' },
        { ...rar, consent_id: `rar-${GRANT}-1` },
      ],
      consentIds: ['aac-1', `rar-${GRANT}-1`],
    });
  });

  it('[GM-1] given a revoked grant, when an update or replace arrives, then nothing changes', () => {
    for (const action of ['update', 'replace'] as const) {
      expect(() =>
        given(grantDecider, [created, revokedByTpp]).when(approve({ grantManagementAction: action })),
      ).toThrow(GrantRefused);
    }
  });

  it('[GM-1] refuses an update of an unknown grant, or of another client’s or PSU’s grant', () => {
    expect(() => given(grantDecider, []).when(approve({ grantManagementAction: 'update' }))).toThrow(
      'unknown',
    );
    expect(() =>
      given(grantDecider, [created]).when(approve({ grantManagementAction: 'update', clientId: 'tpp-2' })),
    ).toThrow("another client's");
    expect(() =>
      given(grantDecider, [created]).when(approve({ grantManagementAction: 'replace', subject: 'sub-2' })),
    ).toThrow("another PSU's");
  });

  it('refuses a second create with the same grant id', () => {
    expect(() => given(grantDecider, [created]).when(approve({}))).toThrow(GrantRefused);
  });

  it('given a grant, when the TPP revokes it, then GrantRevoked names who, why and the consents it held', () => {
    expect(
      given(grantDecider, [created]).when({
        kind: 'revoke',
        clientId: 'tpp-1',
        revokedBy: 'tpp',
        reason: 'DELETE by the client',
      }),
    ).toEqual([{ ...revokedByTpp, data: { ...revokedByTpp.data, consentIds: ['aac-1'] } }]);
  });

  it('given a revoked grant, when revoked again, then nothing happens', () => {
    expect(
      given(grantDecider, [created, revokedByTpp]).when({
        kind: 'revoke',
        clientId: 'tpp-1',
        revokedBy: 'tpp',
        reason: 'again',
      }),
    ).toEqual([]);
  });

  it('[GM-3] refuses a revocation by another client, and a PSU revoking another PSU’s grant', () => {
    expect(() =>
      given(grantDecider, [created]).when({
        kind: 'revoke',
        clientId: 'tpp-2',
        revokedBy: 'tpp',
        reason: 'x',
      }),
    ).toThrow(GrantRefused);
    expect(() =>
      given(grantDecider, [created]).when({
        kind: 'revoke',
        clientId: 'tpp-1',
        subject: 'sub-2',
        revokedBy: 'psu',
        reason: 'x',
      }),
    ).toThrow(GrantRefused);
  });

  it('given a grant with only that consent, when the consent is revoked, then the system revokes the grant', () => {
    expect(given(grantDecider, [created]).when({ kind: 'remove-consent', consentId: 'aac-1' })).toEqual([
      {
        type: 'GrantRevoked',
        data: expect.objectContaining({
          grantId: GRANT,
          revokedBy: 'system',
          reason: expect.stringContaining('aac-1'),
          consentIds: ['aac-1'],
        }),
      },
    ]);
  });

  it('given a grant with several consents, when one is revoked, then its id and details are removed', () => {
    const twoConsents: GrantEvent = {
      type: 'GrantCreated',
      data: content({
        authorizationDetails: [
          { type: 'account_access', consent_id: 'aac-1' },
          { type: 'payment_initiation', consent_id: 'rar-gr-1-1', instructedAmount: { amount: '1.00' } },
        ],
        consentIds: ['aac-1', 'rar-gr-1-1'],
      }),
    };
    expect(
      given(grantDecider, [twoConsents]).when({ kind: 'remove-consent', consentId: 'rar-gr-1-1' }),
    ).toEqual([{ type: 'GrantUpdated', data: content() }]);
  });

  it('ignores a revoked consent the grant does not hold, and any consent of a revoked grant', () => {
    expect(given(grantDecider, [created]).when({ kind: 'remove-consent', consentId: 'aac-9' })).toEqual([]);
    expect(
      given(grantDecider, [created, revokedByTpp]).when({ kind: 'remove-consent', consentId: 'aac-1' }),
    ).toEqual([]);
  });
});
