import { generateSigningKey, signJwt, systemClock, verifyJwt } from '@grantline/crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { InMemoryClientRegistry, registeredClient } from './client-registry';
import { ClientsFileError } from './clients-file';
import { loadClientRegistry } from './load-client-registry';
import { validateClientMetadata } from './validate-client';

describe('the client registry', () => {
  const inline = generateSigningKey('PS256', 'inline-1');
  const remote = generateSigningKey('ES256', 'remote-1');
  let directory: string;
  let server: Server;
  let jwksUri: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'grantline-registry-'));
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [remote.signingKey.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await rm(directory, { recursive: true, force: true });
  });

  const clients = () => ({
    clients: [
      {
        client_id: 'tpp-inline',
        redirect_uris: ['https://inline.example/cb'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks: { keys: [inline.signingKey.publicJwk] },
        roles: ['AISP'],
      },
      {
        client_id: 'tpp-remote',
        redirect_uris: ['https://remote.example/cb'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks_uri: jwksUri,
        roles: ['PISP'],
      },
      {
        client_id: 'tpp-mtls',
        redirect_uris: ['https://mtls.example/cb'],
        token_endpoint_auth_method: 'tls_client_auth',
        tls_client_auth_subject_dn: 'CN=tpp-mtls',
        roles: ['AISP'],
      },
    ],
  });

  async function keysOf(registry: InMemoryClientRegistry, clientId: string) {
    const client = await registry.find(clientId);
    if (!client) throw new Error(`${clientId} is not registered`);
    return client.keys;
  }

  async function assertionFrom(key: typeof inline, clientId: string): Promise<string> {
    return signJwt(key.signingKey, { iss: clientId, sub: clientId, aud: 'https://as.example' });
  }

  it('[CLI-5] loads the file GRANTLINE_CLIENTS_FILE names and resolves inline and remote keys', async () => {
    const file = join(directory, 'clients.yml');
    await writeFile(file, stringify(clients()));
    const registry = await loadClientRegistry({
      env: { GRANTLINE_CLIENTS_FILE: file },
      allowLoopbackHttp: true,
    });

    const verifiedInline = await verifyJwt(await assertionFrom(inline, 'tpp-inline'), {
      keys: await keysOf(registry, 'tpp-inline'),
      algorithms: ['PS256'],
      clock: systemClock,
    });
    expect(verifiedInline.key.kid).toBe('inline-1');

    const verifiedRemote = await verifyJwt(await assertionFrom(remote, 'tpp-remote'), {
      keys: await keysOf(registry, 'tpp-remote'),
      algorithms: ['ES256'],
      clock: systemClock,
    });
    expect(verifiedRemote.key.kid).toBe('remote-1');

    expect((await registry.find('tpp-mtls'))?.metadata.tls_client_auth_subject_dn).toBe('CN=tpp-mtls');
    expect(await registry.find('tpp-unknown')).toBeUndefined();
    expect(await registry.find('__proto__')).toBeUndefined();
  });

  it("[CLI-3] a client's keys never verify another client's assertion", async () => {
    const registry = new InMemoryClientRegistry(
      clients()
        .clients.slice(0, 1)
        .map((c) => registeredClient(validateClientMetadata(c))),
    );
    const other = generateSigningKey('PS256', 'inline-1');
    await expect(
      verifyJwt(await assertionFrom(other, 'tpp-inline'), {
        keys: await keysOf(registry, 'tpp-inline'),
        algorithms: ['PS256'],
        clock: systemClock,
      }),
    ).rejects.toMatchObject({ code: 'invalid_signature' });
  });

  it('stops when GRANTLINE_CLIENTS_FILE is not set', async () => {
    await expect(loadClientRegistry({ env: {} })).rejects.toThrow(
      'GRANTLINE_CLIENTS_FILE is required: the JSON or YAML file of registered clients',
    );
  });

  it('[CLI-5] stops on the http jwks_uri of a client outside development', async () => {
    const file = join(directory, 'clients.json');
    await writeFile(file, JSON.stringify(clients()));
    const error = await loadClientRegistry({ file }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClientsFileError);
    expect(error).toMatchObject({ clientId: 'tpp-remote', field: 'jwks_uri' });
  });

  it('[ALG-2] stops on a key that passes the shape checks but cannot be imported', async () => {
    const broken = clients();
    const [first] = broken.clients;
    if (!first) throw new Error('fixture has no clients');
    first.jwks = {
      keys: [
        {
          kty: 'EC',
          crv: 'P-256',
          x: 'AAAA',
          y: 'AAAA',
          kid: 'broken',
        } as unknown as typeof inline.signingKey.publicJwk,
      ],
    };
    const file = join(directory, 'broken.json');
    await writeFile(file, JSON.stringify(broken));
    const error = await loadClientRegistry({ file, allowLoopbackHttp: true }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CLIENTS_FILE_INVALID', clientId: 'tpp-inline', field: 'jwks' });
  });

  it('refuses the same client twice', () => {
    const client = registeredClient(validateClientMetadata(clients().clients[0]));
    expect(() => new InMemoryClientRegistry([client, client])).toThrow('registered twice');
  });
});
