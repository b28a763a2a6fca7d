import { formatDistinguishedName, parseDistinguishedName, subjectMatches } from './distinguished-name';

// As libs/crypto reads a certificate's subject: most significant RDN first.
const subject = [
  [{ type: 'C', value: 'GB' }],
  [{ type: 'organizationIdentifier', value: 'PSDGB-FCA-123456' }],
  [{ type: 'O', value: 'Example TPP, Ltd' }],
  [
    { type: 'CN', value: 'tpp-1' },
    { type: 'UID', value: '0015800001041RHAAY' },
  ],
];

describe('tls_client_auth_subject_dn matching (RFC 8705 §2.1.2, RFC 4514)', () => {
  it('matches the RFC 4514 string with types by name or OID, any case and spacing, multi-valued RDNs in any order', () => {
    expect(
      subjectMatches(
        'UID=0015800001041RHAAY+cn=TPP-1,  O=Example TPP\\, Ltd, 2.5.4.97=PSDGB-FCA-123456,c=gb',
        subject,
      ),
    ).toBe(true);
  });

  it('[CLI-1] refuses a DN with one attribute fewer, one more, or in another order', () => {
    expect(subjectMatches('CN=tpp-1,O=Example TPP\\, Ltd,2.5.4.97=PSDGB-FCA-123456,C=GB', subject)).toBe(
      false,
    );
    expect(
      subjectMatches(
        'UID=0015800001041RHAAY+CN=tpp-1,OU=x,O=Example TPP\\, Ltd,2.5.4.97=PSDGB-FCA-123456,C=GB',
        subject,
      ),
    ).toBe(false);
    expect(
      subjectMatches(
        'UID=0015800001041RHAAY+CN=tpp-1,2.5.4.97=PSDGB-FCA-123456,O=Example TPP\\, Ltd,C=GB',
        subject,
      ),
    ).toBe(false);
  });

  it('[CLI-1] never treats an unescaped comma as part of a value', () => {
    expect(
      subjectMatches(
        'UID=0015800001041RHAAY+CN=tpp-1,O=Example TPP, Ltd,2.5.4.97=PSDGB-FCA-123456,C=GB',
        subject,
      ),
    ).toBe(false);
  });

  it('[CLI-1] refuses an empty DN and BER-encoded (#hex) values rather than guessing', () => {
    expect(subjectMatches('', subject)).toBe(false);
    expect(parseDistinguishedName('CN=#04024869')).toBeUndefined();
    expect(parseDistinguishedName('no equals sign')).toBeUndefined();
  });

  it('unescapes hex pairs as UTF-8 and formats back with escapes', () => {
    expect(parseDistinguishedName('CN=Lu\\C4\\8Di\\C4\\87')).toEqual([[{ type: 'CN', value: 'Lučić' }]]);
    expect(formatDistinguishedName(subject)).toBe(
      'CN=tpp-1+UID=0015800001041RHAAY,O=Example TPP\\, Ltd,organizationIdentifier=PSDGB-FCA-123456,C=GB',
    );
  });
});
