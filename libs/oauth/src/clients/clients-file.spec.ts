import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClientsFileError, parseClientsDocument, readClientsFile } from './clients-file';

const EC_KEY = {
  kty: 'EC',
  kid: 'tpp-sig-1',
  crv: 'P-256',
  x: 'XPtgBegaIvdMgvV1h41yhutA3x8U7ht7Fiw2aPoeJNg',
  y: 'orZw8BRi4jXdMw19OKRPw1kRrA3_7sAfgc1LSAtt4yM',
};

const YAML_CLIENTS = `
# Registered TPPs
clients:
  - client_id: tpp-aisp
    client_name: Moneywise
    redirect_uris: [https://moneywise.example/cb]
    token_endpoint_auth_method: private_key_jwt
    jwks_uri: https://moneywise.example/jwks.json
    dpop_bound_access_tokens: true
    roles: [AISP]
  - client_id: tpp-pisp
    redirect_uris:
      - https://payfast.example/callback
    token_endpoint_auth_method: tls_client_auth
    tls_client_auth_subject_dn: CN=payfast,O=PayFast Ltd,C=GB
    roles: [PISP]
`;

function fileError(action: () => unknown): ClientsFileError {
  try {
    action();
  } catch (error) {
    if (error instanceof ClientsFileError) return error;
    throw error;
  }
  throw new Error('expected a ClientsFileError');
}

describe('the clients file', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'grantline-clients-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('[CLI-5] loads YAML', async () => {
    const file = join(directory, 'clients.yaml');
    await writeFile(file, YAML_CLIENTS);
    const clients = await readClientsFile(file);
    expect(clients.map((c) => c.client_id)).toEqual(['tpp-aisp', 'tpp-pisp']);
    expect(clients[1]?.tls_client_auth_subject_dn).toBe('CN=payfast,O=PayFast Ltd,C=GB');
  });

  it('[CLI-5] loads JSON, as a list or as {"clients": [...]}', async () => {
    const entry = {
      client_id: 'tpp-json',
      redirect_uris: ['https://tpp.example/cb'],
      token_endpoint_auth_method: 'private_key_jwt',
      jwks: { keys: [EC_KEY] },
      roles: ['AISP'],
    };
    const listFile = join(directory, 'list.json');
    const objectFile = join(directory, 'object.JSON');
    await writeFile(listFile, JSON.stringify([entry]));
    await writeFile(objectFile, JSON.stringify({ clients: [entry] }));
    expect((await readClientsFile(listFile))[0]?.jwks?.keys[0]).toEqual(EC_KEY);
    expect((await readClientsFile(objectFile))[0]?.client_id).toBe('tpp-json');
  });

  it('[CLI-1] stops on client_secret_basic with one line naming the file, client and field', () => {
    const yaml = YAML_CLIENTS.replace('tls_client_auth\n', 'client_secret_basic\n');
    const error = fileError(() => parseClientsDocument(yaml, 'yaml', '/etc/grantline/clients.yaml'));
    expect(error.code).toBe('CLIENTS_FILE_INVALID');
    expect(error.clientId).toBe('tpp-pisp');
    expect(error.field).toBe('token_endpoint_auth_method');
    expect(error.message).toMatch(
      /^GRANTLINE_CLIENTS_FILE \/etc\/grantline\/clients\.yaml: client "tpp-pisp": token_endpoint_auth_method "client_secret_basic" is not allowed/,
    );
    expect(error.message).not.toContain('\n');
  });

  it('[PAR-6] stops on an http redirect URI', () => {
    const yaml = YAML_CLIENTS.replace('https://moneywise.example/cb', 'http://moneywise.example/cb');
    const error = fileError(() => parseClientsDocument(yaml, 'yaml', 'clients.yaml'));
    expect(error.field).toBe('redirect_uris[0]');
    expect(error.message).toContain('client "tpp-aisp": redirect_uris[0] must use https');
  });

  it('[PAR-6] accepts loopback http redirect URIs only with the development flag', () => {
    const yaml = YAML_CLIENTS.replace('https://moneywise.example/cb', 'http://127.0.0.1:8080/cb');
    expect(fileError(() => parseClientsDocument(yaml, 'yaml', 'clients.yaml')).field).toBe(
      'redirect_uris[0]',
    );
    expect(parseClientsDocument(yaml, 'yaml', 'clients.yaml', { allowLoopbackHttp: true })).toHaveLength(2);
  });

  it('names a client without a usable client_id by its position', () => {
    const error = fileError(() => parseClientsDocument('[{"client_id": 7}]', 'json', 'c.json'));
    expect(error.message).toContain('client #1: client_id must be a string');
  });

  it('stops on a client registered twice', () => {
    const yaml = YAML_CLIENTS.replace('client_id: tpp-pisp', 'client_id: tpp-aisp');
    expect(fileError(() => parseClientsDocument(yaml, 'yaml', 'c.yaml')).message).toContain(
      'client "tpp-aisp" is registered twice',
    );
  });

  it('stops on a duplicate key in YAML rather than keeping the last one', () => {
    const yaml = YAML_CLIENTS.replace(
      '    roles: [PISP]',
      '    roles: [PISP]\n    token_endpoint_auth_method: client_secret_post',
    );
    const error = fileError(() => parseClientsDocument(yaml, 'yaml', 'c.yaml'));
    expect(error.message).toMatch(/^GRANTLINE_CLIENTS_FILE c\.yaml: is not valid YAML: /);
    expect(error.message).not.toContain('\n');
  });

  it('stops on malformed JSON and on the wrong document shape', () => {
    expect(fileError(() => parseClientsDocument('{"clients": [', 'json', 'c.json')).message).toContain(
      'is not valid JSON',
    );
    expect(fileError(() => parseClientsDocument('{"tpp": {}}', 'json', 'c.json')).message).toContain(
      'must be a list of clients',
    );
  });

  it('stops on an unknown extension and on a missing file', async () => {
    await expect(readClientsFile(join(directory, 'clients.txt'))).rejects.toThrow(
      'must end in .json, .yaml or .yml',
    );
    await expect(readClientsFile(join(directory, 'missing.yaml'))).rejects.toThrow('cannot be read (ENOENT)');
  });
});
