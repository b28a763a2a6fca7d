// The shared client authentication as pure logic: an in-memory registry and replay store, a frozen clock.
import {
  InMemoryJtiReplayStore,
  createClientAssertion,
  generateSigningKey,
  type SigningKey,
} from '@grantline/crypto';
import { InMemoryClientRegistry, registeredClient } from '../clients/client-registry';
import type { ClientMetadata } from '../clients/client-metadata';
import { authenticateClient, type ClientAuthenticationDependencies } from './authenticate-client';
import { JWT_BEARER_ASSERTION_TYPE } from './private-key-jwt';

const ISSUER = 'https://bank.example';
const clock = () => 1_800_000_000_000;

function client(id: string, key: SigningKey, method: ClientMetadata['token_endpoint_auth_method']) {
  return registeredClient({
    client_id: id,
    redirect_uris: ['https://tpp.example/cb'],
    token_endpoint_auth_method: method,
    jwks: { keys: [key.publicJwk] },
    roles: ['AISP'],
  });
}

describe('authenticateClient', () => {
  const key = generateSigningKey('ES256').signingKey;
  const deps = (extra: Partial<ClientAuthenticationDependencies> = {}): ClientAuthenticationDependencies => ({
    issuer: ISSUER,
    clients: new InMemoryClientRegistry([
      client('tpp-1', key, 'private_key_jwt'),
      client('tpp-mtls', key, 'tls_client_auth'),
    ]),
    security: {
      clientAuthMethods: ['private_key_jwt', 'tls_client_auth', 'self_signed_tls_client_auth'],
      signingAlgorithms: ['PS256', 'ES256'],
    },
    clock,
    replay: new InMemoryJtiReplayStore(clock),
    ...extra,
  });
  const assertion = () => createClientAssertion(key, { clientId: 'tpp-1', audience: ISSUER, clock });
  const form = async (extra: Record<string, string> = {}) => ({
    client_assertion_type: JWT_BEARER_ASSERTION_TYPE,
    client_assertion: await assertion(),
    ...extra,
  });

  it('returns the client and the method for a good private_key_jwt assertion', async () => {
    const result = await authenticateClient({ form: await form({ client_id: 'tpp-1' }) }, deps());
    expect([result.client.clientId, result.method]).toEqual(['tpp-1', 'private_key_jwt']);
  });

  it('[CLI-1] refuses an Authorization header and client_secret', async () => {
    await expect(
      authenticateClient({ form: await form(), authorizationHeader: 'Basic eDp5' }, deps()),
    ).rejects.toMatchObject({ code: 'invalid_client', status: 401 });
    await expect(
      authenticateClient({ form: await form({ client_secret: 's' }) }, deps()),
    ).rejects.toMatchObject({ code: 'invalid_client' });
  });

  it('[CLI-3] refuses a client_id naming another client than the assertion', async () => {
    await expect(
      authenticateClient({ form: await form({ client_id: 'tpp-mtls' }) }, deps()),
    ).rejects.toMatchObject({ code: 'invalid_client' });
  });

  it('[CLI-1] refuses a request without any client authentication', async () => {
    await expect(authenticateClient({ form: { client_id: 'tpp-1' } }, deps())).rejects.toMatchObject({
      code: 'invalid_client',
    });
  });

  it("[CLI-4] refuses a method outside the endpoint's accepted methods", async () => {
    await expect(
      authenticateClient({ form: await form() }, deps({ acceptedMethods: ['tls_client_auth'] })),
    ).rejects.toMatchObject({ code: 'invalid_client' });
  });

  it('hands mTLS clients to the mutualTls authenticator, and refuses them without one', async () => {
    const request = { form: { client_id: 'tpp-mtls' }, clientCertificate: 'PEM' };
    await expect(authenticateClient(request, deps())).rejects.toMatchObject({ code: 'invalid_client' });
    const seen: string[] = [];
    const result = await authenticateClient(
      request,
      deps({ mutualTls: (registered) => void seen.push(registered.clientId) }),
    );
    expect([result.method, seen]).toEqual(['tls_client_auth', ['tpp-mtls']]);
  });
});
