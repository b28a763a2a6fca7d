// private_key_jwt (RFC 7523 §2.2, CLI-2): the client signs an assertion with its registered key;
// aud must be the issuer as a single string, the jti is single-use, and a client_id parameter must
// name the assertion's issuer (CLI-3: a client never acts under another client's id).
import {
  CryptoError,
  type SpentClientAssertion,
  readUnverifiedJwt,
  verifyClientAssertion,
} from '@grantline/crypto';
import type { ClientAuthMethod } from '../clients/client-auth-methods';
import type { RegisteredClient } from '../clients/client-registry';
import { InvalidClientError } from '../errors/rfc6749.errors';
import { JwksUnavailableError } from '../jwks/remote-jwks';
import type { ClientAuthenticationDependencies } from './authenticate-client';

export const JWT_BEARER_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const MAX_ASSERTION_LENGTH = 8192;

export interface AssertionParameters {
  readonly assertionType: string | undefined;
  readonly assertion: string | undefined;
  readonly clientIdParameter: string | undefined;
}

export interface AssertionAuthenticatedClient {
  readonly client: RegisteredClient;
  /** The assertion whose jti this request spent. */
  readonly spentAssertion: SpentClientAssertion;
}

export async function authenticateWithAssertion(
  parameters: AssertionParameters,
  deps: ClientAuthenticationDependencies,
  isAllowed: (method: ClientAuthMethod) => boolean,
): Promise<AssertionAuthenticatedClient> {
  const { assertionType, assertion, clientIdParameter } = parameters;
  if (assertionType === undefined || assertion === undefined) {
    throw new InvalidClientError('client authentication is required (private_key_jwt)');
  }
  if (assertionType !== JWT_BEARER_ASSERTION_TYPE)
    throw new InvalidClientError('client_assertion_type must be jwt-bearer');
  if (assertion.length > MAX_ASSERTION_LENGTH) throw new InvalidClientError('client_assertion is too long');

  let issuer: unknown;
  try {
    issuer = readUnverifiedJwt(assertion).claims.iss;
  } catch {
    throw new InvalidClientError('client_assertion is not a JWT');
  }
  if (typeof issuer !== 'string') throw new InvalidClientError('client_assertion has no "iss"');
  if (clientIdParameter !== undefined && clientIdParameter !== issuer) {
    throw new InvalidClientError('client_id does not match the client assertion (CLI-3)');
  }
  const client = await deps.clients.find(issuer);
  if (!client) throw new InvalidClientError('unknown client');
  const method = client.metadata.token_endpoint_auth_method;
  if (method !== 'private_key_jwt' || !isAllowed(method)) {
    throw new InvalidClientError(`this client authenticates with ${method}, not a client assertion`);
  }
  const registeredAlg = client.metadata.token_endpoint_auth_signing_alg;
  try {
    const { spent } = await verifyClientAssertion(assertion, {
      clientId: client.clientId,
      issuerIdentifier: deps.issuer,
      keys: client.keys,
      algorithms: registeredAlg ? [registeredAlg] : deps.security.signingAlgorithms,
      clock: deps.clock,
      replay: deps.replay,
    });
    return { client, spentAssertion: spent };
  } catch (error) {
    if (error instanceof CryptoError) {
      throw new InvalidClientError(`client assertion rejected (${error.code}): ${error.message}`);
    }
    // An unreachable or broken jwks_uri is the client's problem, never a 5xx (ROB-1). The answer
    // names no URL, status or network error; those stay in the cause.
    if (error instanceof JwksUnavailableError) {
      throw new InvalidClientError("the client's registered jwks_uri could not be read", { cause: error });
    }
    throw error;
  }
}
