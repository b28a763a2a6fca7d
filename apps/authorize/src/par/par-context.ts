// What PAR's checks read and fill in, in pipeline order. Each check enforces one rule and records
// what it established; the last step stores the request exactly as the checks left it.
import type { JtiReplayStore, SpentClientAssertion } from '@grantline/crypto';
import type { ClientAuthenticationGate, RegisteredClient, TlsRequestLike } from '@grantline/oauth';
import type { ConsentIntents } from '../read-models/consent-intents';
import type { GrantsReadModel } from '../read-models/grants';
import type { AuthorizeSettings } from '../settings/authorize-settings';
import type { AuthorizationDetail } from './authorization-details';

export type FormValue = string | readonly string[] | undefined;

/** The HTTP request as PAR sees it. */
export interface ParHttpRequest {
  readonly form: Readonly<Record<string, FormValue>>;
  readonly authorizationHeader?: string;
  readonly dpopHeader?: string | readonly string[];
  /** The connection's TLS peer and headers, where the mTLS methods find the client certificate. */
  readonly peer?: TlsRequestLike;
}

export interface ParDependencies {
  readonly settings: AuthorizeSettings;
  readonly replay: JtiReplayStore;
  readonly consents: ConsentIntents;
  readonly grants: GrantsReadModel;
}

export type GrantManagementAction = 'create' | 'update' | 'replace';

export interface ParContext {
  readonly http: ParHttpRequest;
  readonly deps: ParDependencies;
  /** Set by startProofCheck: the DPoP proof's key thumbprint, once verified (checkDpopJkt reads it). */
  proofCheck?: Promise<string>;
  /** Set by startProofCheck: lets the proof's jti be written, once the client is authenticated. */
  clientGate?: ClientAuthenticationGate;
  /** Set by authenticateClient. */
  client?: RegisteredClient;
  /** Set by authenticateClient for private_key_jwt: the assertion whose jti this request spent. */
  spentAssertion?: SpentClientAssertion;
  /**
   * The authorization request's parameters: the signed request object's claims when one was sent
   * (JAR-2: then nothing outside it counts), otherwise the form minus client authentication.
   */
  parameters: Record<string, unknown>;
  requestObjectFingerprint?: string;
  redirectUri?: string;
  codeChallenge?: string;
  dpopJkt?: string;
  scopes: string[];
  authorizationDetails: AuthorizationDetail[];
  consentIds: string[];
  grantManagementAction?: GrantManagementAction;
  grantId?: string;
  responseMode: 'query' | 'jwt' | 'query.jwt';
}

export type ParCheck = (context: ParContext) => Promise<void> | void;

/** The authenticated client; checks after authenticateClient may rely on it. */
export function clientOf(context: ParContext): RegisteredClient {
  if (!context.client) throw new TypeError('PAR check ran before client authentication');
  return context.client;
}

/** A single string parameter, or undefined; repeated parameters never get this far (PAR-5). */
export function parameter(context: ParContext, name: string): string | undefined {
  const value = context.parameters[name];
  return typeof value === 'string' ? value : undefined;
}

/** A single string from the form itself (client authentication, `request`), before any request object. */
export function parameterOfForm(context: ParContext, name: string): string | undefined {
  const value = context.http.form[name];
  return typeof value === 'string' ? value : undefined;
}
