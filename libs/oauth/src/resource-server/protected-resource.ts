// The one check every resource endpoint runs (DESIGN.md "Resource servers validate locally"), as
// a list of named steps. Framework-free: the Nest guard adapts a Fastify request to this.
import { systemClock, type Clock, type JtiReplayStore, type VerificationKeys } from '@grantline/crypto';
import { InsufficientScopeError, InvalidTokenError } from '../errors/resource-server.errors';
import { InvalidRequestError } from '../errors/rfc6749.errors';
import type { DpopChallenge } from '../errors/www-authenticate';
import {
  consentIdsOf,
  verifyAccessToken,
  type UnconfirmedToken,
  type VerifiedPrincipal,
} from './access-token';
import type { ForwardedCertificateOptions } from './client-certificate';
import type { RevocationDenylist } from './revocation-denylist';
import type { VerifiedAccessTokens } from './verified-access-tokens';
import { confirmSender, type DpopNonceSource, type PresentedRequest } from './sender-constraint';

export interface ProtectedResourceRequest extends PresentedRequest {
  /** The full URL as the client addressed it: public origin, path and query. */
  readonly url: string;
  /** Parsed query parameters, when the framework has parsed them. */
  readonly query?: unknown;
  /** Parsed body, when the framework has parsed it (a form-encoded access_token is refused too). */
  readonly body?: unknown;
}

export interface ProtectedResourceOptions {
  /** The token service's issuer identifier. */
  readonly issuer: string;
  /** This resource server's identifier(s); the token's `aud` must name one. */
  readonly audience: string | readonly string[];
  /** The token service's keys: a RemoteJwks of its /jwks, or a local key set in the embedded runtime. */
  readonly accessTokenKeys: VerificationKeys;
  /** Tokens verified before, by their exact text: their signature is not checked again. */
  readonly verifiedAccessTokens?: VerifiedAccessTokens;
  /** The active profile's algorithms, for access tokens and DPoP proofs alike. */
  readonly algorithms: readonly string[];
  readonly denylist: RevocationDenylist;
  /** Shared by every instance in production, so a proof replayed at another replica is caught. */
  readonly dpopReplay: JtiReplayStore;
  readonly dpopNonces?: { readonly source: DpopNonceSource; readonly required: boolean };
  /** Accepted distance of a DPoP proof's `iat` from now (default 60 s). */
  readonly dpopIatWindowSeconds?: number;
  /** Leeway for the access token's `exp` (default 0 s). */
  readonly clockToleranceSeconds?: number;
  readonly forwardedCertificate?: ForwardedCertificateOptions;
  readonly realm?: string;
  readonly clock?: Clock;
}

type Presented = { readonly scheme: 'dpop' | 'bearer'; readonly token: string };

const TOKEN68 = /^([A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]*) +([A-Za-z0-9._~+/-]+=*)$/;

/** Verifies a request to a protected resource and returns who is calling; throws OAuth errors. */
export async function verifyProtectedResourceRequest(
  request: ProtectedResourceRequest,
  options: ProtectedResourceOptions,
  requiredScopes: readonly string[] = [],
): Promise<VerifiedPrincipal> {
  const challenge: DpopChallenge = { algs: options.algorithms, realm: options.realm };
  const clock = options.clock ?? systemClock;
  rejectTokenOutsideHeader(request, challenge); // TOK-7
  const presented = readAuthorization(request, challenge); // SC-1
  const token = await verifyAccessToken(
    presented.token,
    {
      keys: options.accessTokenKeys,
      issuer: options.issuer,
      audience: options.audience,
      algorithms: options.algorithms,
      clock,
      clockToleranceSeconds: options.clockToleranceSeconds ?? 0,
    },
    challenge,
    options.verifiedAccessTokens,
  ); // TOK-1, ALG-1
  const sender = await confirmSender(
    presented.scheme,
    presented.token,
    token,
    request,
    { ...options, clock },
    challenge,
  ); // SC-1, DPOP-1, DPOP-2, MTLS-1
  await rejectRevoked(token, options.denylist, challenge); // TOK-6, GM-2, CON-1
  requireScopes(token, requiredScopes, challenge);
  return { ...token, sender };
}

/** RFC 6750 §2.2 and §2.3 allow tokens in a form body or query; Grantline accepts neither (TOK-7). */
function rejectTokenOutsideHeader(request: ProtectedResourceRequest, challenge: DpopChallenge): void {
  const inUrl = URL.canParse(request.url) && new URL(request.url).searchParams.has('access_token');
  const inQuery = hasMember(request.query, 'access_token');
  if (inUrl || inQuery) {
    throw new InvalidRequestError('Access tokens are not accepted in the query string', { challenge });
  }
  if (hasMember(request.body, 'access_token')) {
    throw new InvalidRequestError('Access tokens are not accepted in the request body', { challenge });
  }
}

function hasMember(value: unknown, member: string): boolean {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, member);
}

function readAuthorization(request: ProtectedResourceRequest, challenge: DpopChallenge): Presented {
  const header = request.headers['authorization'];
  if (Array.isArray(header) && header.length > 1) {
    throw new InvalidRequestError('Exactly one Authorization header is allowed', { challenge });
  }
  const value = (Array.isArray(header) ? header[0] : header) as string | undefined;
  if (value === undefined || value.trim() === '') {
    throw new InvalidTokenError('An access token is required', {
      challenge: { ...challenge, omitError: true },
    });
  }
  const match = TOKEN68.exec(value.trim());
  if (!match) throw new InvalidRequestError('The Authorization header is malformed', { challenge });
  const scheme = match[1].toLowerCase();
  if (scheme !== 'dpop' && scheme !== 'bearer') {
    throw new InvalidTokenError('Use the DPoP authorization scheme', { challenge });
  }
  return { scheme, token: match[2] };
}

async function rejectRevoked(
  token: UnconfirmedToken,
  denylist: RevocationDenylist,
  challenge: DpopChallenge,
): Promise<void> {
  const revoked = await denylist.isRevoked({
    jti: token.jti,
    grantId: token.grant_id,
    consentIds: consentIdsOf(token),
  });
  if (revoked) throw new InvalidTokenError('The access token has been revoked', { challenge });
}

function requireScopes(token: UnconfirmedToken, required: readonly string[], challenge: DpopChallenge): void {
  if (required.every((scope) => token.scopes.includes(scope))) return;
  throw new InsufficientScopeError('The access token lacks the scope this resource requires', {
    challenge: { ...challenge, scope: required.join(' ') },
  });
}

/** The verifier as one injectable object, holding its options. */
export class ProtectedResource {
  constructor(readonly options: ProtectedResourceOptions) {}

  verify(
    request: ProtectedResourceRequest,
    requiredScopes: readonly string[] = [],
  ): Promise<VerifiedPrincipal> {
    return verifyProtectedResourceRequest(request, this.options, requiredScopes);
  }

  /** A fresh nonce for a successful response, so the client's next proof carries it (DPOP-2). */
  freshDpopNonce(): string | undefined {
    return this.options.dpopNonces?.source.issue();
  }
}
