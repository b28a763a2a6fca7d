// RFC 7662 §2.2 answers. Only the client the token was issued to learns anything (TOK-5); to
// everyone else, and for revoked, expired or unknown tokens, the answer is `{"active": false}`.
import type { PresentedToken } from '../records/presented-token';
import { isActive } from '../records';

export type IntrospectionResponse = { active: false } | ({ active: true } & Record<string, unknown>);

export const INACTIVE: IntrospectionResponse = { active: false };

const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

export function introspectionResponse(
  presented: PresentedToken | undefined,
  clientId: string,
  issuer: string,
  now: Date,
): IntrospectionResponse {
  if (!presented || presented.record.clientId !== clientId || !isActive(presented.record, now))
    return INACTIVE;
  if (presented.kind === 'access_token') {
    const { claims } = presented;
    const cnf = claims['cnf'] as { jkt?: string } | undefined;
    return {
      active: true,
      scope: claims['scope'],
      client_id: claims['client_id'],
      sub: claims.sub,
      aud: claims.aud,
      iss: claims.iss,
      exp: claims.exp,
      iat: claims.iat,
      jti: claims.jti,
      // RFC 9449 §6.2: a DPoP-bound token is introspected as token_type DPoP with cnf.jkt.
      token_type: cnf?.jkt ? 'DPoP' : 'Bearer',
      ...(cnf ? { cnf } : {}),
      ...(claims['grant_id'] !== undefined ? { grant_id: claims['grant_id'] } : {}),
      ...(claims['authorization_details'] !== undefined
        ? { authorization_details: claims['authorization_details'] }
        : {}),
    };
  }
  const { record } = presented;
  return {
    active: true,
    scope: record.scopes.join(' '),
    client_id: record.clientId,
    ...(record.subject !== undefined ? { sub: record.subject } : {}),
    iss: issuer,
    iat: seconds(record.issuedAt),
    ...(record.expiresAt !== undefined ? { exp: seconds(record.expiresAt) } : {}),
    token_type: 'refresh_token',
    ...(record.cnf ? { cnf: record.cnf } : {}),
    ...(record.grantId !== undefined ? { grant_id: record.grantId } : {}),
    ...(record.authorizationDetails !== undefined
      ? { authorization_details: record.authorizationDetails }
      : {}),
  };
}
