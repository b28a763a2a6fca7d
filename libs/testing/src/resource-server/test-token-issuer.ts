// The token service as a resource server's test sees it: an AS key served as a JWKS by a tiny local
// HTTP server (the service's ISSUER_JWKS_URI), minting RFC 9068 access tokens bound to a TPP's DPoP
// key (or, for negative tests, bound to nothing). For tests of consent, grants and any other
// resource server that should not need the whole token service.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  generateSigningKey,
  issueAccessToken,
  jwkThumbprint,
  randomId,
  type SigningKey,
} from '@grantline/crypto';

export interface TestAccessTokenClaims {
  scope: string;
  /** Default the client itself (a client_credentials token). */
  sub?: string;
  authorization_details?: object[];
  grant_id?: string;
  exp?: number;
  jti?: string;
  /** Default the client's DPoP key; `null` mints a bearer token bound to nothing. */
  cnf?: { jkt?: string; 'x5t#S256'?: string } | null;
}

export class TestTokenIssuer {
  readonly key: SigningKey;
  /** The private JWK, for a real token service to sign with (SIGNING_KEYS) while this serves the JWKS. */
  readonly privateJwk: object;
  private server: Server | undefined;

  /** `issuer`: the `iss` and default `aud` of minted tokens (the resource server's ISSUER). */
  constructor(readonly issuer: string) {
    const generated = generateSigningKey('ES256', 'as-key-1');
    this.key = generated.signingKey;
    this.privateJwk = generated.privateJwk;
  }

  /** Starts serving the JWKS; returns its URL. */
  async start(): Promise<string> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ keys: [this.key.publicJwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    return this.jwksUri;
  }

  get jwksUri(): string {
    if (!this.server) throw new Error('TestTokenIssuer is not started');
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/jwks`;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }

  accessToken(
    client: { clientId: string; dpopKey: SigningKey },
    claims: TestAccessTokenClaims,
  ): Promise<string> {
    const iat = Math.floor(Date.now() / 1000);
    const cnf = claims.cnf === undefined ? { jkt: jwkThumbprint(client.dpopKey.publicJwk) } : claims.cnf;
    return issueAccessToken(this.key, {
      iss: this.issuer,
      sub: claims.sub ?? client.clientId,
      aud: this.issuer,
      client_id: client.clientId,
      iat,
      exp: claims.exp ?? iat + 300,
      jti: claims.jti ?? `at-${randomId(16)}`,
      scope: claims.scope,
      ...(cnf ? { cnf } : {}),
      ...(claims.authorization_details ? { authorization_details: claims.authorization_details } : {}),
      ...(claims.grant_id ? { grant_id: claims.grant_id } : {}),
    } as Parameters<typeof issueAccessToken>[1]);
  }
}
