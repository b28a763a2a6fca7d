// Start-up: the registry from GRANTLINE_CLIENTS_FILE. Every client's keys are imported now, so a
// key that cannot be used stops the service instead of failing the client's first request.
import { CryptoError } from '@grantline/crypto';
import { InMemoryClientRegistry, registeredClient, type ClientJwksFetchOptions } from './client-registry';
import { CLIENTS_FILE_VARIABLE, ClientsFileError, readClientsFile } from './clients-file';
import type { ClientValidationOptions } from './validate-client';

export interface ClientRegistryOptions extends ClientValidationOptions {
  /** Defaults to the file GRANTLINE_CLIENTS_FILE names in `env`. */
  readonly file?: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Timeouts, size limits and caching for clients' jwks_uri. */
  readonly jwksFetch?: ClientJwksFetchOptions;
}

export async function loadClientRegistry(
  options: ClientRegistryOptions = {},
): Promise<InMemoryClientRegistry> {
  const file = options.file ?? (options.env ?? process.env)[CLIENTS_FILE_VARIABLE];
  if (file === undefined || file.trim() === '') {
    throw new ClientsFileError(undefined, 'is required: the JSON or YAML file of registered clients');
  }
  const clients = await readClientsFile(file, options);
  const jwksFetch: ClientJwksFetchOptions = {
    allowLoopbackHttp: options.allowLoopbackHttp,
    ...options.jwksFetch,
  };
  return new InMemoryClientRegistry(
    clients.map((metadata) => {
      try {
        return registeredClient(metadata, jwksFetch);
      } catch (error) {
        if (!(error instanceof CryptoError)) throw error;
        throw new ClientsFileError(
          file,
          `client "${metadata.client_id}": jwks cannot be used (${error.code}: ${error.message})`,
          metadata.client_id,
          'jwks',
        );
      }
    }),
  );
}
