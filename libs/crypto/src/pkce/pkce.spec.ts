import { isValidCodeVerifier, isValidS256Challenge, s256CodeChallenge, verifyPkceS256 } from './pkce';

// RFC 7636 Appendix B.
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe('PKCE S256 (RFC 7636)', () => {
  it('[PKCE-2] matches RFC 7636 Appendix B', () => {
    expect(s256CodeChallenge(VERIFIER)).toBe(CHALLENGE);
    expect(verifyPkceS256(VERIFIER, CHALLENGE)).toBe(true);
  });

  it('[PKCE-2] rejects a wrong or missing verifier', () => {
    expect(verifyPkceS256(`${VERIFIER.slice(0, -1)}Y`, CHALLENGE)).toBe(false);
    expect(verifyPkceS256(undefined, CHALLENGE)).toBe(false);
    expect(verifyPkceS256('', CHALLENGE)).toBe(false);
  });

  it('[PKCE-1] never accepts the challenge itself as verifier (plain)', () => {
    expect(verifyPkceS256(CHALLENGE, CHALLENGE)).toBe(false);
  });

  it('[PKCE-2] validates verifier syntax: 43–128 unreserved characters', () => {
    expect(isValidCodeVerifier('a'.repeat(43))).toBe(true);
    expect(isValidCodeVerifier('a'.repeat(128))).toBe(true);
    expect(isValidCodeVerifier('a'.repeat(42))).toBe(false);
    expect(isValidCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)} `)).toBe(false);
    expect(isValidCodeVerifier(`${'a'.repeat(42)}~`)).toBe(true);
    // A verifier with the right hash but bad syntax still fails.
    const bad = `${'a'.repeat(42)}/`;
    expect(verifyPkceS256(bad, s256CodeChallenge(bad))).toBe(false);
  });

  it('[PKCE-1] validates challenge syntax', () => {
    expect(isValidS256Challenge(CHALLENGE)).toBe(true);
    expect(isValidS256Challenge(`${CHALLENGE}=`)).toBe(false);
    expect(isValidS256Challenge(CHALLENGE.slice(1))).toBe(false);
  });
});
