// CLI-1: only confidential clients that prove possession of a key. Shared secrets (client_secret_*)
// and public clients (none) are not in this list on purpose.
export const CLIENT_AUTH_METHODS = [
  'private_key_jwt',
  'tls_client_auth',
  'self_signed_tls_client_auth',
] as const;
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number];

export function isClientAuthMethod(value: unknown): value is ClientAuthMethod {
  return typeof value === 'string' && (CLIENT_AUTH_METHODS as readonly string[]).includes(value);
}

/** The methods whose proof is the TLS client certificate (RFC 8705 §2). */
export function isMutualTlsMethod(method: ClientAuthMethod): boolean {
  return method === 'tls_client_auth' || method === 'self_signed_tls_client_auth';
}
