// CLI-1..3, PAR-2: the client authenticates at PAR with private_key_jwt (RFC 7523). Shared secrets
// and public clients are refused, the assertion's aud must be the issuer as a single string, its
// jti is single-use, and a client_id parameter must name the same client as the assertion.
import { CryptoError, readUnverifiedJwt, verifyClientAssertion } from '@grantline/crypto';
import { type ClientAuthMethod, InvalidClientError } from '@grantline/oauth';
import { type ParContext, parameterOfForm } from '../par-context';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** What this endpoint can verify; mTLS methods need a TLS-terminating edge (not offered yet). */
export const CLIENT_AUTH_METHODS_AT_PAR: readonly ClientAuthMethod[] = ['private_key_jwt'];
const MAX_ASSERTION_LENGTH = 8192;

export async function authenticateClient(context: ParContext): Promise<void> {
  const { http, deps } = context;
  if (http.authorizationHeader !== undefined || http.form['client_secret'] !== undefined) {
    throw new InvalidClientError('client secrets are not accepted; use private_key_jwt (CLI-1)');
  }
  const assertionType = parameterOfForm(context, 'client_assertion_type');
  const assertion = parameterOfForm(context, 'client_assertion');
  if (assertionType === undefined || assertion === undefined) {
    throw new InvalidClientError('client authentication is required (private_key_jwt)');
  }
  if (assertionType !== JWT_BEARER) throw new InvalidClientError('client_assertion_type must be jwt-bearer');
  if (assertion.length > MAX_ASSERTION_LENGTH) throw new InvalidClientError('client_assertion is too long');

  let issuer: unknown;
  try {
    issuer = readUnverifiedJwt(assertion).claims.iss;
  } catch {
    throw new InvalidClientError('client_assertion is not a JWT');
  }
  const clientIdParameter = parameterOfForm(context, 'client_id');
  if (typeof issuer !== 'string') throw new InvalidClientError('client_assertion has no "iss"');
  if (clientIdParameter !== undefined && clientIdParameter !== issuer) {
    throw new InvalidClientError('client_id does not match the client assertion (CLI-3)');
  }
  const client = await deps.settings.clients.find(issuer);
  if (!client) throw new InvalidClientError('unknown client');
  const method = client.metadata.token_endpoint_auth_method;
  if (method !== 'private_key_jwt' || !deps.settings.security.clientAuthMethods.includes(method)) {
    throw new InvalidClientError(`this client authenticates with ${method}, not a client assertion`);
  }
  const registeredAlg = client.metadata.token_endpoint_auth_signing_alg;
  try {
    await verifyClientAssertion(assertion, {
      clientId: client.clientId,
      issuerIdentifier: deps.settings.issuer,
      keys: client.keys,
      algorithms: registeredAlg ? [registeredAlg] : deps.settings.security.signingAlgorithms,
      clock: deps.settings.clock,
      replay: deps.replay,
    });
  } catch (error) {
    if (error instanceof CryptoError) {
      throw new InvalidClientError(`client assertion rejected (${error.code}): ${error.message}`);
    }
    throw error;
  }
  context.client = client;
}
