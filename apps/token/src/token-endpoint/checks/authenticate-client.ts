// CLI-1..3: the client authenticates at the token endpoint with the same rules as at PAR (libs/oauth
// authenticateClient): private_key_jwt with aud = issuer and a single-use jti, or an mTLS method when
// the endpoint sees certificates; a client_id parameter must name the authenticated client.
import type { JtiReplayStore } from '@grantline/crypto';
import { authenticateClient as authenticate } from '@grantline/oauth';
import type { TokenContext } from '../token-context';

export async function authenticateClient(context: TokenContext): Promise<void> {
  const { http, deps, clientAuthenticated } = context;
  // The assertion's jti is written once its signature is verified: the proof's goes with it
  // (startProofCheck), in the same statement.
  const replay: JtiReplayStore = clientAuthenticated
    ? {
        remember: (jti, expiresAt) => {
          clientAuthenticated();
          return deps.replay.remember(jti, expiresAt);
        },
      }
    : deps.replay;
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
      replay,
      mutualTls: deps.mutualTls,
    },
  );
  clientAuthenticated?.();
  context.client = client;
  context.authMethod = method;
}
