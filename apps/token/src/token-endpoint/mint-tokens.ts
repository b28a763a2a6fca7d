// The tokens of one response, signed before any database work: an RFC 9068 access token (TOK-1,
// TOK-2) bound by `cnf` (SC-1), an opaque refresh token (TOK-3, ALG-3) and an ID token (TOK-4).
// Only their ids, hashes and claims go on to the records and events, never the tokens.
import {
  ID_TOKEN_ALGORITHMS,
  type JwsAlgorithm,
  epochSeconds,
  issueAccessToken,
  issueIdToken,
  randomId,
} from '@grantline/crypto';
import type { AuthorizationCodeContent, RegisteredClient } from '@grantline/oauth';
import type { Confirmation } from '../records';
import { type TokenSettings, accessTokenSigner } from '../settings/token-settings';
import type { SenderConstraint } from './token-context';

export interface AccessTokenGrant {
  readonly client: RegisteredClient;
  readonly subject: string;
  readonly scopes: readonly string[];
  readonly sender: SenderConstraint;
  readonly grantId?: string;
  readonly authorizationDetails?: readonly object[];
}

export interface MintedAccessToken {
  readonly token: string;
  readonly jti: string;
  readonly cnf: Confirmation;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly expiresIn: number;
}

export function confirmationOf(sender: SenderConstraint): Confirmation {
  return sender.kind === 'dpop' ? { jkt: sender.jkt } : { 'x5t#S256': sender.x5tS256 };
}

export async function mintAccessToken(
  settings: TokenSettings,
  grant: AccessTokenGrant,
): Promise<MintedAccessToken> {
  const iat = epochSeconds(settings.clock);
  const lifetime = settings.security.accessTokenLifetimeSeconds;
  // Prefixed: event identifiers must start with a letter or digit, which base64url may not.
  const jti = `at-${randomId(18)}`;
  const cnf = confirmationOf(grant.sender);
  const token = await issueAccessToken(accessTokenSigner(settings), {
    iss: settings.issuer,
    sub: grant.subject,
    aud: settings.accessTokenAudience,
    client_id: grant.client.clientId,
    iat,
    exp: iat + lifetime,
    jti,
    ...(grant.scopes.length > 0 && { scope: grant.scopes.join(' ') }),
    cnf: { ...cnf },
    ...(grant.authorizationDetails &&
      grant.authorizationDetails.length > 0 && { authorization_details: grant.authorizationDetails }),
    ...(grant.grantId && { grant_id: grant.grantId }),
  });
  return {
    token,
    jti,
    cnf,
    issuedAt: new Date(iat * 1000),
    expiresAt: new Date((iat + lifetime) * 1000),
    expiresIn: lifetime,
  };
}

/** ALG-3: 256 bits from the CSPRNG; the record id is separate so events never carry the token. */
export function mintRefreshToken(): { id: string; token: string } {
  return { id: `rt-${randomId(16)}`, token: randomId(32) };
}

/** TOK-4: OIDC ID token for the code flow, PS256/ES256 only, with nonce, auth_time and acr. */
export async function mintIdToken(
  settings: TokenSettings,
  client: RegisteredClient,
  code: AuthorizationCodeContent,
): Promise<string> {
  const registered = client.metadata.id_token_signed_response_alg;
  const algorithms = (registered ? [registered] : settings.security.signingAlgorithms).filter((alg) =>
    ID_TOKEN_ALGORITHMS.includes(alg),
  ) as JwsAlgorithm[];
  const signer = settings.signingKeys.signingKey(settings.clock, algorithms);
  const iat = epochSeconds(settings.clock);
  return issueIdToken(signer, {
    iss: settings.issuer,
    sub: code.sub,
    aud: client.clientId,
    iat,
    exp: iat + settings.security.accessTokenLifetimeSeconds,
    ...(code.nonce !== undefined && { nonce: code.nonce }),
    auth_time: code.auth_time,
    acr: code.acr,
  });
}
