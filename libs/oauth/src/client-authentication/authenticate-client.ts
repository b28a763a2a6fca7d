// CLI-1..3: who is calling PAR, /token, /introspect or /revoke. One function for every endpoint, so
// the rules cannot drift apart: shared secrets and public clients are refused, private_key_jwt
// assertions follow RFC 7523 with FAPI 2.0's aud = issuer, and a client_id parameter must name the
// same client as the proof. The mTLS methods (RFC 8705) plug in through `mutualTls` below.
import type { Clock, JtiReplayStore, SpentClientAssertion } from '@grantline/crypto';
import type { ClientAuthMethod } from '../clients/client-auth-methods';
import { isMutualTlsMethod } from '../clients/client-auth-methods';
import type { ClientRegistry, RegisteredClient } from '../clients/client-registry';
import { InvalidClientError } from '../errors/rfc6749.errors';
import type { SigningAlgorithm } from '../profiles/signing-algorithms';
import { authenticateWithAssertion } from './private-key-jwt';

/** A form parameter as the HTTP layer parses it: repeated parameters arrive as arrays. */
export type FormValue = string | readonly string[] | undefined;

/** What client authentication reads from the request. */
export interface ClientAuthenticationRequest {
  readonly form: Readonly<Record<string, FormValue>>;
  /** The Authorization header, if any: its presence alone means client_secret_basic (refused). */
  readonly authorizationHeader?: string;
  /** The TLS client certificate presented with the request (PEM or DER), for the mTLS methods. */
  readonly clientCertificate?: string | Uint8Array;
}

/** Verifies a request for a client registered with an mTLS method (RFC 8705 §2); T-MTLS provides it. */
export type MutualTlsAuthenticator = (
  client: RegisteredClient,
  certificate: string | Uint8Array,
) => Promise<void> | void;

export interface ClientAuthenticationDependencies {
  /** The issuer identifier: the only accepted client assertion `aud` (CLI-2). */
  readonly issuer: string;
  readonly clients: ClientRegistry;
  readonly security: {
    readonly clientAuthMethods: readonly ClientAuthMethod[];
    readonly signingAlgorithms: readonly SigningAlgorithm[];
  };
  readonly clock: Clock;
  /** Single-use assertion jtis, shared by every replica (CLI-2). */
  readonly replay: JtiReplayStore;
  /** The methods this endpoint can verify (default: all the profile allows). */
  readonly acceptedMethods?: readonly ClientAuthMethod[];
  /** Checks the certificate for tls_client_auth / self_signed_tls_client_auth; absent = mTLS refused. */
  readonly mutualTls?: MutualTlsAuthenticator;
}

export interface AuthenticatedClient {
  readonly client: RegisteredClient;
  readonly method: ClientAuthMethod;
  /**
   * private_key_jwt: the assertion whose jti this request spent. An endpoint whose replay store the
   * others do not share tells them (authorize's PAR, in ParRequestPushed), so the assertion is
   * single-use across the authorization server (CLI-2).
   */
  readonly spentAssertion?: SpentClientAssertion;
}

/** Resolves with the authenticated client and its method, or throws InvalidClientError (401). */
export async function authenticateClient(
  request: ClientAuthenticationRequest,
  deps: ClientAuthenticationDependencies,
): Promise<AuthenticatedClient> {
  if (request.authorizationHeader !== undefined || request.form['client_secret'] !== undefined) {
    throw new InvalidClientError('client secrets are not accepted; use private_key_jwt (CLI-1)');
  }
  const assertionType = request.form['client_assertion_type'];
  const assertion = request.form['client_assertion'];
  const clientIdParameter = singleValue(request.form, 'client_id');
  if (assertionType !== undefined || assertion !== undefined) {
    const authenticated = await authenticateWithAssertion(
      {
        assertionType: singleValue(request.form, 'client_assertion_type'),
        assertion: singleValue(request.form, 'client_assertion'),
        clientIdParameter,
      },
      deps,
      (method) => allowed(method, deps),
    );
    return { ...authenticated, method: 'private_key_jwt' };
  }
  if (clientIdParameter !== undefined && request.clientCertificate !== undefined) {
    return authenticateWithCertificate(clientIdParameter, request.clientCertificate, deps);
  }
  throw new InvalidClientError('client authentication is required (private_key_jwt)');
}

async function authenticateWithCertificate(
  clientId: string,
  certificate: string | Uint8Array,
  deps: ClientAuthenticationDependencies,
): Promise<AuthenticatedClient> {
  const client = await deps.clients.find(clientId);
  if (!client) throw new InvalidClientError('unknown client');
  const method = client.metadata.token_endpoint_auth_method;
  if (!isMutualTlsMethod(method) || !allowed(method, deps) || !deps.mutualTls) {
    throw new InvalidClientError(`this client authenticates with ${method}, not a TLS client certificate`);
  }
  await deps.mutualTls(client, certificate);
  return { client, method };
}

function allowed(method: ClientAuthMethod, deps: ClientAuthenticationDependencies): boolean {
  return (
    deps.security.clientAuthMethods.includes(method) &&
    (deps.acceptedMethods === undefined || deps.acceptedMethods.includes(method))
  );
}

/** One string value; a repeated parameter counts as absent here (endpoints reject duplicates first). */
function singleValue(form: ClientAuthenticationRequest['form'], name: string): string | undefined {
  const value = form[name];
  return typeof value === 'string' ? value : undefined;
}
