// The sealed authorization code (DESIGN.md): everything the token service needs to redeem it, bound
// to client, redirect_uri, PKCE challenge and DPoP key (CODE-3), living ≤ 60 s (CODE-1). Only
// `token` can open it; its `cid` is what CodeIssued names and CodeRedeemed records. The content type
// lives in libs/oauth so both services read the same shape.
import { randomId, seal } from '@grantline/crypto';
import type { AuthorizationCodeContent } from '@grantline/oauth';
import type { AuthorizationRequest } from '../par/pushed-requests';
import type { AuthorizeSettings } from '../settings/authorize-settings';

export type { AuthorizationCodeContent };

export function sealAuthorizationCode(
  settings: AuthorizeSettings,
  request: AuthorizationRequest,
  approval: { subject: string; grantId: string; accountIds: string[]; authTime: Date; acr: string },
): { code: string; codeId: string; expiresAt: Date } {
  const ttlSeconds = settings.security.authorizationCodeLifetimeSeconds;
  const content: AuthorizationCodeContent = {
    cid: `co-${randomId(16)}`,
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    code_challenge_method: 'S256',
    ...(request.dpopJkt && { dpop_jkt: request.dpopJkt }),
    sub: approval.subject,
    grant_id: approval.grantId,
    scope: request.scopes.join(' '),
    authorization_details: request.authorizationDetails,
    consent_ids: request.consentIds,
    account_ids: approval.accountIds,
    ...(request.nonce && { nonce: request.nonce }),
    auth_time: Math.floor(approval.authTime.getTime() / 1000),
    acr: approval.acr,
  };
  const code = seal({ ...content }, { keys: settings.sealingKeys, clock: settings.clock, ttlSeconds });
  return { code, codeId: content.cid, expiresAt: new Date(settings.clock() + ttlSeconds * 1000) };
}
