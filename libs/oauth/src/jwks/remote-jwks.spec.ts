import { generateSigningKey, type PublicJwk } from '@grantline/crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { JwksUnavailableError, RemoteJwks, type RemoteJwksOptions } from './remote-jwks';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

describe('RemoteJwks', () => {
  let server: Server;
  let baseUrl: string;
  let handler: Handler;
  let requests: number;
  let now: number;
  const first = generateSigningKey('ES256', 'key-1').signingKey.publicJwk;
  const second = generateSigningKey('EdDSA', 'key-2').signingKey.publicJwk;

  const serve =
    (keys: readonly PublicJwk[]): Handler =>
    (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/jwk-set+json' });
      response.end(JSON.stringify({ keys }));
    };
  const jwks = (options: Partial<RemoteJwksOptions> = {}) =>
    new RemoteJwks({ url: `${baseUrl}/jwks`, allowLoopbackHttp: true, clock: () => now, ...options });

  beforeAll(async () => {
    server = createServer((request, response) => {
      requests++;
      handler(request, response);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = 0;
    now = Date.UTC(2026, 0, 1);
    handler = serve([first]);
  });

  it('[CLI-5] fetches once and serves from the cache within the TTL', async () => {
    const keys = jwks();
    expect((await keys.forHeader({ alg: 'ES256', kid: 'key-1' })).map((k) => k.kid)).toEqual(['key-1']);
    now += 299_000;
    await keys.forHeader({ alg: 'ES256', kid: 'key-1' });
    expect(requests).toBe(1);
    now += 2_000;
    await keys.forHeader({ alg: 'ES256', kid: 'key-1' });
    expect(requests).toBe(2);
  });

  it('[CLI-5] refetches once on an unknown kid and finds a rotated key', async () => {
    const keys = jwks();
    await keys.forHeader({ alg: 'ES256', kid: 'key-1' });
    handler = serve([first, second]);
    now += 31_000;
    expect((await keys.forHeader({ alg: 'EdDSA', kid: 'key-2' })).map((k) => k.kid)).toEqual(['key-2']);
    expect(requests).toBe(2);
  });

  it('[CLI-5] unknown kids cannot force a fetch storm: one fetch per cooldown', async () => {
    const keys = jwks({ cooldownSeconds: 30 });
    await keys.forHeader({ alg: 'ES256', kid: 'key-1' });
    now += 31_000;
    const lookups = Array.from({ length: 50 }, (_, i) =>
      keys.forHeader({ alg: 'ES256', kid: `forged-${i}` }),
    );
    expect((await Promise.all(lookups)).every((found) => found.length === 0)).toBe(true);
    expect(requests).toBe(2);
    now += 10_000;
    await keys.forHeader({ alg: 'ES256', kid: 'forged-again' });
    expect(requests).toBe(2);
  });

  it('concurrent first lookups share one fetch', async () => {
    const keys = jwks();
    await Promise.all(Array.from({ length: 20 }, () => keys.forHeader({ alg: 'ES256', kid: 'key-1' })));
    expect(requests).toBe(1);
  });

  it('keeps serving the cached set when a refresh fails', async () => {
    const keys = jwks();
    await keys.forHeader({ alg: 'ES256', kid: 'key-1' });
    handler = (_request, response) => {
      response.writeHead(500);
      response.end();
    };
    now += 301_000;
    expect(await keys.forHeader({ alg: 'ES256', kid: 'key-1' })).toHaveLength(1);
  });

  it('fails with jwks_unavailable when nothing could ever be fetched, and waits the cooldown to retry', async () => {
    handler = (_request, response) => {
      response.writeHead(404);
      response.end();
    };
    const keys = jwks();
    await expect(keys.forHeader({ alg: 'ES256', kid: 'key-1' })).rejects.toMatchObject({
      code: 'jwks_unavailable',
      message: expect.stringContaining('HTTP 404'),
    });
    await expect(keys.forHeader({ alg: 'ES256', kid: 'key-1' })).rejects.toBeInstanceOf(JwksUnavailableError);
    expect(requests).toBe(1);
  });

  it('refuses a body over the size limit, declared or streamed', async () => {
    handler = serve(Array.from({ length: 40 }, () => first));
    await expect(jwks({ maxBytes: 1024 }).forHeader({ alg: 'ES256' })).rejects.toThrow(
      'larger than 1024 bytes',
    );
    handler = (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"keys": [');
      response.end(' '.repeat(4096) + ']}');
    };
    await expect(jwks({ maxBytes: 1024 }).forHeader({ alg: 'ES256' })).rejects.toThrow(
      'larger than 1024 bytes',
    );
  });

  it('gives up on a server that does not answer in time', async () => {
    handler = () => undefined;
    await expect(jwks({ timeoutMs: 100 }).forHeader({ alg: 'ES256' })).rejects.toMatchObject({
      code: 'jwks_unavailable',
    });
  });

  it('does not follow redirects', async () => {
    handler = (_request, response) => {
      response.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data' });
      response.end();
    };
    await expect(jwks().forHeader({ alg: 'ES256' })).rejects.toMatchObject({ code: 'jwks_unavailable' });
    expect(requests).toBe(1);
  });

  it('[CLI-1] refuses a set that carries private keys', async () => {
    const { privateJwk } = generateSigningKey('ES256', 'leaked');
    handler = serve([privateJwk]);
    await expect(jwks().forHeader({ alg: 'ES256', kid: 'leaked' })).rejects.toMatchObject({
      code: 'jwks_unavailable',
      message: expect.stringContaining('invalid_key'),
    });
  });

  it('refuses a document that is not a JWK Set', async () => {
    handler = (_request, response) => {
      response.writeHead(200);
      response.end('<html>');
    };
    await expect(jwks().forHeader({ alg: 'ES256' })).rejects.toMatchObject({ code: 'jwks_unavailable' });
  });

  it('refuses an http URL off loopback, and loopback http unless allowed', () => {
    expect(() => new RemoteJwks({ url: 'http://tpp.example/jwks' })).toThrow(JwksUnavailableError);
    expect(() => new RemoteJwks({ url: `${baseUrl}/jwks` })).toThrow('loopback hosts in development');
  });
});
