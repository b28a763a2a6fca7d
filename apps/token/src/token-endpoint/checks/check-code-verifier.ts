// PKCE-2 (RFC 7636 §4.6): the code_verifier must hash (S256) to the challenge the code is bound to;
// a missing or wrong verifier is an invalid grant, so a stolen code alone is useless.
import { verifyPkceS256 } from '@grantline/crypto';
import { InvalidGrantError } from '@grantline/oauth';
import { type TokenContext, parameter } from '../token-context';

export function checkCodeVerifier(context: TokenContext): void {
  const code = context.code;
  if (!code) throw new TypeError('checkCodeVerifier ran before openCode');
  const verifier = parameter(context, 'code_verifier');
  if (verifier === undefined) throw new InvalidGrantError('code_verifier is required (PKCE-2)');
  if (code.code_challenge_method !== 'S256' || !verifyPkceS256(verifier, code.code_challenge)) {
    throw new InvalidGrantError('code_verifier does not match the code challenge (PKCE-2)');
  }
}
