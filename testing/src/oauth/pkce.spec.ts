import { isCodeVerifier, isS256Challenge, verifiesS256 } from './pkce';

/** RFC 7636 Appendix B. */
const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const CHALLENGE = 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM';

describe(verifiesS256, () => {
  it('when given the RFC 7636 vector, it verifies; another verifier does not', () => {
    expect(verifiesS256(VERIFIER, CHALLENGE)).toBe(true);
    expect(verifiesS256(`${VERIFIER.slice(0, -1)}l`, CHALLENGE)).toBe(false);
    expect(verifiesS256(VERIFIER, CHALLENGE.slice(0, -1))).toBe(false);
  });
});

describe(isCodeVerifier, () => {
  it('when 43 to 128 unreserved characters, it is one', () => {
    expect(isCodeVerifier(VERIFIER)).toBe(true);
    expect(isCodeVerifier('a'.repeat(128))).toBe(true);
    expect(isCodeVerifier('a'.repeat(42))).toBe(false);
    expect(isCodeVerifier('a'.repeat(129))).toBe(false);
    expect(isCodeVerifier(`${'a'.repeat(42)}+`)).toBe(false);
  });
});

describe(isS256Challenge, () => {
  it('when 43 characters of base64url, it is one', () => {
    expect(isS256Challenge(CHALLENGE)).toBe(true);
    expect(isS256Challenge(`${CHALLENGE}=`)).toBe(false);
  });
});
