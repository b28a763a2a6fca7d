// CODE-1: the code is opened from its seal (libs/crypto, the key authorize sealed it with). A code
// that fails authentication, was sealed under an unknown key or has outlived its lifetime is an
// invalid grant; nothing in it is trusted before this.
import { CryptoError, SealExpired, open } from '@grantline/crypto';
import {
  AUTHORIZATION_CODE_SEAL_PURPOSE,
  type AuthorizationCodeContent,
  InvalidGrantError,
  InvalidRequestError,
} from '@grantline/oauth';
import { type TokenContext, parameter } from '../token-context';

const MAX_CODE_LENGTH = 4096;

export function openCode(context: TokenContext): void {
  const code = parameter(context, 'code');
  if (code === undefined || code === '') throw new InvalidRequestError('code is required');
  if (code.length > MAX_CODE_LENGTH) throw new InvalidGrantError('the authorization code is invalid');
  const { settings } = context.deps;
  try {
    context.code = open<AuthorizationCodeContent>(code, {
      keys: settings.sealingKeys,
      clock: settings.clock,
      purpose: AUTHORIZATION_CODE_SEAL_PURPOSE,
    }).payload;
  } catch (error) {
    if (error instanceof SealExpired)
      throw new InvalidGrantError('the authorization code has expired (CODE-1)');
    if (error instanceof CryptoError || error instanceof SyntaxError) {
      throw new InvalidGrantError('the authorization code is invalid');
    }
    throw error;
  }
}
