// What a sealed authorization code holds (DESIGN.md "Authorization codes are sealed"): authorize
// seals it, token opens it. Bound to client, redirect_uri, PKCE challenge and DPoP key (CODE-3);
// `cid` is the code's id, which CodeIssued names and the token service's unique insert records (CODE-2).
export interface AuthorizationCodeContent {
  cid: string;
  client_id: string;
  redirect_uri: string;
  code_challenge: string;
  code_challenge_method: 'S256';
  dpop_jkt?: string;
  sub: string;
  grant_id: string;
  scope: string;
  authorization_details: object[];
  consent_ids: string[];
  account_ids: string[];
  nonce?: string;
  auth_time: number;
  acr: string;
}

/** The `purpose` both sides pass to libs/crypto seal/open. */
export const AUTHORIZATION_CODE_SEAL_PURPOSE = 'authorization_code';
