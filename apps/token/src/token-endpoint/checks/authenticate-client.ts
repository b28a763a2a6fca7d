// CLI-1..3: the client authenticates at the token endpoint with the same rules as at PAR (libs/oauth
// authenticateClient): private_key_jwt with aud = issuer and a single-use jti, or an mTLS method when
// the endpoint sees certificates; a client_id parameter must name the authenticated client.
import { authenticateClient as authenticate } from '@grantline/oauth';
import type { TokenContext } from '../token-context';

export async function authenticateClient(context: TokenContext): Promise<void> {
  const { http, deps, clientGate } = context;
  const { client, method } = await authenticate(
    {
      form: http.form,
      authorizationHeader: http.authorizationHeader,
      clientCertificate: http.clientCertificate,
    },
    {
      issuer: deps.settings.issuer,
      clients: deps.settings.clients,
      security: deps.settings.security,
      clock: deps.settings.clock,
      // The DPoP proof's jti goes with the assertion's (startProofCheck).
      replay: clientGate?.forClient ?? deps.replay,
      mutualTls: deps.mutualTls,
    },
  );
  clientGate?.clientAuthenticated();
  context.client = client;
  context.authMethod = method;
}
