// How the bank authenticates its customers. A bank plugs in its own (LDAP, its online-banking IdP,
// a strong-customer-authentication service); the demo implementation checks the demo customers.
export interface PsuAuthentication {
  /** The bank's customer id: never leaves this service raw (events carry a per-client pseudonym). */
  psuId: string;
  /** Authentication context class reference, e.g. a level of assurance URN. */
  acr: string;
  /** RFC 8176 authentication method references, e.g. ["pwd"]. */
  amr: string[];
}

export interface PsuAuthenticator {
  /** Resolves the authentication, or undefined for wrong credentials (never says which part was wrong). */
  authenticate(username: string, password: string): Promise<PsuAuthentication | undefined>;
}

export const PSU_AUTHENTICATOR = Symbol('PsuAuthenticator');
