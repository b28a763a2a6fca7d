// What the token endpoint's checks read and fill in, in pipeline order. Each check enforces one rule
// and records what it established; issuance then reads only what the checks left here.
import type { JtiReplayStore } from '@grantline/crypto';
import type {
  AuthorizationCodeContent,
  ClientAuthenticationGate,
  ClientAuthMethod,
  FormValue,
  GrantType,
  MutualTlsAuthenticator,
  RegisteredClient,
} from '@grantline/oauth';
import type { StoredRefreshToken } from '../records';
import type { TokenSettings } from '../settings/token-settings';

/** The HTTP request as the token endpoint sees it. */
export interface TokenHttpRequest {
  readonly form: Readonly<Record<string, FormValue>>;
  readonly authorizationHeader?: string;
  readonly dpopHeader?: string | readonly string[];
  /** The TLS client certificate the request was made with (TLS here or a trusted proxy). */
  readonly clientCertificate?: string | Uint8Array;
}

/** Looks up a presented refresh token by its hash (T-RECORDS' TokenRecords satisfies this). */
export interface RefreshTokenLookup {
  findRefreshToken(token: string): Promise<StoredRefreshToken | undefined>;
}

export interface TokenDependencies {
  readonly settings: TokenSettings;
  readonly replay: JtiReplayStore;
  readonly refreshTokens: RefreshTokenLookup;
  /** mTLS client authentication (RFC 8705 §2), when the endpoint can see certificates. */
  readonly mutualTls?: MutualTlsAuthenticator;
}

/** The proof of possession the tokens are bound to (SC-1): `cnf` of the access token. */
export type SenderConstraint =
  { readonly kind: 'dpop'; readonly jkt: string } | { readonly kind: 'mtls'; readonly x5tS256: string };

export interface TokenContext {
  readonly http: TokenHttpRequest;
  readonly deps: TokenDependencies;
  /** Set by startProofCheck: the DPoP proof's key thumbprint, once verified (bindSender reads it). */
  proofCheck?: Promise<string>;
  /** Set by startProofCheck: lets the proof's jti be written, once the client is authenticated. */
  clientGate?: ClientAuthenticationGate;
  /** Set by authenticateClient. */
  client?: RegisteredClient;
  authMethod?: ClientAuthMethod;
  /** Set by checkGrantType. */
  grantType?: GrantType;
  /** Set by bindSender: the DPoP key or certificate the new tokens are bound to. */
  sender?: SenderConstraint;
  /** authorization_code: the opened code and its id. */
  code?: AuthorizationCodeContent;
  /** refresh_token: the presented token's record. */
  refreshToken?: StoredRefreshToken;
  /** The scopes the access token carries. */
  scopes: string[];
}

export type TokenCheck = (context: TokenContext) => Promise<void> | void;

/** A single string parameter, or undefined; repeated parameters never get this far. */
export function parameter(context: TokenContext, name: string): string | undefined {
  const value = context.http.form[name];
  return typeof value === 'string' ? value : undefined;
}

export function clientOf(context: TokenContext): RegisteredClient {
  if (!context.client) throw new TypeError('token check ran before client authentication');
  return context.client;
}

export function senderOf(context: TokenContext): SenderConstraint {
  if (!context.sender) throw new TypeError('token check ran before the sender constraint was bound');
  return context.sender;
}
