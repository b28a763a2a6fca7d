// The RFC 6749 §5.1 success body. token_type is DPoP for DPoP-bound tokens (RFC 9449 §5) and Bearer
// for certificate-bound ones (RFC 8705 §3: the binding is in the TLS layer); grant_id (GM-2) and
// authorization_details (RAR-1) come back when the grant has them. Never cached (headers: controller).
import type { MintedAccessToken } from './mint-tokens';
import type { TokenContext } from './token-context';

export interface TokenResponse {
  access_token: string;
  token_type: 'DPoP' | 'Bearer';
  expires_in: number;
  scope?: string;
  refresh_token?: string;
  id_token?: string;
  grant_id?: string;
  authorization_details?: readonly object[];
}

export interface TokenResponseExtras {
  readonly refreshToken?: string;
  readonly idToken?: string;
  readonly grantId?: string;
  readonly authorizationDetails?: readonly object[];
}

export function tokenResponse(
  context: TokenContext,
  access: MintedAccessToken,
  extras: TokenResponseExtras,
): TokenResponse {
  return {
    access_token: access.token,
    token_type: context.sender?.kind === 'mtls' ? 'Bearer' : 'DPoP',
    expires_in: access.expiresIn,
    ...(context.scopes.length > 0 && { scope: context.scopes.join(' ') }),
    ...(extras.refreshToken && { refresh_token: extras.refreshToken }),
    ...(extras.idToken && { id_token: extras.idToken }),
    ...(extras.grantId && { grant_id: extras.grantId }),
    ...(extras.authorizationDetails &&
      extras.authorizationDetails.length > 0 && { authorization_details: extras.authorizationDetails }),
  };
}
