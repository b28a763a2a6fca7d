// PKCE-1: code_challenge with code_challenge_method=S256 is required; `plain` or a missing challenge
// would allow a PKCE downgrade.
import { isValidS256Challenge } from '@grantline/crypto';
import { InvalidRequestError } from '@grantline/oauth';
import { type ParContext, parameter } from '../par-context';

export function checkPkce(context: ParContext): void {
  const challenge = context.parameters['code_challenge'];
  const method = context.parameters['code_challenge_method'];
  if (challenge === undefined) throw new InvalidRequestError('code_challenge is required (PKCE-1)');
  if (method !== 'S256') throw new InvalidRequestError('code_challenge_method must be S256 (PKCE-1)');
  if (!isValidS256Challenge(challenge))
    throw new InvalidRequestError('code_challenge is not an S256 challenge');
  context.codeChallenge = parameter(context, 'code_challenge');
}
