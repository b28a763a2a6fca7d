// FLOW-2: authorization_code, refresh_token and client_credentials only, and only those the client
// registered (RFC 7591 grant_types; absent means authorization_code alone).
import {
  GRANT_TYPES,
  type GrantType,
  InvalidRequestError,
  UnauthorizedClientError,
  UnsupportedGrantTypeError,
} from '@grantline/oauth';
import { type TokenContext, clientOf, parameter } from '../token-context';

export function checkGrantType(context: TokenContext): void {
  const grantType = parameter(context, 'grant_type');
  if (grantType === undefined) throw new InvalidRequestError('grant_type is required');
  if (!(GRANT_TYPES as readonly string[]).includes(grantType)) {
    throw new UnsupportedGrantTypeError(`grant_type "${grantType.slice(0, 60)}" is not supported`);
  }
  const registered = clientOf(context).metadata.grant_types ?? ['authorization_code'];
  if (!registered.includes(grantType as GrantType)) {
    throw new UnauthorizedClientError(`this client is not registered for ${grantType}`);
  }
  context.grantType = grantType as GrantType;
}
