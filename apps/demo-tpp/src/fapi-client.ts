// The demo TPP's FAPI 2.0 client, all openid-client v6's own machinery: discovery, private_key_jwt
// with the TPP's key (PrivateKeyJwt), DPoP with a fresh key pair (getDPoPHandle), PAR
// (buildAuthorizationUrlWithPAR), PKCE S256, state and nonce, and the RFC 9207 `iss` check, which
// openid-client makes because the server advertises authorization_response_iss_parameter_supported.
// Tokens stay inside this module: callers get TokenFacts to print and an opaque handle to use.
import * as oidc from 'openid-client';
import { readUnverifiedJwt, webCryptoSigningKey } from '@grantline/crypto';
import { DemoStopped, type DemoTppRegistration } from './demo-tpp-file';
import type { TokenFacts } from './narration';

/** A token the TPP holds; its value never leaves this module. */
export class HeldToken {
  readonly #response: oidc.TokenEndpointResponse;

  constructor(response: oidc.TokenEndpointResponse) {
    this.#response = response;
  }

  /** @internal the access token, for openid-client's protected-resource call only */
  accessTokenForRequest(): string {
    return this.#response.access_token;
  }

  facts(): TokenFacts {
    const response = this.#response;
    let bound = false;
    try {
      const claims = readUnverifiedJwt(response.access_token).claims as { cnf?: { jkt?: unknown } };
      bound = typeof claims.cnf?.jkt === 'string';
    } catch {
      bound = false; // an opaque token: the server's token_type says what it is
    }
    return {
      tokenType: response.token_type,
      expiresIn: response.expires_in,
      scope: response.scope,
      grantId: typeof response['grant_id'] === 'string' ? response['grant_id'] : undefined,
      refreshToken: typeof response.refresh_token === 'string',
      idToken: typeof response.id_token === 'string',
      boundToDpopKey: bound,
    };
  }

  authorizationDetails(): Array<Record<string, unknown>> {
    const details = this.#response.authorization_details;
    return Array.isArray(details) ? (details as unknown as Array<Record<string, unknown>>) : [];
  }
}

export interface ResourceReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- OB bodies are read field by field
  body: any;
}

interface PendingAuthorization {
  codeVerifier: string;
  state: string;
  nonce: string;
}

/** Says in one sentence why the platform could not be reached, or rethrows. */
function unreachable(error: unknown, issuer: string): never {
  let code: string | undefined;
  for (
    let link = error as { code?: unknown; cause?: unknown } | undefined;
    link && !code;
    link = link.cause as typeof link
  )
    if (typeof link.code === 'string' && /^E[A-Z]+$/.test(link.code)) code = link.code;
  if (error instanceof TypeError || code === 'ECONNREFUSED' || code === 'ENOTFOUND') {
    throw new DemoStopped(
      `cannot reach the platform at ${issuer}${code ? ` (${code})` : ''}: is it running? Start it with \`npm start\`, or name another with --issuer`,
    );
  }
  throw error;
}

export class FapiClient {
  private pending?: PendingAuthorization;

  private constructor(
    private readonly config: oidc.Configuration,
    private readonly dpop: oidc.DPoPHandle,
  ) {}

  /** Discovery from the issuer, with the TPP's key for private_key_jwt and a fresh DPoP key. */
  static async connect(issuer: string, tpp: DemoTppRegistration): Promise<FapiClient> {
    const clientAuth = oidc.PrivateKeyJwt(await webCryptoSigningKey(tpp.privateJwk));
    // Plain http only for a loopback development origin, as `npm start` serves it.
    const options = new URL(issuer).protocol === 'http:' ? { execute: [oidc.allowInsecureRequests] } : {};
    let config: oidc.Configuration;
    try {
      config = await oidc.discovery(new URL(issuer), tpp.clientId, {}, clientAuth, options);
    } catch (error) {
      unreachable(error, issuer);
    }
    return new FapiClient(config, oidc.getDPoPHandle(config, await oidc.randomDPoPKeyPair('ES256')));
  }

  serverMetadata(): oidc.ServerMetadata {
    return this.config.serverMetadata();
  }

  async clientCredentials(scope: string): Promise<HeldToken> {
    return new HeldToken(await oidc.clientCredentialsGrant(this.config, { scope }, { DPoP: this.dpop }));
  }

  /** PAR with PKCE S256, state and nonce; the authorization URL the PSU opens. */
  async pushAuthorizationRequest(parameters: {
    redirectUri: string;
    scope: string;
    authorizationDetails: Array<Record<string, unknown>>;
  }): Promise<URL> {
    const pending: PendingAuthorization = {
      codeVerifier: oidc.randomPKCECodeVerifier(),
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
    };
    const url = await oidc.buildAuthorizationUrlWithPAR(
      this.config,
      {
        redirect_uri: parameters.redirectUri,
        scope: parameters.scope,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
        state: pending.state,
        nonce: pending.nonce,
        authorization_details: JSON.stringify(parameters.authorizationDetails),
      },
      { DPoP: this.dpop },
    );
    this.pending = pending;
    return url;
  }

  /** The callback checked (state, iss, error) and its code redeemed with the PKCE verifier and DPoP. */
  async redeem(callback: URL): Promise<HeldToken> {
    const pending = this.pending;
    if (!pending) throw new Error('no authorization request in flight');
    this.pending = undefined;
    try {
      const response = await oidc.authorizationCodeGrant(
        this.config,
        callback,
        {
          pkceCodeVerifier: pending.codeVerifier,
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          idTokenExpected: true,
        },
        undefined,
        { DPoP: this.dpop },
      );
      return new HeldToken(response);
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new DemoStopped(
          `the bank answered ${error.error}${error.error_description ? ` (${error.error_description})` : ''}: the PSU did not approve`,
        );
      }
      throw error;
    }
  }

  /** A resource request with the token and a DPoP proof; a refusal is an answer, not a failure. */
  async resource(
    token: HeldToken,
    method: 'GET' | 'POST',
    url: string,
    body?: string,
    headers: Record<string, string> = {},
  ): Promise<ResourceReply> {
    let response: Response;
    try {
      response = await oidc.fetchProtectedResource(
        this.config,
        token.accessTokenForRequest(),
        new URL(url),
        method,
        body,
        new Headers({
          accept: 'application/json',
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...headers,
        }),
        { DPoP: this.dpop },
      );
    } catch (error) {
      if (error instanceof oidc.WWWAuthenticateChallengeError) {
        return { status: error.status, body: { challenge: error.response.headers.get('www-authenticate') } };
      }
      throw error;
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = { unparsed: text.slice(0, 300) };
    }
    return { status: response.status, body: parsed };
  }
}
