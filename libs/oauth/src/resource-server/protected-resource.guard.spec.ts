import { DpopNonces } from '@grantline/crypto';
import type { ExecutionContext } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { RemoteJwks } from '../jwks/remote-jwks';
import {
  ProtectedResourceGuard,
  RequireScopes,
  principalOf,
  protectedResourceRequestOf,
  type HttpRequestLike,
} from './protected-resource.guard';
import { AUDIENCE, NOW_MS, ResourceServerWorld, TPP_CERTIFICATE, derOf, rejectionOf } from './test/fixtures';

class AccountsController {
  @RequireScopes('accounts')
  list(): string {
    return 'accounts';
  }

  @RequireScopes('payments')
  pay(): string {
    return 'paid';
  }
}

function contextFor(
  request: HttpRequestLike,
  handler: (...args: never[]) => unknown,
  reply: { headers: Record<string, string> } = { headers: {} },
): ExecutionContext {
  const http = {
    getRequest: () => request,
    getResponse: () => ({ header: (name: string, value: string) => (reply.headers[name] = value) }),
    getNext: () => undefined,
  };
  return {
    switchToHttp: () => http,
    getHandler: () => handler,
    getClass: () => AccountsController,
  } as unknown as ExecutionContext;
}

async function fastifyRequestFor(world: ResourceServerWorld, path = '/accounts'): Promise<HttpRequestLike> {
  const token = await world.accessToken();
  const proof = await world.proof(token, { url: `${AUDIENCE}${path}` });
  return {
    method: 'GET',
    url: path,
    headers: { host: 'internal-pod:8183', authorization: `DPoP ${token}`, dpop: proof },
    query: {},
    raw: { socket: { remoteAddress: '127.0.0.1' } },
  };
}

describe('ProtectedResourceGuard', () => {
  it('[SC-1] lets a verified request through and hands the principal to handlers', async () => {
    const world = new ResourceServerWorld();
    const guard = new ProtectedResourceGuard(world.resource, AUDIENCE);
    const request = await fastifyRequestFor(world);
    await expect(guard.canActivate(contextFor(request, AccountsController.prototype.list))).resolves.toBe(
      true,
    );
    expect(principalOf(request)).toMatchObject({ client_id: 'tpp-1', sub: 'psu-7781', grant_id: 'grant-1' });
  });

  it('[SC-1] throws the OAuth error for the filter to render, and attaches nothing', async () => {
    const world = new ResourceServerWorld();
    const guard = new ProtectedResourceGuard(world.resource, AUDIENCE);
    const request: HttpRequestLike = { method: 'GET', url: '/accounts', headers: {} };
    const error = await rejectionOf(
      guard.canActivate(contextFor(request, AccountsController.prototype.list)),
    );
    expect(error.toProtocolProblem()).toMatchObject({
      status: 401,
      headers: { 'www-authenticate': expect.any(String) },
    });
    expect(() => principalOf(request)).toThrow('no verified principal');
  });

  it('enforces the scopes a handler requires', async () => {
    const world = new ResourceServerWorld();
    const guard = new ProtectedResourceGuard(world.resource, AUDIENCE);
    const request = await fastifyRequestFor(world);
    expect(
      (await rejectionOf(guard.canActivate(contextFor(request, AccountsController.prototype.pay)))).code,
    ).toBe('insufficient_scope');
  });

  it('[TOK-7] rejects access_token in the query string of the raw URL', async () => {
    const world = new ResourceServerWorld();
    const guard = new ProtectedResourceGuard(world.resource, AUDIENCE);
    const request = { ...(await fastifyRequestFor(world)), url: '/accounts?access_token=abc' };
    expect(
      (await rejectionOf(guard.canActivate(contextFor(request, AccountsController.prototype.list)))).code,
    ).toBe('invalid_request');
  });

  it('[DPOP-2] sends a fresh DPoP-Nonce on success when nonces are configured', async () => {
    const secret = Buffer.alloc(32, 9).toString('base64url');
    const source = new DpopNonces({ secrets: [secret], clock: () => NOW_MS });
    const nonceWorld = new ResourceServerWorld({ dpopNonces: { source, required: false } });
    const guard = new ProtectedResourceGuard(nonceWorld.resource, AUDIENCE);
    const reply = { headers: {} as Record<string, string> };
    await guard.canActivate(
      contextFor(await fastifyRequestFor(nonceWorld), AccountsController.prototype.list, reply),
    );
    expect(reply.headers['DPoP-Nonce']).toBe(source.issue());
  });

  it('[TOK-1] verifies against the token service JWKS fetched over HTTP, refreshing on a new kid', async () => {
    let published = [] as unknown[];
    const server: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
      const keys = new RemoteJwks({ url, allowLoopbackHttp: true, cooldownSeconds: 0 });
      const world = new ResourceServerWorld({ accessTokenKeys: keys });
      published = [];
      const guard = new ProtectedResourceGuard(world.resource, AUDIENCE);
      const first = await fastifyRequestFor(world);
      expect(
        (await rejectionOf(guard.canActivate(contextFor(first, AccountsController.prototype.list)))).code,
      ).toBe('invalid_token');
      published = [world.tokenService.publicJwk];
      const second = await fastifyRequestFor(world);
      await expect(guard.canActivate(contextFor(second, AccountsController.prototype.list))).resolves.toBe(
        true,
      );
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('protectedResourceRequestOf', () => {
  it('[DPOP-1] builds the URL from the configured public origin, never from the Host header', () => {
    const request = protectedResourceRequestOf(
      { method: 'GET', url: '/accounts?x=1', headers: { host: 'attacker.example' } },
      'https://api.bank.example/',
    );
    expect(request.url).toBe('https://api.bank.example/accounts?x=1');
  });

  it('does not let a path starting with // change the host', () => {
    const request = protectedResourceRequestOf(
      { method: 'GET', url: '//attacker.example/accounts', headers: {} },
      'https://api.bank.example',
    );
    expect(new URL(request.url).host).toBe('api.bank.example');
  });

  it('[MTLS-1] reads the client certificate and peer address from the TLS socket', () => {
    const der = derOf(TPP_CERTIFICATE);
    const request = protectedResourceRequestOf(
      {
        method: 'GET',
        url: '/accounts',
        headers: {},
        raw: { socket: { remoteAddress: '::ffff:10.1.1.1', getPeerCertificate: () => ({ raw: der }) } },
      },
      'https://api.bank.example',
    );
    expect(request.tlsClientCertificate).toBe(der);
    expect(request.peerAddress).toBe('::ffff:10.1.1.1');
  });

  it('[MTLS-1] reports no certificate when the TLS peer sent none', () => {
    const request = protectedResourceRequestOf(
      { method: 'GET', url: '/accounts', headers: {}, raw: { socket: { getPeerCertificate: () => ({}) } } },
      'https://api.bank.example',
    );
    expect(request.tlsClientCertificate).toBeUndefined();
  });
});
