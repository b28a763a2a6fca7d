// What a TPP developer reads at /docs/grants: FAPI Grant Management.
import type { ApiReference } from '@grantline/platform';

export const grantsApiReference: ApiReference = {
  title: 'Grantline grant management',
  description:
    'FAPI Grant Management: query (GET /grants/{grant_id}) and revoke (DELETE /grants/{grant_id}) a grant with a client_credentials access token carrying grant_management_query or grant_management_revoke. Errors are OAuth JSON (RFC 6749 §5.2).',
  securitySchemes: {
    DPoP: {
      type: 'http',
      scheme: 'DPoP',
      description:
        'A sender-constrained access token: "Authorization: DPoP <token>" with a DPoP proof (RFC 9449)',
    },
  },
};
