import { SECURITY_HEADERS } from './security-headers';

describe('security headers', () => {
  it('[UX-2] forbid framing, sniffing, referrers and every source, and insist on HTTPS', () => {
    expect(SECURITY_HEADERS).toMatchObject({
      'content-security-policy':
        "default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'",
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-resource-policy': 'same-origin',
    });
  });
});
