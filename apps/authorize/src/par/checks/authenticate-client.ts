// CLI-1..3, PAR-2: the client authenticates at PAR. The rules are libs/oauth's shared client
// authentication (the token, introspection and revocation endpoints use the same function); the
// mTLS methods (RFC 8705 §2) count only where this service can see client certificates.
import {
  CLIENT_AUTH_METHODS,
  type ClientAuthMethod,
  authenticateClient as authenticate,
  clientCertificateOf,
  mutualTlsAuthenticator,
} from '@grantline/oauth';
import type { AuthorizeSettings } from '../../settings/authorize-settings';
import type { ParContext } from '../par-context';

/**
 * What this endpoint can verify: private_key_jwt always; tls_client_auth and
 * self_signed_tls_client_auth only when TLS ends here or a trusted proxy forwards certificates.
 */
export function clientAuthMethodsAtPar(
  settings: Pick<AuthorizeSettings, 'clientCertificates'>,
): readonly ClientAuthMethod[] {
  return settings.clientCertificates?.visible ? CLIENT_AUTH_METHODS : ['private_key_jwt'];
}

export async function authenticateClient(context: ParContext): Promise<void> {
  const { http, deps, clientGate } = context;
  const certificates = deps.settings.clientCertificates;
  const { client, spentAssertion } = await authenticate(
    {
      form: http.form,
      authorizationHeader: http.authorizationHeader,
      clientCertificate:
        certificates?.visible && http.peer
          ? clientCertificateOf(http.peer, certificates.settings)
          : undefined,
    },
    {
      issuer: deps.settings.issuer,
      clients: deps.settings.clients,
      security: deps.settings.security,
      clock: deps.settings.clock,
      // The DPoP proof's jti goes with the assertion's (startProofCheck).
      replay: clientGate?.forClient ?? deps.replay,
      acceptedMethods: clientAuthMethodsAtPar(deps.settings),
      mutualTls: certificates?.visible ? mutualTlsAuthenticator(certificates.settings) : undefined,
    },
  );
  clientGate?.clientAuthenticated();
  context.client = client;
  context.spentAssertion = spentAssertion;
}
