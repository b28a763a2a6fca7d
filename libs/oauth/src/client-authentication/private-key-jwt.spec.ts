// private_key_jwt with a client's jwks_uri, fetched through an injected fetch: a set that cannot be
// read is the client's broken registration, answered invalid_client, never a 5xx (ROB-1).
import {
  InMemoryJtiReplayStore,
  createClientAssertion,
  generateSigningKey,
  type SigningKey,
} from '@grantline/crypto';
import { InMemoryClientRegistry, registeredClient } from '../clients/client-registry';
import { InvalidClientError } from '../errors/rfc6749.errors';
import { authenticateClient, type ClientAuthenticationDependencies } from './authenticate-client';
import { JWT_BEARER_ASSERTION_TYPE } from './private-key-jwt';

const ISSUER = 'https://bank.example';
const JWKS_URI = 'https://tpp.example/jwks';
const clock = () => 1_800_000_000_000;

const connectionRefused = () =>
  Promise.reject(
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' }),
    }),
  );

describe('private_key_jwt with a jwks_uri', () => {
  const key = generateSigningKey('ES256').signingKey;
  const other = generateSigningKey('ES256').signingKey;
  const jwks = (...keys: SigningKey[]) => JSON.stringify({ keys: keys.map((k) => k.publicJwk) });

  const authenticate = async (fetch: () => Promise<Response>) => {
    const client = registeredClient(
      {
        client_id: 'tpp-remote',
        redirect_uris: ['https://tpp.example/cb'],
        token_endpoint_auth_method: 'private_key_jwt',
        jwks_uri: JWKS_URI,
        roles: ['AISP'],
      },
      { clock, maxKeys: 1, fetch: fetch as typeof globalThis.fetch },
    );
    const deps: ClientAuthenticationDependencies = {
      issuer: ISSUER,
      clients: new InMemoryClientRegistry([client]),
      security: { clientAuthMethods: ['private_key_jwt'], signingAlgorithms: ['ES256'] },
      clock,
      replay: new InMemoryJtiReplayStore(clock),
    };
    const assertion = await createClientAssertion(key, { clientId: 'tpp-remote', audience: ISSUER, clock });
    return authenticateClient(
      { form: { client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: assertion } },
      deps,
    );
  };

  it('[CLI-2] authenticates a client whose jwks_uri serves its key', async () => {
    const result = await authenticate(async () => new Response(jwks(key), { status: 200 }));
    expect(result.client.clientId).toBe('tpp-remote');
  });

  it.each([
    ['answers 404', async () => new Response('not found', { status: 404 })],
    ['serves something other than JSON', async () => new Response('<html>', { status: 200 })],
    ['serves more keys than allowed', async () => new Response(jwks(key, other), { status: 200 })],
    ['refuses the connection', connectionRefused],
  ])(
    "[CLI-2] [ROB-1] answers invalid_client, never a 5xx, when the client's jwks_uri %s",
    async (_problem, fetch) => {
      const error: unknown = await authenticate(fetch).catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(InvalidClientError);
      expect(error).toMatchObject({
        code: 'invalid_client',
        status: 401,
        description: "the client's registered jwks_uri could not be read",
      });
    },
  );
});
