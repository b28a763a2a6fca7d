// What a TPP developer reads at /docs/authorize: the front channel of the authorization server.
import type { ApiReference } from '@grantline/platform';

export const authorizeApiReference: ApiReference = {
  title: 'Grantline authorization (front channel)',
  description:
    "Discovery (RFC 8414, OpenID Connect), the JWKS, pushed authorization requests (RFC 9126) and the authorization endpoint of a FAPI 2.0 authorization server. Push the request to POST /par (form-encoded, client authentication by private_key_jwt or mTLS, PKCE S256, dpop_jkt, authorization_details), then send the PSU's browser to GET /authorize with client_id and request_uri. The /interaction pages are the PSU's sign-in and consent screens, reached only through /authorize. Errors are OAuth JSON (RFC 6749 §5.2).",
  // The PSU's sign-in, consent and self-service pages: reached by the browser, not called by TPPs.
  excludePaths: [/^\/interaction\//, /^\/account(\/|$)/],
  securitySchemes: {
    openIdConnect: {
      type: 'openIdConnect',
      openIdConnectUrl: '/.well-known/openid-configuration',
      description:
        'The issuer metadata: endpoints, algorithms and client authentication methods this server accepts',
    },
  },
};
