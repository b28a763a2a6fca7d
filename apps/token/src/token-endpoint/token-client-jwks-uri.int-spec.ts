// POST /token, /introspect and /revoke for private_key_jwt clients whose registered jwks_uri cannot
// be read (a local server answering 404 or garbage, a port nobody listens on): the client's broken
// registration is answered 401 invalid_client, never a 5xx (ROB-1).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TestTpp, freePort } from '@grantline/testing';
import { type TokenHarness, startToken } from '../test/token-harness';
import { postToken } from '../test/token-requests';

describe("POST /token, /introspect, /revoke: a client's unreadable jwks_uri", () => {
  let token: TokenHarness;
  let server: Server;
  const missing = new TestTpp();
  const garbage = new TestTpp();
  const unreachable = new TestTpp();

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/garbage') {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"keys": [');
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const withJwksUri = (tpp: TestTpp, jwksUri: string) => ({
      ...tpp.registration(),
      jwks: undefined,
      jwks_uri: jwksUri,
    });
    token = await startToken({
      tpps: [],
      clients: [
        withJwksUri(missing, `${origin}/missing`),
        withJwksUri(garbage, `${origin}/garbage`),
        withJwksUri(unreachable, `http://127.0.0.1:${await freePort()}/jwks`),
      ],
      env: { ALLOW_LOOPBACK_HTTP_REDIRECTS: 'true' },
    });
  });

  afterAll(async () => {
    await token?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it.each([
    ['answers 404', missing],
    ['serves broken JSON', garbage],
    ['refuses the connection', unreachable],
  ])(
    "[CLI-2] [ROB-1] answers /token with 401 invalid_client when the client's jwks_uri %s",
    async (_, tpp) => {
      const { status, body } = await postToken(tpp, token.tokenEndpoint, token.issuer, {
        grant_type: 'client_credentials',
        scope: 'accounts',
      });
      expect([status, body.error]).toEqual([401, 'invalid_client']);
      expect(body.error_description).toBe("the client's registered jwks_uri could not be read");
    },
  );

  it.each(['/introspect', '/revoke'])(
    "[CLI-2] [ROB-1] answers %s with 401 invalid_client when the client's jwks_uri answers 404",
    async (path) => {
      const { status, body } = await postToken(
        missing,
        `${token.issuer}${path}`,
        token.issuer,
        { token: 'an-access-token' },
        { dpop: null },
      );
      expect([status, body.error]).toEqual([401, 'invalid_client']);
    },
  );
});
