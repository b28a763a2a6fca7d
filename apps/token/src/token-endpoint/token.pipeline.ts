// POST /token as ordered lists of named checks (STYLE.md), one per grant type after the checks every
// request passes. Each enforces one rule; the first failure answers the TPP. Issuance (issue-tokens.ts)
// runs only on what the checks established.
import type { GrantType } from '@grantline/oauth';
import { authenticateClient } from './checks/authenticate-client';
import { bindSender } from './checks/bind-sender';
import { checkClientCredentialsScope } from './checks/check-client-credentials-scope';
import { checkCodeBinding } from './checks/check-code-binding';
import { takeCodeScope } from './checks/check-code-scope';
import { checkCodeSender } from './checks/check-code-sender';
import { checkCodeVerifier } from './checks/check-code-verifier';
import { checkGrantType } from './checks/check-grant-type';
import { checkRefreshScope } from './checks/check-refresh-scope';
import { checkRefreshSender } from './checks/check-refresh-sender';
import { findRefreshToken } from './checks/find-refresh-token';
import { openCode } from './checks/open-code';
import { rejectDuplicateParams } from './checks/reject-duplicate-params';
import { startProofCheck } from './checks/start-proof-check';
import type { TokenCheck, TokenContext, TokenDependencies, TokenHttpRequest } from './token-context';

export const tokenRequestChecks: readonly TokenCheck[] = [
  rejectDuplicateParams, // RFC 6749 §3.2
  startProofCheck, //       DPOP-1, alongside the client's assertion: one jti statement for both
  authenticateClient, //    CLI-1..3
  checkGrantType, //        FLOW-2
  bindSender, //            SC-1, DPOP-1, DPOP-2, MTLS-1
];

export const grantChecks: Readonly<Record<GrantType, readonly TokenCheck[]>> = {
  authorization_code: [
    openCode, //           CODE-1
    checkCodeBinding, //   CODE-3, CLI-3
    checkCodeVerifier, //  PKCE-2
    checkCodeSender, //    DPOP-3, CODE-3
    takeCodeScope,
    // then consumeCodeOnce at issuance: CODE-2
  ],
  refresh_token: [
    findRefreshToken, //   TOK-3
    checkRefreshSender, // DPOP-3, MTLS-1
    checkRefreshScope, //  RFC 6749 §6
  ],
  client_credentials: [
    checkClientCredentialsScope, // FLOW-2
  ],
};

/** Runs every check; resolves with the context as the checks left it, or throws the first OAuth error. */
export async function runTokenChecks(http: TokenHttpRequest, deps: TokenDependencies): Promise<TokenContext> {
  const context: TokenContext = { http, deps, scopes: [] };
  for (const check of tokenRequestChecks) await check(context);
  if (!context.grantType) throw new TypeError('checkGrantType left no grant type');
  for (const check of grantChecks[context.grantType]) await check(context);
  return context;
}
