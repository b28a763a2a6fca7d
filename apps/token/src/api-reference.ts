// What a TPP developer reads at /docs/token: the back channel of the authorization server.
import type { ApiReference } from '@grantline/platform';

export const tokenApiReference: ApiReference = {
  title: 'Grantline token endpoint (back channel)',
  description:
    'The token endpoint (authorization_code with PKCE, refresh_token, client_credentials), token introspection (RFC 7662) and revocation (RFC 7009) of a FAPI 2.0 authorization server. Every request is application/x-www-form-urlencoded and authenticates the client with private_key_jwt (client_assertion) or mutual TLS (RFC 8705). Access tokens are sender-constrained: send a DPoP proof (RFC 9449) in the DPoP header, or present the client certificate. Errors are OAuth JSON (RFC 6749 §5.2).',
};
