// CLI-1..3, PAR-2: the client authenticates at PAR. The rules are libs/oauth's shared client
// authentication (the token, introspection and revocation endpoints use the same function).
import { type ClientAuthMethod, authenticateClient as authenticate } from '@grantline/oauth';
import type { ParContext } from '../par-context';

/** What this endpoint can verify; mTLS methods need a TLS-terminating edge (not offered yet). */
export const CLIENT_AUTH_METHODS_AT_PAR: readonly ClientAuthMethod[] = ['private_key_jwt'];

export async function authenticateClient(context: ParContext): Promise<void> {
  const { http, deps } = context;
  const { client } = await authenticate(
    { form: http.form, authorizationHeader: http.authorizationHeader },
    {
      issuer: deps.settings.issuer,
      clients: deps.settings.clients,
      security: deps.settings.security,
      clock: deps.settings.clock,
      replay: deps.replay,
      acceptedMethods: CLIENT_AUTH_METHODS_AT_PAR,
    },
  );
  context.client = client;
}
