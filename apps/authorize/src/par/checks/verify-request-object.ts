// JAR-1, JAR-2: a `request` object must be signed by the client's registered key with an allowed
// algorithm, name the issuer in aud and the client in iss, and carry a bounded nbf..exp. When one is
// sent, only its claims count; when the profile requires one, a plain request is refused.
import { CryptoError, fingerprint, verifyRequestObject as verifySignedRequest } from '@grantline/crypto';
import { InvalidRequestError, InvalidRequestObjectError } from '@grantline/oauth';
import { type ParContext, clientOf, parameterOfForm } from '../par-context';

/** Client authentication travels beside the request, never inside it. */
const AUTHENTICATION_PARAMETERS = new Set(['client_assertion', 'client_assertion_type', 'client_id']);
const MAX_REQUEST_OBJECT_LENGTH = 32768;

export async function verifyRequestObject(context: ParContext): Promise<void> {
  const client = clientOf(context);
  const { settings } = context.deps;
  const requestObject = parameterOfForm(context, 'request');
  if (requestObject === undefined) {
    if (settings.security.requireSignedRequestObject) {
      throw new InvalidRequestError('the security profile requires a signed request object (JAR-1)');
    }
    context.parameters = Object.fromEntries(
      Object.entries(context.http.form).filter(([name]) => !AUTHENTICATION_PARAMETERS.has(name)),
    );
    context.parameters['client_id'] = client.clientId;
    return;
  }
  if (requestObject.length > MAX_REQUEST_OBJECT_LENGTH)
    throw new InvalidRequestObjectError('request object is too long');
  const registeredAlg = client.metadata.request_object_signing_alg;
  try {
    const { claims } = await verifySignedRequest(requestObject, {
      clientId: client.clientId,
      issuerIdentifier: settings.issuer,
      keys: client.keys,
      algorithms: registeredAlg ? [registeredAlg] : settings.security.signingAlgorithms,
      clock: settings.clock,
    });
    // JAR-2: parameters outside the request object are ignored; client_id is the authenticated one.
    context.parameters = { ...claims, client_id: client.clientId };
    for (const registered of ['iss', 'aud', 'exp', 'nbf', 'iat', 'jti'])
      delete context.parameters[registered];
    context.requestObjectFingerprint = fingerprint(requestObject);
  } catch (error) {
    if (error instanceof CryptoError) {
      throw new InvalidRequestObjectError(`request object rejected (${error.code}): ${error.message}`);
    }
    throw error;
  }
}
