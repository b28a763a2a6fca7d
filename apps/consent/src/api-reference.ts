// What a TPP developer reads at /docs/consent: the UK Open Banking v4-style consent, account and
// payment APIs.
import type { ApiReference } from '@grantline/platform';

export const consentApiReference: ApiReference = {
  title: 'Grantline Open Banking APIs',
  description:
    'UK Open Banking v4-style account-access and domestic-payment consents, accounts, balances, transactions and domestic payments. Requests and responses are JSON (application/json); errors are Open Banking error bodies ({ Code, Id, Message, Errors: [{ ErrorCode, Message, Path }] }). Consents are created with a client_credentials token; account and payment calls need the PSU-authorised, DPoP-bound (or certificate-bound) access token. Payment POSTs carry x-idempotency-key and, under profiles that require it, a detached x-jws-signature.',
  securitySchemes: {
    DPoP: {
      type: 'http',
      scheme: 'DPoP',
      description:
        'A sender-constrained access token: "Authorization: DPoP <token>" with a DPoP proof (RFC 9449) in the DPoP header, or "Authorization: Bearer <token>" over mutual TLS for certificate-bound tokens (RFC 8705)',
    },
  },
};
