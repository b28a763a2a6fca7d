// The port every endpoint asks "who is this client?". Today it is fed from the clients file; dynamic
// registration (RFC 7591) can implement the same port later without touching its callers.
import { keySetFromJwks, keySetOf, type VerificationKeys } from '@grantline/crypto';
import { RemoteJwks, type RemoteJwksOptions } from '../jwks/remote-jwks';
import type { ClientMetadata } from './client-metadata';

export interface RegisteredClient {
  readonly clientId: string;
  readonly metadata: ClientMetadata;
  /**
   * The client's public keys, for client assertions (CLI-2) and request objects (JAR-1): pass it as
   * `keys` to libs/crypto's verifiers. Remote sets refresh themselves on an unknown kid.
   */
  readonly keys: VerificationKeys;
}

export interface ClientRegistry {
  find(clientId: string): Promise<RegisteredClient | undefined>;
}

/** Fetch settings for clients' jwks_uri; the URL comes from each client. */
export type ClientJwksFetchOptions = Omit<RemoteJwksOptions, 'url'>;

/** Binds a client's metadata to its keys: inline `jwks`, a cached `jwks_uri`, or none (mTLS only). */
export function registeredClient(
  metadata: ClientMetadata,
  fetchOptions: ClientJwksFetchOptions = {},
): RegisteredClient {
  const keys = metadata.jwks
    ? keySetFromJwks(metadata.jwks)
    : metadata.jwks_uri
      ? new RemoteJwks({ ...fetchOptions, url: metadata.jwks_uri })
      : keySetOf([]);
  return Object.freeze({ clientId: metadata.client_id, metadata, keys });
}

export class InMemoryClientRegistry implements ClientRegistry {
  private readonly clients: ReadonlyMap<string, RegisteredClient>;

  constructor(clients: readonly RegisteredClient[]) {
    const byId = new Map<string, RegisteredClient>();
    for (const client of clients) {
      if (byId.has(client.clientId)) throw new TypeError(`client "${client.clientId}" is registered twice`);
      byId.set(client.clientId, client);
    }
    this.clients = byId;
  }

  async find(clientId: string): Promise<RegisteredClient | undefined> {
    return this.clients.get(clientId);
  }

  list(): readonly RegisteredClient[] {
    return [...this.clients.values()];
  }
}
