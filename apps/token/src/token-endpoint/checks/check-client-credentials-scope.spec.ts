import { InvalidScopeError } from '@grantline/oauth';
import type { TokenContext } from '../token-context';
import { checkClientCredentialsScope } from './check-client-credentials-scope';

function contextOf(roles: string[], scope?: string): TokenContext {
  return {
    http: { form: scope === undefined ? {} : { scope } },
    client: { metadata: { roles } },
  } as unknown as TokenContext;
}

function scopesFor(roles: string[], scope?: string): string[] | undefined {
  const context = contextOf(roles, scope);
  checkClientCredentialsScope(context);
  return context.scopes;
}

describe('checkClientCredentialsScope', () => {
  it('[FLOW-2] defaults to the scopes of the client’s roles, without grant management', () => {
    expect(scopesFor(['AISP', 'PISP'])).toEqual(['accounts', 'payments']);
  });

  it('[GM-3] lets every registered TPP ask for grant_management_query and grant_management_revoke', () => {
    expect(scopesFor(['AISP'], 'grant_management_query')).toEqual(['grant_management_query']);
    expect(scopesFor(['PISP'], 'payments grant_management_revoke grant_management_query')).toEqual([
      'payments',
      'grant_management_revoke',
      'grant_management_query',
    ]);
  });

  it('[FLOW-2] still refuses a scope outside the roles and grant management', () => {
    expect(() => scopesFor(['AISP'], 'payments')).toThrow(InvalidScopeError);
    expect(() => scopesFor(['AISP'], 'grant_management_admin')).toThrow(InvalidScopeError);
    expect(() => scopesFor(['AISP'], 'openid grant_management_query')).toThrow(InvalidScopeError);
  });
});
