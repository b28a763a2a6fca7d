// FLOW-1: the authorization code flow only. Implicit (`token`) and hybrid (`code id_token`, …)
// requests are refused, as is a response_mode other than query or JARM.
import { InvalidRequestError, UnsupportedResponseTypeError } from '@grantline/oauth';
import { type ParContext, parameter } from '../par-context';

const RESPONSE_MODES = ['query', 'jwt', 'query.jwt'] as const;

export function checkResponseType(context: ParContext): void {
  const responseType = context.parameters['response_type'];
  if (responseType === undefined) throw new InvalidRequestError('response_type is required');
  if (responseType !== 'code')
    throw new UnsupportedResponseTypeError('only response_type=code is supported (FLOW-1)');
  const mode = parameter(context, 'response_mode') ?? 'query';
  if (!(RESPONSE_MODES as readonly string[]).includes(mode)) {
    throw new InvalidRequestError('response_mode must be query, jwt or query.jwt');
  }
  context.responseMode = mode as (typeof RESPONSE_MODES)[number];
}
