// Authorization codes minted ahead of a /token run, so the run measures redemption alone. Full flows
// are far slower than /token and codes live at most 60 s, so each system mints them its own way:
//  - Grantline: sealed with the code-sealing key the authorize and token services share, holding
//    what authorize seals after an approval (DESIGN.md "Authorization codes are sealed");
//  - oidc-provider: its own Grant and AuthorizationCode models, through the peer's /bench/codes.
// Every code is bound to the TPP, its redirect URI, one PKCE challenge and the TPP's DPoP key.
import { randomId, seal, sealingKeyRingFromConfig, systemClock } from '@grantline/crypto';
import type { TestTpp } from '@grantline/testing';

export interface MintedCodes {
  codes: string[];
  codeVerifier: string;
}

const SCOPE = 'openid accounts';

export function sealGrantlineCodes(sealingKeys: string, tpp: TestTpp, count: number): MintedCodes {
  const pkce = tpp.newPkce();
  const keys = sealingKeyRingFromConfig(sealingKeys);
  const authTime = Math.floor(Date.now() / 1000);
  const codes = Array.from({ length: count }, () =>
    seal(
      {
        cid: `co-${randomId(16)}`,
        client_id: tpp.clientId,
        redirect_uri: tpp.redirectUri,
        code_challenge: pkce.challenge,
        code_challenge_method: 'S256',
        dpop_jkt: tpp.dpopJkt,
        sub: `bench-${randomId(16)}`,
        grant_id: `gr-${randomId(16)}`,
        scope: SCOPE,
        authorization_details: [],
        consent_ids: [],
        account_ids: [],
        nonce: randomId(16),
        auth_time: authTime,
        acr: 'urn:grantline:acr:demo-password',
      },
      { keys, clock: systemClock, ttlSeconds: 60, purpose: 'authorization_code' },
    ),
  );
  return { codes, codeVerifier: pkce.verifier };
}

export async function mintOidcProviderCodes(
  issuer: string,
  tpp: TestTpp,
  count: number,
): Promise<MintedCodes> {
  const pkce = tpp.newPkce();
  const response = await fetch(`${issuer}/bench/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ count, codeChallenge: pkce.challenge, dpopJkt: tpp.dpopJkt, scope: SCOPE }),
  });
  if (!response.ok) throw new Error(`oidc-provider minting: ${response.status} ${await response.text()}`);
  const { codes } = (await response.json()) as { codes: string[] };
  return { codes, codeVerifier: pkce.verifier };
}
