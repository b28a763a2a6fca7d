// POST /par as an ordered list of named checks (STYLE.md). Each one enforces one rule, in the order
// a reader would check by hand; the first failure answers the TPP.
import { authenticateClient } from './checks/authenticate-client';
import { checkAuthorizationDetails } from './checks/check-authorization-details';
import { checkConsentIntents } from './checks/check-consent-intents';
import { checkDpopJkt } from './checks/check-dpop-jkt';
import { checkGrantManagement } from './checks/check-grant-management';
import { checkPkce } from './checks/check-pkce';
import { checkRedirectUri } from './checks/check-redirect-uri';
import { checkResponseType } from './checks/check-response-type';
import { checkScopeAndState } from './checks/check-scope-and-state';
import { rejectDuplicateParams } from './checks/reject-duplicate-params';
import { rejectRequestUri } from './checks/reject-request-uri';
import { startProofCheck } from './checks/start-proof-check';
import { verifyRequestObject } from './checks/verify-request-object';
import type { ParCheck, ParContext, ParDependencies, ParHttpRequest } from './par-context';

export const parChecks: readonly ParCheck[] = [
  rejectDuplicateParams, //     PAR-5
  startProofCheck, //           DPOP-1, alongside the client's assertion: one jti statement for both
  authenticateClient, //        CLI-1..3, PAR-2
  verifyRequestObject, //       JAR-1, JAR-2
  rejectRequestUri, //          PAR-5
  checkResponseType, //         FLOW-1
  checkRedirectUri, //          PAR-6
  checkPkce, //                 PKCE-1
  checkDpopJkt, //              CODE-3
  checkScopeAndState, //        RFC 6749 §3.3
  checkAuthorizationDetails, // RAR-1, RAR-2
  checkConsentIntents, //       CON-6
  checkGrantManagement, //      GM-1
];

/** Runs every check; resolves with the context as the checks left it, or throws the first OAuth error. */
export async function runParChecks(http: ParHttpRequest, deps: ParDependencies): Promise<ParContext> {
  const context: ParContext = {
    http,
    deps,
    parameters: {},
    scopes: [],
    authorizationDetails: [],
    consentIds: [],
    responseMode: 'query',
  };
  for (const check of parChecks) await check(context);
  return context;
}
